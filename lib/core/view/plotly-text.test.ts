import { describe, expect, it } from "vitest";
import { plotlyText } from "./plotly-text";
import { sweepFinalChart } from "@/lib/comparisons/view/sweep-chart";

describe("plotlyText", () => {
  it("leaves no tag for Plotly to read, and round-trips through entity decoding", () => {
    const name = `<a href="https://example.invalid/">x</a> & <b>bold</b> &amp;`;
    const escaped = plotlyText(name);
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped).toBe(`&lt;a href="https://example.invalid/"&gt;x&lt;/a&gt; &amp; &lt;b&gt;bold&lt;/b&gt; &amp;amp;`);
    const decoded = escaped.replace(/&(lt|gt|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", amp: "&" })[e]!);
    expect(decoded).toBe(name);
  });

  it("changes nothing in plain names", () => {
    expect(plotlyText("logps/chosen (raw)")).toBe("logps/chosen (raw)");
  });
});

describe("sweep chart text", () => {
  it("escapes the metric name in axis title and hover text, keeping Plotly's own markup", () => {
    const figure = sweepFinalChart({
      aggregates: [{ beta: 0.1, values: [1], mean: 1, stdError: null } as never],
      parameter: "beta",
      metric: "<a href='x'>m</a>",
      colors: new Map(),
    });
    const yTitle = (figure.layout.yaxis as { title: { text: string } }).title.text;
    expect(yTitle).toBe("&lt;a href='x'&gt;m&lt;/a&gt;, final value");
    const hover = (figure.data.at(-1) as { hovertemplate: string }).hovertemplate;
    expect(hover).toContain("<br>&lt;a href='x'&gt;m&lt;/a&gt;: %{y:.4g}<extra></extra>");
  });
});

describe("pair scatter hover text", () => {
  it("escapes pair ids", async () => {
    const { pairScatter } = await import("@/lib/sequences/view/pair-figures");
    const figure = pairScatter([{ pair_id: "<a href='x'>1</a>", logp_chosen: -1, logp_rejected: -2, ref_logp_chosen: 0, ref_logp_rejected: 0 }]);
    expect((figure.data[0] as { text: string[] }).text).toEqual(["&lt;a href='x'&gt;1&lt;/a&gt;"]);
  });
});
