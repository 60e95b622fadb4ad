import "server-only";
import { randomBytes } from "node:crypto";
import { EmbeddedDatabaseBusyError, getDatabase } from "../db";
import { isDatabaseEmpty, seedDemoProject, seedPaperProject } from "../demo/seed";
import { publicUrl } from "./public-url";

const holder = globalThis as typeof globalThis & { __prefscopeLocalToken?: string };

/** The secret the CLI presents to reach this server's loopback-only routes (read from the lock file). */
export function localToken(): string | undefined {
  return holder.__prefscopeLocalToken;
}

function shouldSeed(driver: string): boolean {
  const setting = process.env.PREFSCOPE_SEED;
  if (setting !== undefined) return setting === "1" || setting === "true";
  return driver === "pglite";
}

/** Opens the database when the server starts: migrations, the embedded lock, demo data on an empty database. */
export async function bootServer(): Promise<void> {
  const url = publicUrl();
  holder.__prefscopeLocalToken ??= randomBytes(32).toString("base64url");
  try {
    const database = await getDatabase({ role: "server", url, token: holder.__prefscopeLocalToken });
    const where = database.driver === "pglite" ? `embedded PGlite at ${database.dataDir}` : "Postgres server (DATABASE_URL)";
    let keyLine = "";
    if (shouldSeed(database.driver) && (await isDatabaseEmpty())) {
      const started = Date.now();
      const { key, runs, flagged } = await seedDemoProject();
      const references = await seedPaperProject();
      keyLine =
        `\n  Demo project: ${runs} toy-model runs (${flagged} flagged) at ${url}/p/demo` +
        `\n  Paper project: ${references} reference rows from Tables 1-3, 8-10 at ${url}/p/paper` +
        `\n  Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        `\n  Demo API key (shown once): ${key}`;
    }
    console.log(`\n  PrefScope dashboard: ${url}\n  Database: ${where}${keyLine}\n`);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError) {
      console.error(`\n  PrefScope cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
