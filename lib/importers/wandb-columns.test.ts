import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv-decoder";
import { utf8 } from "./test-support";

describe("W&B exports", () => {
  it("a chart export: the run prefix goes, the smoothing band (__MIN/__MAX) is left out", () => {
    const text = ['"Step","dpo-b0.1 - train/loss","dpo-b0.1 - train/loss__MIN","dpo-b0.1 - train/loss__MAX"', '"10","0.69","0.6","0.7"', '"20","0.5","0.45","0.55"'].join("\n");
    const run = parseCsv(utf8(text));
    expect(run.rows).toEqual([
      { step: 10, values: { "train/loss": 0.69 } },
      { step: 20, values: { "train/loss": 0.5 } },
    ]);
    expect(run.problems).toEqual([]);
  });

  it("several runs in one chart export keep their prefixes, so their series stay apart", () => {
    const run = parseCsv(utf8("Step,a - loss,b - loss\n1,0.5,0.25\n"));
    expect(run.rows).toEqual([{ step: 1, values: { "a - loss": 0.5, "b - loss": 0.25 } }]);
  });

  it("pandas' index column is not a metric; a metric merely named like a band is kept", () => {
    const run = parseCsv(utf8(",_step,loss,x__MIN\n0,1,0.5,3\n1,2,0.25,4\n"));
    expect(run.rows).toEqual([
      { step: 1, values: { loss: 0.5, x__MIN: 3 } },
      { step: 2, values: { loss: 0.25, x__MIN: 4 } },
    ]);
  });
});
