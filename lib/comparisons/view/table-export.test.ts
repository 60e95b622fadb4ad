import { describe, expect, it } from "vitest";
import { escapeCsv, escapeLatex, escapeMarkdown, pivotToExport, toCsv, toLatex, toMarkdown, type ExportTable } from "./table-export";
import { pivotTable, type PivotRunInput } from "./table-pivot";

function runs(): PivotRunInput[] {
  const make = (i: number, scenario: number, acc: number): PivotRunInput => ({
    id: `r${i}`,
    name: `run-${i}`,
    group: null,
    algorithm: "dpo",
    config: { scenario },
    metrics: { "eval/pref_accuracy": { first: 0, last: acc, min: 0, max: acc } },
  });
  return [make(1, 1, 0.9), make(2, 1, 0.8), make(3, 2, 0.5), make(4, 2, Number.NaN)];
}

function table(): ExportTable {
  return pivotToExport(pivotTable({ runs: runs(), groupBy: "config.scenario", columns: [{ key: "eval/pref_accuracy", stat: "last", better: "higher" }] }));
}

describe("toMarkdown", () => {
  it("writes a header, an alignment row and one row per group, the best cell in bold", () => {
    const lines = toMarkdown([table()]).trim().split("\n");
    expect(lines).toEqual(["| scenario | n | eval/pref\\_accuracy (last) |", "| --- | ---: | ---: |", "| 1 | 2 | **0.850 ± 0.071** |", "| 2 | 2 | 0.5 (1 NaN) |"]);
  });

  it("escapes pipes, emphasis and newlines in text", () => {
    expect(escapeMarkdown("a|b*c_d\ne")).toBe("a\\|b\\*c\\_d e");
  });

  it("puts a caption above a table and separates tables by a blank line", () => {
    const out = toMarkdown([table(), { ...table(), caption: "paper · Table 1" }]);
    expect(out).toContain("|\n\n*paper · Table 1*\n\n| scenario");
  });
});

describe("toCsv", () => {
  it("splits statistics into full-precision mean and std columns, with a note column when needed", () => {
    const lines = toCsv([table()]).trimEnd().split("\r\n");
    expect(lines[0]).toBe("scenario,n,eval/pref_accuracy (last),eval/pref_accuracy (last) std,eval/pref_accuracy (last) note");
    const [label, n, mean, std, note] = lines[1]!.split(",");
    expect([label, n, note]).toEqual(["1", "2", ""]);
    expect(Number(mean)).toBeCloseTo(0.85, 12);
    expect(Number(std)).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(lines[2]).toBe("2,2,0.5,,1 NaN");
  });

  it("quotes per RFC 4180 and defuses formulas in text", () => {
    expect(escapeCsv('say "hi", then')).toBe('"say ""hi"", then"');
    expect(escapeCsv("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(escapeCsv("-x")).toBe("'-x");
    expect(escapeCsv("-0.5", { isText: false })).toBe("-0.5");
    expect(escapeCsv("-0.5")).toBe("-0.5");
  });
});

describe("toLatex", () => {
  it("writes a booktabs tabular with numbers in math mode and the best in bold", () => {
    const out = toLatex([{ ...table(), caption: "Accuracy & 50% of runs" }]);
    expect(out).toContain("\\caption{Accuracy \\& 50\\% of runs}");
    expect(out).toContain("\\begin{tabular}{lrr}");
    expect(out).toContain("scenario & n & eval/pref\\_accuracy (last) \\\\");
    expect(out).toContain("1 & 2 & $\\mathbf{0.850 \\pm 0.071}$ \\\\");
    expect(out).toContain("2 & 2 & $0.5$ (1 NaN) \\\\");
    expect(out.indexOf("\\toprule")).toBeLessThan(out.indexOf("\\midrule"));
  });

  it("escapes every special character", () => {
    expect(escapeLatex("a_b&c%d$e#f{g}h~i^j\\k<l")).toBe("a\\_b\\&c\\%d\\$e\\#f\\{g\\}h\\textasciitilde{}i\\textasciicircum{}j\\textbackslash{}k\\textless{}l");
  });
});
