import { describe, expect, it } from "vitest";
import { metricSections } from "./metric-sections";

describe("metric sections", () => {
  it("groups by the prefix before the first slash, unprefixed names first, then in order of appearance", () => {
    const keys = ["eval/acc", "grad/norm", "loss", "eval/loss", "logps/chosen/sum", "lr"].map((key) => ({ key }));
    expect(metricSections(keys).map((s) => [s.title, s.series.map((x) => x.key)])).toEqual([
      ["General", ["loss", "lr"]],
      ["eval/", ["eval/acc", "eval/loss"]],
      ["grad/", ["grad/norm"]],
      ["logps/", ["logps/chosen/sum"]],
    ]);
  });

  it("keeps a name that starts with a slash whole, and an empty page empty", () => {
    expect(metricSections([{ key: "/odd" }]).map((s) => s.prefix)).toEqual([""]);
    expect(metricSections([])).toEqual([]);
  });
});
