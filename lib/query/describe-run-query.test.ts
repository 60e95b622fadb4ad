import { describe, expect, it } from "vitest";
import { describeRunQuery } from "./describe-run-query";
import { parseRunQuery } from "./parse-run-query";

const describeText = (query: string, maxLength?: number) => describeRunQuery(parseRunQuery(query), maxLength);

describe("describeRunQuery", () => {
  it.each([
    ["", "all runs"],
    ["algorithm = dpo AND config.beta < 0.1", "algorithm is dpo and config.beta < 0.1"],
    ['name ~ "seed" OR tag = baseline', 'name contains "seed" or tagged baseline'],
    ["flag = Dispersion", "flagged dispersion"],
    ["flag >= warning", "highest flag ≥ warning"],
    ["flag.degradation >= warning", "flag.degradation ≥ warning"],
    ["status != finished AND (config.scenario = 1 OR config.scenario = 2)", "status is not finished and (config.scenario is 1 or config.scenario is 2)"],
    ["metric.`eval.acc`.last <= 0.3", "metric.`eval.acc`.last ≤ 0.3"],
    ["has:config.alpha -tag:baseline", "has config.alpha and not tagged baseline"],
    ["config.beta = null", "no config.beta"],
    ["dpo-beta", 'name contains "dpo-beta"'],
    ["status not in (running, failed)", "status not in (running, failed)"],
    ["config.lr = \"1e-3\" name !~ 'a b'", 'config.lr is "1e-3" and name does not contain "a b"'],
    ["NOT (a OR b)", 'not (name contains "a" or name contains "b")'],
  ])("%s", (query, text) => {
    expect(describeText(query)).toBe(text);
  });

  it("ends a long description with an ellipsis", () => {
    const text = describeText("algorithm = dpo AND config.beta < 0.1 AND tag = baseline", 30);
    expect(text).toBe("algorithm is dpo and config.b…");
    expect(text.length).toBe(30);
  });
});
