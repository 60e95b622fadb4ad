import { describe, expect, it } from "vitest";
import type { RunQueryNode, RunQueryValue } from "./run-query-ast";
import { RunQueryError } from "./run-query-error";
import { formatRunQueryField } from "./run-query-fields";
import { parseRunQuery, RUN_QUERY_LIMITS } from "./parse-run-query";

/** The tree as a compact S-expression, so precedence reads at a glance. */
function tree(query: string): string {
  const node = parseRunQuery(query);
  return node ? render(node) : "null";
}

function render(node: RunQueryNode): string {
  switch (node.kind) {
    case "and":
    case "or":
      return `(${node.kind} ${node.children.map(render).join(" ")})`;
    case "not":
      return `(not ${render(node.child)})`;
    case "text":
      return `"${node.text}"`;
    case "has":
      return `(has ${formatRunQueryField(node.field)})`;
    case "in":
      return `(in ${formatRunQueryField(node.field)} ${node.values.map(renderValue).join(" ")})`;
    case "compare":
      return `(${node.op} ${formatRunQueryField(node.field)} ${renderValue(node.value)})`;
  }
}

function renderValue(value: RunQueryValue): string {
  switch (value.type) {
    case "number":
      return `#${value.value}`;
    case "string":
      return value.quoted ? `'${value.text}'` : value.text;
    case "boolean":
      return `?${value.value}`;
    case "null":
      return "∅";
  }
}

function errorOf(query: string): string {
  try {
    parseRunQuery(query);
  } catch (error) {
    if (error instanceof RunQueryError) return error.message;
    throw error;
  }
  throw new Error(`parsed: ${query}`);
}

describe("parseRunQuery: structure", () => {
  it("gives null for a blank query", () => {
    expect(parseRunQuery("")).toBeNull();
    expect(parseRunQuery("   \t")).toBeNull();
  });

  it("binds AND tighter than OR, and ANDs adjacent terms", () => {
    expect(tree("a OR b c")).toBe('(or "a" (and "b" "c"))');
    expect(tree("a b OR c")).toBe('(or (and "a" "b") "c")');
    expect(tree("a and b or c and d")).toBe('(or (and "a" "b") (and "c" "d"))');
    expect(tree("a AND b AND c")).toBe('(and "a" "b" "c")');
  });

  it("lets parentheses override precedence", () => {
    expect(tree("(a OR b) c")).toBe('(and (or "a" "b") "c")');
    expect(tree("status != finished AND (config.scenario = 1 OR config.scenario = 2)")).toBe("(and (!= status finished) (or (= config.scenario #1) (= config.scenario #2)))");
  });

  it("negates with NOT or a leading dash, tighter than AND", () => {
    expect(tree("NOT a b")).toBe('(and (not "a") "b")');
    expect(tree("-a b")).toBe('(and (not "a") "b")');
    expect(tree("-(a OR b)")).toBe('(not (or "a" "b"))');
    expect(tree("- tag:x")).toBe("(not (= tag x))");
    expect(tree("not not a")).toBe('(not (not "a"))');
    expect(tree("--a")).toBe('(not (not "a"))');
    expect(tree("-metric.loss.last > 1")).toBe("(not (> metric.loss.last #1))");
  });

  it("reads keywords in any case", () => {
    expect(tree("a Or b aNd NoT c")).toBe('(or "a" (and "b" (not "c")))');
    expect(tree("status In (running)")).toBe("(in status running)");
  });

  it("reads bare words and quoted strings as name-contains text", () => {
    expect(tree("dpo-beta")).toBe('"dpo-beta"');
    expect(tree('"seed 1"')).toBe('"seed 1"');
    expect(tree("don't")).toBe(`"don't"`);
    expect(tree("v1.2 run/x")).toBe('(and "v1.2" "run/x")');
  });
});

describe("parseRunQuery: terms", () => {
  it("reads every operator, with or without spaces", () => {
    for (const op of ["=", "!=", "<", "<=", ">", ">="]) expect(tree(`config.beta${op}0.1`)).toBe(`(${op} config.beta #0.1)`);
    expect(tree("name ~ seed")).toBe("(~ name seed)");
    expect(tree("name!~seed")).toBe("(!~ name seed)");
  });

  it("reads key:value as key = value, and has:field", () => {
    expect(tree("flag:degradation")).toBe("(= flag degradation)");
    expect(tree('name:"a b"')).toBe("(= name 'a b')");
    expect(tree("has:config.alpha")).toBe("(has config.alpha)");
    expect(tree("HAS:metric.loss")).toBe("(has metric.loss)");
    expect(tree("has:metric.loss.last")).toBe("(has metric.loss.last)");
  });

  it("reads IN and NOT IN lists", () => {
    expect(tree("status in (running, failed)")).toBe("(in status running failed)");
    expect(tree("config.scenario NOT IN (1,2)")).toBe("(not (in config.scenario #1 #2))");
  });

  it("types values: numbers, quoted strings, words, booleans, null", () => {
    expect(tree("config.a = 1e-3")).toBe("(= config.a #0.001)");
    expect(tree("config.a > -2.5")).toBe("(> config.a #-2.5)");
    expect(tree("config.a < .5")).toBe("(< config.a #0.5)");
    expect(tree("config.a = 1E+3")).toBe("(= config.a #1000)");
    expect(tree('config.a = "0.1"')).toBe("(= config.a '0.1')");
    expect(tree("config.a = 'it\\'s'")).toBe("(= config.a 'it's')");
    expect(tree("config.a = 'it''s'")).toBe("(and (= config.a 'it') \"s\")"); // SQL's doubled quote is not an escape
    expect(tree('config.a = "say \\"hi\\""')).toBe(`(= config.a 'say "hi"')`);
    expect(tree("config.a = TRUE config.b = false")).toBe("(and (= config.a ?true) (= config.b ?false))");
    expect(tree("config.a = null")).toBe("(= config.a ∅)");
    expect(tree("metric.loss.last = NaN")).toBe("(= metric.loss.last #NaN)");
    expect(tree("metric.loss.last < -inf")).toBe("(< metric.loss.last #-Infinity)");
    expect(tree("config.name = gpt-2")).toBe("(= config.name gpt-2)");
  });

  it("lets a value hold colons, so times need no quotes", () => {
    expect(tree("created > 2024-05-01T12:00:30Z algorithm:dpo")).toBe("(and (> created 2024-05-01T12:00:30Z) (= algorithm dpo))");
  });

  it("resolves fields", () => {
    expect(tree("config.model.name = gpt2")).toBe("(= config.model.name gpt2)");
    expect(tree('config."a.b".c = 1')).toBe("(= config.`a.b`.c #1)");
    expect(tree("metric.rewards/accuracies.last > 0.5")).toBe("(> metric.rewards/accuracies.last #0.5)");
    expect(tree("metric.`eval.acc`.last > 0.5")).toBe("(> metric.`eval.acc`.last #0.5)");
    expect(tree("metric.eval.acc.max > 0.5")).toBe("(> metric.`eval.acc`.max #0.5)");
    expect(tree("metric.'loss'.min > 0.5")).toBe("(> metric.loss.min #0.5)");
    expect(tree("tags = x flags = dispersion Name ~ a")).toBe("(and (= tag x) (= flag dispersion) (~ name a))");
    expect(tree("flag.Dispersion >= warning flag.severity = critical")).toBe("(and (>= flag.dispersion warning) (= flag.severity critical))");
    expect(tree("created >= 2024-05-01 id ~ 3f2a group = null")).toBe("(and (>= created 2024-05-01) (~ id 3f2a) (= group ∅))");
  });

  it("keeps each term's offset for the UI", () => {
    const node = parseRunQuery("a  config.b = 1");
    expect(node).toMatchObject({
      kind: "and",
      children: [
        { kind: "text", offset: 0 },
        { kind: "compare", offset: 3 },
      ],
    });
  });
});

describe("parseRunQuery: errors carry the offset at fault", () => {
  it.each([
    ["config.beta < ", 'Expected a value after "<" at 14'],
    ["algorithm = dpo AND config.beta < AND x", 'Expected a value after "<" at 34'],
    ['"or" OR', "Expected a term after OR at 7"],
    ["name = ", 'Expected a value after "=" at 7'],
    ["status in ()", 'Expected a value after "(" at 11'],
    ["status in (a,)", 'Expected a value after "," at 13'],
    ["status in (a b)", 'Expected "," or ")" in the IN list, got "b" at 13'],
    ["a AND", "Expected a term after AND at 5"],
    ["a OR OR b", "Unexpected OR at 5"],
    ["(a OR b", 'Unclosed "(" at 0'],
    ["a) b", 'Unexpected ")" with no "(" to close at 1'],
    ["()", 'Unexpected ")" at 1'],
    ["= x", 'Unexpected "=" at 0'],
    ['name = "abc', 'Unterminated " string at 7'],
    ["name ! x", 'Unexpected "!" (use != or !~, or NOT to negate) at 5'],
    ["foo = 1", 'Unknown field "foo" (try name, group, algorithm, status, health, tag, flag, created, id, config.<key> or metric.<name>.last) at 0'],
    ["name.first = x", "name has no sub-fields at 5"],
    ["health = dead", 'Expected live, stale, crashed or null, got "dead" at 9'],
    ["health > stale", '">" does not apply to health; use = or != at 7'],
    ["config = 1", 'Expected a key after "config." at 6'],
    ["config..a = 1", "Empty name in the field path at 7"],
    ["config.a. = 1", "The field path ends with a dot at 9"],
    ["metric.loss < 1", "Expected .first, .last, .min or .max after metric.loss at 11"],
    ["metric.loss.last = low", 'metric.loss.last compares with numbers, got "low" at 19'],
    ["metric.loss.last > NaN", "NaN only compares with = or != at 19"],
    ["metric.loss.last ~ 1", '"~" does not apply to metric.loss.last; use = != < <= > or >= at 17'],
    ["name > b", '">" does not apply to name; use = != ~ or !~ at 5'],
    ["created ~ 2024", '"~" does not apply to created; use = != < <= > or >= at 8'],
    ["created > yesterday", 'Expected a date like 2024-05-01 or 2024-05-01T12:00Z, got "yesterday" at 10'],
    ["created = 2024-02-30", 'Expected a date like 2024-05-01 or 2024-05-01T12:00Z, got "2024-02-30" at 10'],
    ["created = null", "created always has a value; null does not apply at 10"],
    ["flag = bogus", 'Unknown flag "bogus"; expected drastic_drop, degradation, dispersion, non_finite, loss_spike or a severity (info, warning, critical, none) at 7'],
    ["flag > dispersion", '">" does not apply to flag; use = or != at 5'],
    ["flag.bogus = warning", 'Unknown flag "bogus" (expected drastic_drop, degradation, dispersion, non_finite, loss_spike or severity) at 5'],
    ["flag.dispersion = high", 'Expected a severity (info, warning, critical, none), got "high" at 18'],
    ["config.flag < true", '"<" does not apply to config.flag; use = or != at 12'],
    ["config.a ~ null", '"~" does not apply to config.a; use = or != at 9'],
    ["has:", 'Expected a field after "has:" at 4'],
    ["config.`a`b = 1", 'Expected "." after the quoted name at 10'],
  ])("%s", (query, message) => {
    expect(errorOf(query)).toBe(message);
  });

  it("is an AppError that answers 422 with path q", () => {
    try {
      parseRunQuery("config.beta < ");
    } catch (error) {
      expect(error).toBeInstanceOf(RunQueryError);
      expect(error).toMatchObject({ status: 422, offset: 14, reason: 'Expected a value after "<"', path: ["q"] });
    }
    expect.assertions(2);
  });
});

describe("parseRunQuery: limits", () => {
  it(`accepts ${RUN_QUERY_LIMITS.maxLength} characters and refuses one more`, () => {
    const longest = "x".repeat(RUN_QUERY_LIMITS.maxLength);
    expect(tree(longest)).toBe(`"${longest}"`);
    expect(errorOf(`${longest}y`)).toBe("Query is longer than 500 characters at 500");
  });

  it(`accepts nesting ${RUN_QUERY_LIMITS.maxDepth} deep and refuses deeper`, () => {
    const nest = (depth: number) => `${"(".repeat(depth)}a${")".repeat(depth)}`;
    expect(tree(nest(20))).toBe('"a"');
    expect(errorOf(nest(21))).toBe("Query nests deeper than 20 levels at 20");
    expect(errorOf(`${"NOT ".repeat(21)}a`)).toBe("Query nests deeper than 20 levels at 80");
    expect(errorOf(`${"-".repeat(21)}a`)).toBe("Query nests deeper than 20 levels at 20");
  });

  it(`accepts ${RUN_QUERY_LIMITS.maxTerms} terms and refuses more, IN values counting`, () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`).join(" ");
    expect(parseRunQuery(terms(50))).toMatchObject({ kind: "and" });
    expect(errorOf(terms(51))).toBe(`Query has more than 50 terms at ${terms(50).length + 1}`);
    const list = Array.from({ length: 50 }, (_, i) => i).join(",");
    expect(tree(`config.a in (${list})`)).toContain("#49");
    expect(errorOf(`x config.a in (${list})`)).toMatch(/^Query has more than 50 terms at \d+$/);
  });
});
