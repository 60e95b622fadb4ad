import path from "node:path";
import { mkdirSync } from "node:fs";
import { connect, type Socket } from "node:net";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { setting } from "../config";
import * as schema from "./schema";
import { acquireEmbeddedLock, type EmbeddedLock } from "./embedded-lock";
import { migratePglite, migratePostgres } from "./migrate";
import { createPglite } from "./pglite-client";
import { restrictToOwner } from "./owner-only";
import { embeddedDataDir, type DbDriver } from "./driver";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type { DbDriver } from "./driver";

export interface Database {
  db: Db;
  driver: DbDriver;
  /** Where the embedded database lives; null on a server. */
  dataDir: string | null;
  /**
   * LISTEN on a channel: `onNotify` gets each payload; `onListen` runs each time the listen takes effect — after a
   * postgres.js reconnect too (notifications sent while it was down are lost, so a listener catches up there).
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

interface SocketTarget {
  host: string[];
  port: number[];
  path?: string | false;
}

/**
 * postgres.js leaves Nagle's algorithm on, which stalls every small write by tens of milliseconds. The socket is
 * handed over while it connects: postgres.js then sees a refused or dropped connection on the socket's own
 * `error`/`close` events and retries, whereas a rejected promise here would leave its pool connection stuck
 * "connecting" for good (every later query hanging once the database had been down).
 */
export function connectWithoutNagle(target: SocketTarget): Socket {
  const socket = target.path ? connect(target.path) : connect(target.port[0] ?? 5432, target.host[0] ?? "localhost");
  socket.setNoDelay(true);
  socket.once("connect", () => socket.setNoDelay(true));
  return socket;
}

async function openPostgres(url: string): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  await migratePostgres(url);
  const client = postgres(url, {
    max: setting("PREFSCOPE_DB_POOL"),
    onnotice: () => {},
    // Typed by postgres.js's docs, not its .d.ts.
    ...({ socket: connectWithoutNagle } as object),
    connection: { application_name: "prefscope" },
  });
  // postgres.js builds arrays wrongly before its first connection has read the server's types: connect now.
  await client`select 1`;
  const db = drizzle(client, { schema }) as unknown as Db;
  const listen: Database["listen"] = async (channel, onNotify, onListen) => {
    // postgres.js keeps one connection of its own for LISTEN, reconnects it and listens again after a drop.
    const { unlisten } = await client.listen(channel, onNotify, onListen);
    return unlisten;
  };
  return { db, driver: "postgres", dataDir: null, listen, close: () => client.end({ timeout: 5 }) };
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: EmbeddedLock,
  ) {
    const who = holder.role === "server" ? `a PrefScope server (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ""})` : `another prefscope command (pid ${holder.pid})`;
    super(
      `The embedded database at ${dataDir} is open in ${who}; PGlite allows one process at a time. ` +
        `Stop that process, or set DATABASE_URL to use a Postgres server, then run this again.`,
    );
  }
}

async function openPglite(dataDir: string, lock: Omit<EmbeddedLock, "pid">): Promise<Database> {
  const { drizzle } = await import("drizzle-orm/pglite");
  // The database's files are the server's alone (the catalogs, pg_hba.conf, every row): folders this process
  // creates are 0700 from the umask, and what an earlier version left open is closed before and after PGlite
  // unpacks its initial files (which it writes 0666 whatever the umask).
  process.umask(process.umask() | 0o077);
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o700 });
  const taken = acquireEmbeddedLock(dataDir, lock);
  if ("heldBy" in taken) throw new EmbeddedDatabaseBusyError(dataDir, taken.heldBy);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    restrictToOwner(dataDir);
    const client = await createPglite({ dataDir });
    await migratePglite(client);
    restrictToOwner(dataDir);
    const db = drizzle(client, { schema }) as unknown as Db;
    const close = async () => {
      await client.close();
      taken.release();
    };
    const listen: Database["listen"] = async (channel, onNotify, onListen) => {
      const unlisten = await client.listen(channel, onNotify);
      onListen?.();
      return unlisten;
    };
    return { db, driver: "pglite", dataDir, listen, close };
  } catch (error) {
    taken.release();
    throw error;
  }
}

/** Opens the database the environment selects and brings its schema up to date. */
export async function openDatabase(lock: Omit<EmbeddedLock, "pid"> = { role: "server" }): Promise<Database> {
  const url = setting("DATABASE_URL");
  return url ? openPostgres(url) : openPglite(embeddedDataDir(), lock);
}

// One database per process, shared by every bundle Next.js builds (route handlers, instrumentation).
const holder = globalThis as typeof globalThis & { __prefscopeDb?: Promise<Database> };

export function getDatabase(lock?: Omit<EmbeddedLock, "pid">): Promise<Database> {
  holder.__prefscopeDb ??= openDatabase(lock).catch((error: unknown) => {
    holder.__prefscopeDb = undefined;
    throw error;
  });
  return holder.__prefscopeDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export async function closeDatabase(): Promise<void> {
  const pending = holder.__prefscopeDb;
  holder.__prefscopeDb = undefined;
  if (pending) await (await pending).close();
}

/** Runs raw SQL and returns its rows, whichever driver answers (postgres.js gives an array, PGlite `{rows}`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
