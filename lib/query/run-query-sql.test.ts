import { asc, count, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runs } from "../core/db/schema";
import { parseRunQuery } from "./parse-run-query";
import { runQueryToSql } from "./run-query-sql";
import { insertRuns, openMigratedPglite, testRunId, type RunSpec, type TestDb } from "./test-support";

// Six runs that differ in every column the language reads; the comments name what each one is there to test.
const RUNS: RunSpec[] = [
  {
    name: "dpo-beta-seed1",
    algorithm: "dpo",
    group: "sweep-a",
    status: "finished",
    config: { beta: 0.05, scenario: 1, lr: "1e-3", model: { name: "gpt2", layers: 12 } }, // lr: a YAML-style string number
    tags: ["baseline"],
    flags: [{ property: "dispersion", severity: "warning" }],
    createdAt: "2024-05-01T08:00:00Z",
    metrics: { loss: { first: 0.69, last: 0.25, min: 0.2, max: 0.7 }, "rewards/accuracies": { last: 0.8 }, "eval.acc": { last: 0.7 } },
  },
  {
    name: "dpo-beta-seed2",
    algorithm: "dpo",
    group: "sweep-a",
    config: { beta: 0.5, scenario: 2, lr: 0.001, model: { name: "GPT2-medium" } },
    tags: ["sweep"],
    createdAt: "2024-05-01T23:59:59.999Z", // last millisecond of the day
    metrics: { loss: { first: 0.69, last: NaN, min: 0.3, max: 0.7 } }, // diverged: last is NaN
  },
  {
    name: "ipo-seed1",
    algorithm: "ipo",
    group: "sweep-b",
    status: "failed",
    config: { beta: "0.1", scenario: "1", use_lora: true }, // numbers as strings
    tags: ["baseline", "Ablation"],
    flags: [
      { property: "degradation", severity: "critical" },
      { property: "drastic_drop", severity: "info" },
    ],
    createdAt: "2024-05-02T00:00:00Z",
    metrics: { loss: { first: 0.7, last: 5, min: 0.5, max: 5 } },
  },
  {
    name: "simpo-long",
    algorithm: "simpo",
    status: "finished",
    // A JSON number too big for float8, and a string that is SQL.
    configJson: `{"beta": 2, "scenario": 3, "alpha": 0, "huge": 1e999, "note": "x'; drop table runs; --"}`,
    flags: [{ property: "drastic_drop", severity: "warning" }],
    createdAt: "2024-06-15T12:00:00Z",
    metrics: { loss: { first: 0.7, last: Infinity, min: 0.7, max: 0.7 } },
  },
  { name: "kto-empty", createdAt: "2023-12-31T23:00:00Z" }, // no algorithm, group, config, tags, flags or metrics
  {
    name: "100%_done", // LIKE wildcards in the name
    algorithm: "dpo",
    config: { beta: null, scenario: 1.0, date: "2024-05-02" },
    tags: ["a_b"],
    flags: [{ property: "dispersion", severity: "critical" }],
    createdAt: "2024-05-02T10:00:00Z",
  },
];
const [A, B, C, D, E, F] = RUNS.map((r) => r.name);
const ALL = RUNS.map((r) => r.name).sort();

let db: TestDb;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openMigratedPglite());
  await insertRuns(db, RUNS);
});

afterAll(() => close());

async function namesMatching(query: string): Promise<string[]> {
  const ast = parseRunQuery(query);
  const rows = await db
    .select({ name: runs.name })
    .from(runs)
    .where(ast ? runQueryToSql(ast) : undefined)
    .orderBy(asc(runs.name));
  return rows.map((r) => r.name);
}

const sorted = (...names: (string | undefined)[]) => names.map(String).sort();

// Each query with exactly the runs it must return; every one is also run negated (see below).
const CASES: [string, string[]][] = [
  ["algorithm = dpo AND config.beta < 0.1", sorted(A)],
  ["algorithm = DPO", sorted(A, B, F)],
  ['name ~ "seed" OR tag = baseline', sorted(A, B, C)],
  ["flag = dispersion", sorted(A, F)],
  ["status != finished AND (config.scenario = 1 OR config.scenario = 2)", sorted(B, C, F)],
  ["metric.loss.last < 0.3", sorted(A)],
  ['config.model.name = "gpt2"', sorted(A)],
  ["flag:degradation", sorted(C)],
  ["has:config.alpha", sorted(D)],
  ["dpo-beta", sorted(A, B)],
  // precedence: AND binds tighter than OR
  ["algorithm = ipo OR algorithm = simpo AND flag = dispersion", sorted(C)],
  ["(algorithm = ipo OR algorithm = simpo) AND flag = drastic_drop", sorted(C, D)],
  ["-dpo", sorted(C, D, E, F)],
  // text columns
  ["algorithm = null", sorted(E)],
  ["algorithm != dpo", sorted(C, D, E)],
  ["group = sweep-a", sorted(A, B)],
  ["group != sweep-a", sorted(C, D, E, F)],
  ["has:group", sorted(A, B, C)],
  ["status in (running, failed)", sorted(B, C, E, F)],
  ["status not in (running, failed)", sorted(A, D)],
  ['name ~ "%"', sorted(F)],
  ["name ~ _", sorted(F)],
  ["name !~ seed", sorted(D, E, F)],
  [`id ~ ${testRunId(3).slice(-4)}`, sorted(C)],
  [`id = ${testRunId(3).toUpperCase()}`, sorted(C)],
  // tags
  ["tag = ablation", sorted(C)],
  ["tags ~ abl", sorted(C)],
  ["tag = null", sorted(D, E)],
  ["-tag:baseline", sorted(B, D, E, F)],
  ["tag in (sweep, a_b)", sorted(B, F)],
  // flags
  ["flag >= warning", sorted(A, C, D, F)],
  ["flag = none", sorted(B, E)],
  ["flag < warning", sorted(B, E)],
  ["flag = null", sorted(B, E)],
  ["has:flag", sorted(A, C, D, F)],
  ["flag != dispersion", sorted(B, C, D, E)],
  ["flag.severity = critical", sorted(C, F)],
  ["flag.drastic_drop >= info", sorted(C, D)],
  ["flag.drastic_drop < warning", sorted(A, B, C, E, F)],
  ["flag.dispersion = critical", sorted(F)],
  ["has:flag.degradation", sorted(C)],
  ["flag in (degradation, drastic_drop)", sorted(C, D)],
  // config: numbers, numeric strings, text, booleans, presence, nesting
  ["config.lr < 0.01", sorted(A, B)],
  ['config.lr = "1e-3"', sorted(A)],
  ["config.beta = 0.1", sorted(C)],
  ['config.beta = "0.1"', sorted(C)],
  ["config.beta >= 0.5", sorted(B, D)],
  ["config.beta = null", sorted(E, F)],
  ["has:config.beta", sorted(A, B, C, D)],
  ["config.scenario in (1, 2)", sorted(A, B, C, F)],
  ["config.scenario > 2", sorted(D)],
  ["config.model.layers >= 12", sorted(A)],
  ["config.model.name ~ gpt2", sorted(A, B)],
  ["config.model = gpt2", []],
  ["has:config.model", sorted(A, B)],
  ["config.use_lora = true", sorted(C)],
  ["config.use_lora = false", []],
  ["config.date >= 2024-05-01", sorted(F)],
  ["config.huge > 1e308", sorted(D)],
  ['config.note = "x\'; drop table runs; --"', sorted(D)],
  ["config.note ~ drop", sorted(D)],
  // metrics: NaN, Infinity, missing series, names with / and dots
  ["metric.loss.last > 1", sorted(C, D)],
  ["metric.loss.last = NaN", sorted(B)],
  ["metric.loss.last != NaN", sorted(A, C, D, E, F)],
  ["metric.loss.last = inf", sorted(D)],
  ["metric.loss.last = null", sorted(E, F)],
  ["has:metric.loss", sorted(A, B, C, D)],
  ["metric.loss.first > 0.69", sorted(C, D)],
  ["metric.loss.min <= 0.3", sorted(A, B)],
  ["metric.loss.max in (0.7, 5)", sorted(A, B, C, D)],
  ["metric.rewards/accuracies.last >= 0.8", sorted(A)],
  ["metric.`eval.acc`.last > 0.5", sorted(A)],
  ["metric.eval.acc.last > 0.5", sorted(A)],
  // created: a date is the whole UTC day
  ["created = 2024-05-01", sorted(A, B)],
  ["created > 2024-05-01", sorted(C, D, F)],
  ["created <= 2024-05-01", sorted(A, B, E)],
  ["created < 2024-01-01", sorted(E)],
  ["created >= 2024-05-02T00:00Z", sorted(C, D, F)],
  ["created < 2024-05-01T23:59:59.999", sorted(A, E)],
];

describe("runQueryToSql against PGlite", () => {
  it("returns every run for a blank query", async () => {
    expect(await namesMatching("  ")).toEqual(ALL);
  });

  it.each(CASES)("%s", async (query, expected) => {
    expect(await namesMatching(query)).toEqual(expected);
  });

  // Every term is true or false, never null: NOT q is the exact complement of q, missing values included.
  it.each(CASES)("NOT (%s) is its complement", async (query, expected) => {
    expect(await namesMatching(`NOT (${query})`)).toEqual(ALL.filter((name) => !expected.includes(name)));
  });

  it("binds user values as parameters, never as SQL text", async () => {
    const attack = "x'; drop table runs; --";
    const ast = parseRunQuery(`name = "${attack}" OR config.${"`a'b`"} = "${attack}" OR metric.${"`l'oss`"}.last > 1 OR tag ~ "${attack}"`)!;
    const query = db.select({ n: count() }).from(runs).where(runQueryToSql(ast)).toSQL();
    expect(query.sql).not.toContain("drop table");
    expect(query.sql).not.toContain("a'b");
    expect(query.params).toContain(attack);
    expect(await namesMatching(`name = "${attack}"`)).toEqual([]);
    const [{ n }] = (await db.select({ n: count() }).from(runs)) as [{ n: number }];
    expect(n).toBe(RUNS.length);
  });

  it("reads an aliased runs table, as a caller that joins would", async () => {
    const r = alias(runs, "r");
    const rows = await db
      .select({ name: r.name })
      .from(r)
      .where(runQueryToSql(parseRunQuery("metric.loss.last < 0.3 tag:baseline flag >= warning")!, r));
    expect(rows.map((row) => row.name)).toEqual([A]);
  });

  it("filters by health: a running run's silence against the database's clock (default 5 min stale, 30 min crashed)", async () => {
    await db.execute(sql`update runs set last_seen_at = now() - interval '10 minutes' where name = ${B}`);
    await db.execute(sql`update runs set last_seen_at = now() - interval '1 hour' where name in (${E}, ${A})`);
    try {
      // A finished run silent for an hour has no health: only running runs are live, stale or crashed.
      expect(await namesMatching("health = stale")).toEqual([B]);
      expect(await namesMatching("health = CRASHED")).toEqual([E]);
      expect(await namesMatching("health = live")).toEqual([F]);
      expect(await namesMatching("health in (stale, crashed)")).toEqual(sorted(B, E));
      expect(await namesMatching("health != live")).toEqual(sorted(A, B, C, D, E));
      expect(await namesMatching("health = null")).toEqual(sorted(A, C, D));
      expect(await namesMatching("has:health")).toEqual(sorted(B, E, F));
    } finally {
      await db.execute(sql`update runs set last_seen_at = now()`);
    }
  });

  it("composes with the caller's own conditions", async () => {
    const rows = await db
      .select({ name: runs.name })
      .from(runs)
      .where(sql`${runs.status} = 'finished' and ${runQueryToSql(parseRunQuery("config.beta > 1 or dpo")!)}`)
      .orderBy(asc(runs.name));
    expect(rows.map((row) => row.name)).toEqual(sorted(A, D));
  });
});
