import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import * as schema from "./schema";
import { connectWithoutNagle, queryRows, type Db, type DbDriver } from ".";
import { setting } from "../config";
import { migratePglite, migratePostgres, migrationsFolder } from "./migrate";
import { createPglite } from "./pglite-client";

/** A migrated database of a test file's own: `reset` empties it between tests, `close` drops it. */
export interface TestDatabase {
  db: Db;
  driver: DbDriver;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a fresh database for the services' unit tests, without a built app or a server: an in-memory PGlite, or,
 * when `DATABASE_URL` is set, a new database on that Postgres server (dropped again by `close`). Open one per test
 * file (migrating takes a second or two) and `reset` it before each test.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = setting("DATABASE_URL");
  const opened = serverUrl ? await openOnServer(serverUrl) : await openInMemory();
  return { ...opened, reset: () => emptyTables(opened.db) };
}

/**
 * Migrating a new PGlite costs most of a test file's start, so the first file to migrate leaves the result in the
 * system's temp folder (named by the migrations' contents) and later files load that instead.
 */
function snapshotFile(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(migrationsFolder(), { recursive: true }).map(String).sort()) {
    if (name.endsWith(".sql") || name.endsWith(".json")) hash.update(name).update(readFileSync(path.join(migrationsFolder(), name)));
  }
  return path.join(tmpdir(), `prefscope-test-pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

async function openInMemory(): Promise<Omit<TestDatabase, "reset">> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const file = snapshotFile();
  let snapshot: Blob | undefined;
  try {
    snapshot = new Blob([readFileSync(file)]);
  } catch {
    // Not made yet: this file migrates and leaves one.
  }
  const client = await createPglite(snapshot ? { loadDataDir: snapshot } : {});
  if (!snapshot) {
    await migratePglite(client);
    const dump = Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer());
    // Written aside and renamed, so a file starting meanwhile reads a whole snapshot or none.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(partial, dump);
    renameSync(partial, file);
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, driver: "pglite", close: () => client.close() };
}

async function openOnServer(url: string): Promise<Omit<TestDatabase, "reset">> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const name = `prefscope_unit_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  await migratePostgres(target.href);
  // The app's own socket (Nagle off): without it a COPY's last small message waits ~40 ms for the server's ACK.
  const client = postgres(target.href, { max: 4, onnotice: () => {}, ...({ socket: connectWithoutNagle } as object) });
  // postgres.js builds arrays wrongly before its first connection has read the server's types (see openPostgres).
  await client`select 1`;
  const db = drizzle(client, { schema }) as unknown as Db;
  const close = async () => {
    await client.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.end({ timeout: 5 });
  };
  return { db, driver: "postgres", close };
}

/** Every table of the app emptied, identities restarted (the migrations' own bookkeeping is in another schema). */
async function emptyTables(db: Db): Promise<void> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`,
  );
  if (tables.length === 0) return;
  await db.execute(sql.raw(`truncate table ${tables.map((t) => `"${t.name}"`).join(", ")} restart identity cascade`));
}
