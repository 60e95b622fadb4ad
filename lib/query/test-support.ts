// Helpers shared by this folder's tests (no test runs here; vitest only collects *.test.ts): an in-memory
// PGlite with the app's migrations, and a small generator of runs with the columns the query language reads.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle, type PgliteDatabase } from "drizzle-orm/pglite";
import type { FlagProperty, FlagSeverity } from "../diagnostics/types";
import * as schema from "../core/db/schema";
import { FLAG_SEVERITIES } from "./run-query-ast";

export type TestDb = PgliteDatabase<typeof schema>;

/** The migrations as drizzle-kit wrote them, in journal order, one statement at a time. */
export async function openMigratedPglite(): Promise<{ db: TestDb; close: () => Promise<void> }> {
  const folder = path.resolve(process.cwd(), "drizzle");
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
  const client = new PGlite();
  for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
    const text = readFileSync(path.join(folder, `${entry.tag}.sql`), "utf8");
    for (const statement of text.split("--> statement-breakpoint")) {
      if (statement.trim()) await client.exec(statement);
    }
  }
  return { db: drizzle(client, { schema }), close: () => client.close() };
}

export interface MetricSpec {
  first?: number | null;
  last?: number | null;
  min?: number | null;
  max?: number | null;
}

export interface RunSpec {
  name: string;
  algorithm?: string | null;
  group?: string | null;
  status?: string;
  config?: Record<string, unknown>;
  /** Raw JSON for config, for numbers JavaScript cannot hold (1e999). */
  configJson?: string;
  tags?: string[];
  flags?: { property: FlagProperty; severity: FlagSeverity }[];
  createdAt?: string;
  metrics?: Record<string, MetricSpec>;
}

/** Run ids end in the run's 1-based position, so tests can name them. */
export function testRunId(position: number): string {
  return `00000000-0000-4000-8000-${position.toString(16).padStart(12, "0")}`;
}

const float = (value: number | null | undefined) => (value === null || value === undefined ? null : String(value));

export async function insertRuns(db: TestDb, specs: readonly RunSpec[]): Promise<void> {
  const [project] = await db.insert(schema.projects).values({ name: "query-tests" }).returning();
  for (const [index, spec] of specs.entries()) {
    const id = testRunId(index + 1);
    const flags = (spec.flags ?? []).map((f) => ({ ...f, first_step: 10, evidence: {} }));
    await db.insert(schema.runs).values({
      id,
      projectId: project!.id,
      name: spec.name,
      algorithm: spec.algorithm ?? null,
      group: spec.group ?? null,
      status: spec.status ?? "running",
      config: spec.config ?? {},
      tags: spec.tags ?? [],
      flags,
      // What the diagnostics store beside the flags: the highest severity's rank.
      flagLevel: Math.max(0, ...flags.map((f) => FLAG_SEVERITIES.indexOf(f.severity) + 1)),
      createdAt: new Date(spec.createdAt ?? "2024-05-01T12:00:00Z"),
    });
    if (spec.configJson) await db.execute(sql`update ${schema.runs} set config = ${spec.configJson}::jsonb where id = ${id}`);
    for (const [name, m] of Object.entries(spec.metrics ?? {})) {
      // As text, so NaN and Infinity reach float8 as themselves.
      await db.execute(sql`insert into metric_keys (run_id, name, count, first_value, last_value, min_value, max_value)
        values (${id}, ${name}, 10, ${float(m.first)}::float8, ${float(m.last)}::float8, ${float(m.min)}::float8, ${float(m.max)}::float8)`);
    }
  }
}
