import { describe, expect, it } from "vitest";
import { FLAG_PROPERTIES } from "../types";
import { FLAG_EXPLANATIONS, FLAG_LABELS, FLAG_TITLES } from "./flag-text";

describe("flag words", () => {
  it("name and explain every flag property, the training-health ones included", () => {
    expect(FLAG_PROPERTIES).toEqual(expect.arrayContaining(["non_finite", "loss_spike"]));
    for (const property of FLAG_PROPERTIES) {
      expect(FLAG_LABELS[property]).toBeTruthy();
      expect(FLAG_TITLES[property]).toBeTruthy();
      expect(FLAG_EXPLANATIONS[property]).toBeTruthy();
    }
  });
});
