import { describe, expect, it } from "vitest";
import { distributionHeatmap, pairScatter } from "./pair-figures";

describe("pair figures", () => {
  it("plots every finite pair, labels it with its id, and counts the both-fell quadrant", () => {
    const row = (id: string, c: number | string, r: number) => ({ pair_id: id, logp_chosen: c, ref_logp_chosen: 0, logp_rejected: r, ref_logp_rejected: 0 });
    const fig = pairScatter([row("a", -1, -2), row("b", 1, -2), row("c", "NaN", 0)]);
    const trace = fig.data[0] as { x: number[]; y: number[]; text: string[] };
    expect(trace.text).toEqual(["a", "b"]);
    expect(trace.x).toEqual([-1, 1]);
    expect((fig.layout.annotations as { text: string }[])[0]!.text).toBe("both fell: 1 of 2 pairs");
  });

  it("normalises each step's histogram to shares", () => {
    const fig = distributionHeatmap(
      {
        steps: [0, 5],
        edges: [0, 1, 2],
        chosen: [
          [1, 3],
          [0, 2],
        ],
        rejected: [
          [0, 0],
          [0, 0],
        ],
        nonFinite: [0, 0],
      },
      "chosen",
    );
    expect((fig.data[0] as { z: number[][] }).z).toEqual([
      [0.25, 0],
      [0.75, 1],
    ]);
  });
});
