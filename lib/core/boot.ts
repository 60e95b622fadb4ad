import "server-only";
import { randomBytes } from "node:crypto";
import { ConfigError, readConfig, setting } from "./config";
import { EmbeddedDatabaseBusyError, getDatabase } from "./db";
import { isDatabaseEmpty, seedDemoProject, seedPaperProject } from "../demo/seed";
import { resumePendingDeletes } from "../runs/server/lifecycle";
import { recomputePendingFlags } from "../diagnostics/server/run-diagnostics";
import { startSilenceSweeper } from "../runs/server/silence-sweeper";
import { isLoopbackHost } from "./http/loopback";
import { accountsEnabled } from "../accounts/server/users";
import { publicUrl } from "./public-url";
import { registerShareLinkLookup } from "../reports/server/share-page-status";
import { getShareLinkState } from "../reports/server/share-link-state";
import { DEFAULT_SCRYPT_COST, scryptCost } from "../accounts/server/passwords";

const holder = globalThis as typeof globalThis & { __prefscopeLocalToken?: string };

/** The secret the CLI presents to reach this server's loopback-only routes (read from the lock file). */
export function localToken(): string | undefined {
  return holder.__prefscopeLocalToken;
}

function shouldSeed(driver: string): boolean {
  return setting("PREFSCOPE_SEED") ?? driver === "pglite";
}

/** Opens the database when the server starts: migrations, the embedded lock, demo data on an empty database. */
export async function bootServer(): Promise<void> {
  try {
    // Every variable now, so a bad one stops the server here rather than failing the first request that reads it.
    readConfig();
    const url = publicUrl();
    holder.__prefscopeLocalToken ??= randomBytes(32).toString("base64url");
    const database = await getDatabase({ role: "server", url, token: holder.__prefscopeLocalToken });
    await refuseOpenLocalMode();
    const cost = scryptCost();
    if (cost < DEFAULT_SCRYPT_COST && !listensOnLoopback()) {
      throw new LocalModeError(`PREFSCOPE_SCRYPT_COST=${cost} is below OWASP's floor (17): a test setting, refused with HOST=${setting("HOST")}.`);
    }
    const weakHashes = cost < DEFAULT_SCRYPT_COST ? `\n  Password hashes: scrypt N = 2^${cost} (PREFSCOPE_SCRYPT_COST; for tests only)` : "";
    const where = database.driver === "pglite" ? `embedded PGlite at ${database.dataDir}` : "Postgres server (DATABASE_URL)";
    let keyLine = "";
    if (shouldSeed(database.driver) && (await isDatabaseEmpty())) {
      const started = Date.now();
      const { key, runs, flagged } = await seedDemoProject({ db: database.db });
      const references = await seedPaperProject({ db: database.db });
      keyLine =
        `\n  Demo project: ${runs} toy-model runs (${flagged} flagged) at ${url}/p/demo` +
        `\n  Paper project: ${references} reference rows from Tables 1-3, 8-10 at ${url}/p/paper` +
        `\n  Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        `\n  Demo API key (shown once): ${key}`;
    }
    console.log(`\n  PrefScope dashboard: ${url}\n  Database: ${where}${weakHashes}${keyLine}\n`);
    resumePendingFlags();
    resumeDeletes();
    startSilenceSweeper();
    registerShareLinkLookup((token) => getShareLinkState({ token }));
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError || error instanceof LocalModeError || error instanceof ConfigError) {
      console.error(`\n  PrefScope cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

class LocalModeError extends Error {}

function listensOnLoopback(): boolean {
  const host = setting("HOST");
  return !host || isLoopbackHost(host.includes(":") && !host.startsWith("[") ? `[${host}]` : host);
}

/**
 * With no user yet nobody signs in, so — as TensorBoard does — PrefScope then listens on loopback only. Serving
 * others (HOST=0.0.0.0) needs an admin first.
 */
async function refuseOpenLocalMode(): Promise<void> {
  const host = setting("HOST");
  if (listensOnLoopback()) return;
  if (await accountsEnabled()) return;
  throw new LocalModeError(
    `HOST=${host} would open the dashboard to others, but no user exists yet (local mode answers without sign-in).\n` +
      `  Create an admin first: npx prefscope users create --admin --username NAME\n  or start on 127.0.0.1 and open /setup.`,
  );
}

/** In the background: flags a previous server owed when it stopped (kill -9, crash) are computed now. */
function resumePendingFlags(): void {
  recomputePendingFlags()
    .then((count) => count > 0 && console.log(`[prefscope] recomputed the flags of ${count} runs written after their last computation`))
    .catch((error: unknown) => console.error("[prefscope] recomputing pending flags failed", error));
}

/** In the background: deletes a previous server marked but did not finish (kill -9 mid-purge) are finished now. */
function resumeDeletes(): void {
  resumePendingDeletes()
    .then(({ runs, projects }) => runs + projects > 0 && console.log(`[prefscope] finished deleting ${runs} runs and ${projects} projects a previous server left half-deleted`))
    .catch((error: unknown) => console.error("[prefscope] finishing pending deletes failed", error));
}
