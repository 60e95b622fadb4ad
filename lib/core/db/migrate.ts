import { readFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { setting } from "../config";

/** The generated migrations (`PREFSCOPE_MIGRATIONS_DIR`), applied in order; both drivers record them in drizzle's own table. */
export const migrationsFolder = () => path.resolve(/*turbopackIgnore: true*/ setting("PREFSCOPE_MIGRATIONS_DIR"));

// Any constant: it names the lock that keeps app instances starting together from migrating twice.
const MIGRATION_LOCK = 727_2024;

/** When the newest migration in the folder was generated: drizzle records that time (`when`) once it has applied it. */
function newestMigrationTime(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/**
 * Whether the folder's newest migration is applied already. Drizzle applies only migrations newer than the last it
 * recorded, so then it would do nothing; asking first spares every command on an existing folder loading its
 * migrator and running its DDL (0.3–0.5 s of `prefscope import`'s start on a busy machine, issue 16).
 */
async function pgliteIsCurrent(client: PGlite): Promise<boolean> {
  const table = await client.query<{ exists: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as exists");
  if (!table.rows[0]?.exists) return false;
  const last = await client.query<{ created_at: string | null }>("select max(created_at)::text as created_at from drizzle.__drizzle_migrations");
  return Number(last.rows[0]?.created_at ?? 0) >= newestMigrationTime();
}

export async function migratePglite(client: PGlite): Promise<void> {
  if (await pgliteIsCurrent(client)) return;
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
}

/** Migrates a server on a connection of its own, holding an advisory lock while it does. */
export async function migratePostgres(url: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
