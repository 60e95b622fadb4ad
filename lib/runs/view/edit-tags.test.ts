import { describe, expect, it } from "vitest";
import { editTags } from "./edit-tags";

describe("editTags", () => {
  it("removes first, then appends the added tags not there yet, in order", () => {
    expect(editTags(["draft", "keep"], ["swept", "keep", "swept"], ["draft"])).toEqual(["keep", "swept"]);
  });
  it("re-adds a tag removed in the same edit, at the end", () => {
    expect(editTags(["a", "b"], ["a"], ["a"])).toEqual(["b", "a"]);
  });
  it("changes nothing without lists", () => {
    expect(editTags(["a"])).toEqual(["a"]);
  });
});
