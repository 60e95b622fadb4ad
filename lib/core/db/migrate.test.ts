import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { migratePglite } from "./migrate";
import { createPglite } from "./pglite-client";

const journal = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "..", "drizzle", "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };

// migratePglite skips drizzle's migrator when the newest migration is recorded: a database one behind must still
// get the newest one (here 0011, which adds runs.diagnostics), and a current one must be left as it is.
it("applies a migration a database lacks, and leaves a current database as it is", { timeout: 120_000 }, async () => {
  const client = await createPglite();
  try {
    const recorded = async () => (await client.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0]!.n;
    const hasDiagnostics = async () => (await client.query("select 1 from information_schema.columns where table_name = 'runs' and column_name = 'diagnostics'")).rows.length === 1;
    await migratePglite(client);
    expect(await recorded()).toBe(journal.entries.length);
    expect(await hasDiagnostics()).toBe(true);

    // One behind: the newest migration's record and its column gone.
    await client.exec(`delete from drizzle.__drizzle_migrations where created_at = ${Math.max(...journal.entries.map((e) => e.when))}; alter table runs drop column diagnostics;`);
    expect(await recorded()).toBe(journal.entries.length - 1);
    await migratePglite(client);
    expect(await recorded()).toBe(journal.entries.length);
    expect(await hasDiagnostics()).toBe(true);

    await migratePglite(client);
    expect(await recorded()).toBe(journal.entries.length);
  } finally {
    await client.close();
  }
});
