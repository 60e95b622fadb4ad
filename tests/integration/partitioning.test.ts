import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { migratePglite } from "@/lib/core/db/migrate";
import { createPglite } from "@/lib/core/db/pglite-client";

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** The database the suite runs on: the server's test database, or a fresh in-memory PGlite with the migrations. */
async function openDatabase(): Promise<{ query: Query; close: () => Promise<void> }> {
  const url = inject("databaseUrl");
  if (url) {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    return { query: (text, params = []) => sql.unsafe(text, params as never[]) as unknown as Promise<Record<string, unknown>[]>, close: () => sql.end() };
  }
  const db = await createPglite();
  await migratePglite(db);
  return { query: async (text, params = []) => (await db.query<Record<string, unknown>>(text, params)).rows, close: () => db.close() };
}

describe("metrics and sequences are hash-partitioned by run", () => {
  it("routes a run's rows to one partition and prunes every per-run read to it", async () => {
    const db = await openDatabase();
    try {
      const parents = await db.query(
        "select c.relname, count(i.inhrelid)::int as parts from pg_partitioned_table p join pg_class c on c.oid = p.partrelid join pg_inherits i on i.inhparent = c.oid group by c.relname order by 1",
      );
      expect(parents).toEqual([
        { relname: "metrics", parts: 16 },
        { relname: "sequences", parts: 16 },
      ]);
      const run = randomUUID();
      await db.query("insert into metrics (run_id, key_id, step, value, wall_time) select $1::uuid, 1, s, s, 0 from generate_series(0, 99) s", [run]);
      const placed = await db.query("select tableoid::regclass::text as part, count(*)::int as n from metrics where run_id = $1 group by 1", [run]);
      expect(placed).toHaveLength(1);
      expect(placed[0]!.n).toBe(100);
      const plan = (await db.query(`explain select step, value from metrics where run_id = '${run}' and key_id = 1 order by step`))
        .map((r) => String(Object.values(r)[0]))
        .join("\n");
      expect(plan).toContain(String(placed[0]!.part));
      expect(new Set(plan.match(/metrics_p\d+\b/g))).toEqual(new Set([placed[0]!.part]));
      await db.query("delete from metrics where run_id = $1", [run]);
    } finally {
      await db.close();
    }
  });
});
