import { describe, expect, it } from "vitest";

import { createLabRunSchema, labSetupSchema } from "./contract";

const preset = { scenario: 1, algorithm: "dpo", beta: 0.1, steps: 300, seed: 1 };
const uniform = Array(10).fill(0.1);
const firstIssue = (input: unknown) => {
  const result = createLabRunSchema.safeParse(input);
  return result.success ? null : { path: result.error.issues[0]!.path, message: result.error.issues[0]!.message };
};

describe("createLabRunSchema", () => {
  it("accepts a preset or a custom start, into a project", () => {
    expect(createLabRunSchema.parse({ ...preset, project: "demo" })).toEqual({ ...preset, project: "demo" });
    expect(createLabRunSchema.safeParse({ ...preset, scenario: "custom", initial_distribution: uniform, project: "demo", name: "mine" }).success).toBe(true);
  });

  it("refuses a custom start without its distribution, or a distribution with a preset", () => {
    expect(firstIssue({ ...preset, scenario: "custom", project: "demo" })?.path).toEqual(["initial_distribution"]);
    expect(firstIssue({ ...preset, initial_distribution: uniform, project: "demo" })?.message).toMatch(/only with scenario "custom"/);
  });

  it("refuses a distribution that does not sum to 1 or reaches 0", () => {
    expect(firstIssue({ ...preset, scenario: "custom", initial_distribution: Array(10).fill(0.2), project: "demo" })?.message).toMatch(/sum to 1/);
    expect(firstIssue({ ...preset, scenario: "custom", initial_distribution: [0, ...Array(9).fill(1 / 9)], project: "demo" })?.path).toEqual(["initial_distribution", 0]);
  });

  it("refuses a parameter the algorithm does not read, steps over 5000, and unknown fields", () => {
    expect(firstIssue({ ...preset, beta_l: 0.01, project: "demo" })).toEqual({ path: ["beta_l"], message: "beta_l is not a parameter of dpo" });
    expect(firstIssue({ ...preset, steps: 5001, project: "demo" })?.path).toEqual(["steps"]);
    expect(labSetupSchema.safeParse({ ...preset, lr: 0.1 }).success).toBe(false);
    expect(firstIssue({ ...preset, beta: 0, project: "demo" })?.path).toEqual(["beta"]);
    expect(firstIssue({ ...preset, project: "no spaces" })?.path).toEqual(["project"]);
  });
});
