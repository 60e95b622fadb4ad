import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { connectWithoutNagle } from "../lib/core/db";

const TABLE = `create table bench_metrics (run_id uuid not null, key_id int not null, step bigint not null,
  value double precision not null, wall_time double precision not null, primary key (run_id, key_id, step))`;

const RUN = "00000000-0000-4000-8000-000000000001";

function csvRows(rows: number, keys: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(`${RUN},${i % keys},${Math.floor(i / keys)},${Math.sin(i)},${1.7e9 + i}`);
  return lines.join("\n") + "\n";
}

/**
 * Raw COPY into a table shaped like `metrics`, on a Postgres server: the ceiling ingest is measured against. The
 * table is unpartitioned and keeps no rollups (the app's `metrics` is hash-partitioned by run and ingest also
 * writes `metric_rollups`); bench/run.ts prints so.
 */
export async function serverCopyRate(url: string, rows: number, keys: number): Promise<number> {
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    // The same TCP_NODELAY socket the app uses, so the baseline is measured the way ingest runs.
    ...({ socket: connectWithoutNagle } as object),
  });
  try {
    await sql.unsafe("drop table if exists bench_metrics");
    await sql.unsafe(TABLE);
    const data = csvRows(rows, keys);
    const started = performance.now();
    const stream = await sql.unsafe("copy bench_metrics from stdin with (format csv)").writable();
    await pipeline(Readable.from([data]), stream);
    const seconds = (performance.now() - started) / 1000;
    await sql.unsafe("drop table bench_metrics");
    return rows / seconds;
  } finally {
    await sql.end();
  }
}

/**
 * `psql \copy` of the same rows from a CSV file into the same table shape, as psql's `\timing` reports it: the
 * server's own ceiling for CSV, with no Node.js in the way.
 */
export function psqlCopyRate(url: string, rows: number, keys: number): number {
  const dir = mkdtempSync(path.join(tmpdir(), "prefscope-bench-"));
  const file = path.join(dir, "metrics.csv");
  writeFileSync(file, csvRows(rows, keys));
  try {
    const script = `set client_min_messages = warning;\ndrop table if exists bench_metrics;\n${TABLE};\n\\timing on\n\\copy bench_metrics from '${file}' with (format csv)\n\\timing off\ndrop table bench_metrics;\n`;
    const out = execFileSync(process.env.PSQL ?? "psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url], { input: script, encoding: "utf8" });
    const ms = /Time: ([\d.]+) ms/.exec(out);
    if (!ms) throw new Error(`psql printed no timing: ${out}`);
    return rows / (Number(ms[1]) / 1000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median of three measurements: one COPY of a few hundred thousand rows swings by half on a shared machine. */
export async function medianOfThree(measure: () => number | Promise<number>): Promise<number> {
  const rates = [await measure(), await measure(), await measure()];
  return rates.sort((a, b) => a - b)[1]!;
}

/** Raw COPY into PGlite in a data folder of its own (PGlite is one process per folder and the app holds its own). */
export async function pgliteCopyRate(rows: number, keys: number): Promise<number> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "prefscope-bench-")), "db");
  const db = await PGlite.create(dir);
  try {
    await db.exec(TABLE);
    const blob = new Blob([csvRows(rows, keys)]);
    const started = performance.now();
    await db.query("copy bench_metrics from '/dev/blob' with (format csv)", [], { blob });
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await db.close();
  }
}
