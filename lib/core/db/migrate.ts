import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { setting } from "../config";

/** The generated migrations (`PREFSCOPE_MIGRATIONS_DIR`), applied in order; both drivers record them in drizzle's own table. */
export const migrationsFolder = () => path.resolve(/*turbopackIgnore: true*/ setting("PREFSCOPE_MIGRATIONS_DIR"));

// Any constant: it names the lock that keeps app instances starting together from migrating twice.
const MIGRATION_LOCK = 727_2024;

export async function migratePglite(client: PGlite): Promise<void> {
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
