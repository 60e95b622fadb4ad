import { availableParallelism } from "node:os";
import { isIP } from "node:net";
import { z } from "zod";

/*
 * Every environment variable the server, the CLI and the TypeScript client read, in one zod schema: its parser,
 * its default and one line of doc each. Nothing is read at import: `setting(name)` parses one variable when it is
 * asked for (tests and the CLI set the environment before first use; a server reads limits per request), and
 * `readConfig()` parses all of them at once, which the server does at start so a bad value stops it there. A value
 * the old code would have silently replaced by its default (PREFSCOPE_MAX_BODY_BYTES=32MB) is an error naming the
 * variable. An empty value counts as unset (`VAR= npm start`). README's table of variables is generated from here
 * (`npm run docs:env`; lib/core/config.test.ts fails when it drifts).
 *
 * Only this file reads `process.env` (lint rule in eslint.config.mjs).
 */

interface VariableDoc {
  /** The default as the README shows it. */
  default: string;
  /** One line: what the variable does. */
  doc: string;
  /** Never repeat the value in an error (it may hold a password or a key). */
  secret?: boolean;
}

const docs = z.registry<VariableDoc>();

const unsetWhenBlank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function numeric(expected: string, accepts: (value: number) => boolean) {
  return z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (accepts(value)) return value;
    ctx.addIssue({ code: "custom", message: `expected ${expected}` });
    return z.NEVER;
  });
}

const positiveInteger = () => numeric("a positive integer", (n) => Number.isSafeInteger(n) && n >= 1);
const nonNegativeInteger = () => numeric("an integer ≥ 0", (n) => Number.isSafeInteger(n) && n >= 0);
const nonNegativeNumber = () => numeric("a number ≥ 0", (n) => Number.isFinite(n) && n >= 0);
const positiveNumber = () => numeric("a number > 0", (n) => Number.isFinite(n) && n > 0);
const port = () => numeric("a port number (0 to 65535)", (n) => Number.isInteger(n) && n >= 0 && n <= 65_535);
const text = () => z.string();

const httpUrl = () =>
  z.string().refine((raw) => {
    try {
      const { protocol } = new URL(raw);
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  }, "expected an http:// or https:// URL");

const postgresUrl = () => z.string().refine((raw) => /^postgres(ql)?:\/\//.test(raw), "expected a postgres:// or postgresql:// URL");

/** `1`/`true` or `0`/`false` (the only spellings the server ever took as "seed"). */
const flag = () =>
  z.string().transform((raw, ctx) => {
    if (raw === "1" || raw === "true") return true;
    if (raw === "0" || raw === "false") return false;
    ctx.addIssue({ code: "custom", message: "expected 1, true, 0 or false" });
    return z.NEVER;
  });

/** Comma-separated host names, addresses and CIDR ranges; a range must have an address and a prefix length in bounds. */
const allowList = () =>
  z.string().superRefine((raw, ctx) => {
    for (const entry of raw.split(",").map((e) => e.trim())) {
      const slash = entry.indexOf("/");
      if (!entry || slash === -1) continue;
      const family = isIP(entry.slice(0, slash));
      const bits = entry.slice(slash + 1);
      if (family === 0 || !/^\d+$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128)) {
        ctx.addIssue({ code: "custom", message: `expected host names, addresses or CIDR ranges separated by commas; "${entry}" is not a range` });
      }
    }
  });

/** A variable with a default: a constant (shown as `value`, with a note) or computed at read time (shown as told). */
function withDefault<T>(schema: z.ZodType<T, string>, value: T | (() => T), doc: string, shown?: string) {
  // `as never`: zod types a default as NoUndefined<output>, which a generic T cannot be shown to be.
  const field = z.preprocess(unsetWhenBlank, schema.default(value as never));
  docs.add(field, { default: shown ?? `\`${String(value)}\``, doc });
  return field;
}

/** A variable without a default: unset means the feature decides (or is off). */
function optional<T>(schema: z.ZodType<T, string>, doc: string, options: { shown?: string; secret?: boolean } = {}) {
  const field = z.preprocess(unsetWhenBlank, schema.optional());
  docs.add(field, { default: options.shown ?? "unset", doc, ...(options.secret ? { secret: true } : {}) });
  return field;
}

const MiB = 1024 * 1024;

export const envSchema = z.object({
  DATABASE_URL: optional(postgresUrl(), "Postgres server (`postgres://user@host:5432/db`); unset → embedded PGlite", { secret: true }),
  PREFSCOPE_DATA_DIR: withDefault(text(), ".prefscope/db", "the embedded database's folder (relative to the working directory)", "`./.prefscope/db`"),
  PREFSCOPE_MIGRATIONS_DIR: withDefault(text(), "drizzle", "the migrations applied when the database opens (the `prefscope` command points it at its own package)", "`./drizzle`"),
  HOST: withDefault(text(), "127.0.0.1", "address to listen on; a non-loopback address needs a user first (local mode serves this machine only)"),
  PORT: withDefault(port(), 3000, "port to listen on"),
  PREFSCOPE_PUBLIC_URL: optional(httpUrl(), "the URL printed in the banner and used in links", { shown: "from HOST/PORT" }),
  PREFSCOPE_SEED: optional(flag(), "seed the demo project when the database is empty", { shown: "`1` on embedded, `0` on a server" }),
  PREFSCOPE_MAX_BODY_BYTES: withDefault(positiveInteger(), 32 * MiB, "larger request bodies get 413", "`33554432` (32 MiB)"),
  PREFSCOPE_DB_POOL: withDefault(positiveInteger(), 10, "postgres.js connections per app instance"),
  PREFSCOPE_MAX_IMPORT_BYTES: withDefault(positiveInteger(), 1024 * MiB, "largest upload to `/api/v1/import`", "`1073741824` (1 GiB)"),
  PREFSCOPE_MAX_ROWS_PER_BATCH: withDefault(positiveInteger(), 100_000, "most rows in one metrics or sequences batch (413, path `rows`)"),
  PREFSCOPE_MAX_METRIC_NAMES_PER_BATCH: withDefault(positiveInteger(), 1_000, "most distinct metric names in one metrics batch (413, path `rows`; one row over it: 422)"),
  PREFSCOPE_MAX_METRIC_NAMES_PER_RUN: withDefault(positiveInteger(), 10_000, "most distinct metric names one run holds (422, path `rows`)"),
  // Generous: a training client sends a batch every second or so; the benchmarks send a few hundred batches at once.
  PREFSCOPE_RATE_LIMIT_RPS: withDefault(nonNegativeNumber(), 100, "requests per second per API key, sustained (429 with `Retry-After`); `0` turns the limit off"),
  PREFSCOPE_RATE_LIMIT_BURST: withDefault(nonNegativeNumber(), 1_000, "requests a key may make at once before the rate applies; `0` turns the limit off"),
  PREFSCOPE_SIGNIN_WINDOW_S: withDefault(nonNegativeNumber(), 900, "seconds a window of counted failed sign-ins lasts; `0` turns the sign-in limits off"),
  PREFSCOPE_SIGNIN_MAX_PER_IP: withDefault(nonNegativeNumber(), 30, "failed sign-ins from one address per window before 429; `0` turns this limit off"),
  PREFSCOPE_SIGNIN_MAX_PER_USER: withDefault(nonNegativeNumber(), 10, "failed sign-ins for one username per window before 429; `0` turns this limit off"),
  PREFSCOPE_HASH_CONCURRENCY: withDefault(positiveInteger(), 2, "password hashes computed at once (each holds 128 MiB and a libuv thread)"),
  PREFSCOPE_HASH_QUEUE: withDefault(nonNegativeInteger(), 16, "password hashes that may wait for a turn; past that 503 with `Retry-After`"),
  PREFSCOPE_FLAGS_DEBOUNCE_MS: withDefault(
    nonNegativeNumber(),
    1_000,
    "quiet time after a batch before a run's flags are recomputed (at most `PREFSCOPE_FLAGS_MAX_WAIT_MS` apart while batches keep coming)",
  ),
  PREFSCOPE_FLAGS_MAX_WAIT_MS: withDefault(nonNegativeNumber(), 5_000, "longest a run's flags wait for recomputation while batches keep coming"),
  PREFSCOPE_LIVE_RESUME_S: withDefault(
    positiveInteger(),
    900,
    "how long a live viewer that lost its connection can resume without gaps (older changes are pruned; later it reloads)",
  ),
  PREFSCOPE_LIVE_REPLAY_OVERLAP_S: withDefault(nonNegativeNumber(), 5, "seconds of changes before a viewer's resume point replayed again (a writer may commit late)"),
  PREFSCOPE_LIVE_PING_S: withDefault(positiveInteger(), 15, "seconds between keep-alive comments on an idle live stream"),
  PREFSCOPE_LIVE_BUFFER_BYTES: withDefault(
    positiveInteger(),
    1_048_576,
    "bytes a live stream holds for a slow viewer; past it the viewer is told to reload, and nothing more is kept",
  ),
  PREFSCOPE_DELETE_BATCH_ROWS: withDefault(
    positiveInteger(),
    20_000,
    "rows removed per statement when a run or project is deleted (smaller: shorter pauses for others, longer deletes)",
  ),
  PREFSCOPE_WEBHOOK_RETRY_MS: withDefault(nonNegativeNumber(), 2_000, "first retry delay of a failed webhook (×4 each time, 4 attempts)"),
  PREFSCOPE_WEBHOOK_ALLOW_HOSTS: optional(
    allowList(),
    "host names, addresses and CIDR ranges a webhook may reach although they are loopback, private or link-local (see docs/security.md)",
  ),
  PREFSCOPE_RUN_STALE_AFTER_S: withDefault(
    positiveNumber(),
    300,
    "seconds a `running` run may go without data or a heartbeat before it shows as stale (and its project's webhook is told once)",
  ),
  // Six stale periods at the default: long enough for a checkpoint save or an evaluation pass that logs nothing (W&B
  // waits minutes too), short enough that a dead job is called crashed the same hour.
  PREFSCOPE_RUN_CRASHED_AFTER_S: withDefault(positiveNumber(), 1_800, "seconds without data or a heartbeat after which a `running` run shows as crashed"),
  PREFSCOPE_RUN_HEALTH_SWEEP_S: withDefault(positiveNumber(), 30, "seconds between an instance's looks for runs that went silent (to send the webhook's one message)"),
  PREFSCOPE_SCRYPT_COST: withDefault(
    numeric("an integer from 10 to 20", (n) => Number.isSafeInteger(n) && n >= 10 && n <= 20),
    17,
    "log2 N of new password hashes (scrypt, r = 8, p = 1), 10 to 20; each hash names its own cost, so old ones keep verifying. Below 17 (OWASP's floor) is for test suites only: the server refuses to start with it on a non-loopback `HOST`",
  ),
  PREFSCOPE_LAB_WORKERS: withDefault(positiveInteger(), () => Math.max(1, Math.min(4, availableParallelism() - 1)), "worker threads computing lab runs", "cores − 1 (1 to 4)"),
  PREFSCOPE_LAB_QUEUE: withDefault(nonNegativeInteger(), 16, "lab runs that may wait for a thread; past that 503 with `Retry-After`"),
  PREFSCOPE_URL: optional(
    httpUrl(),
    "server the TypeScript client, `prefscope toy` and `prefscope sync` send to (the client's default: `http://127.0.0.1:3000`; `sync`'s: the spool's)",
  ),
  PREFSCOPE_API_KEY: optional(text(), "API key the TypeScript client, `prefscope toy` and `prefscope sync` send", { secret: true }),
  PREFSCOPE_SPOOL_DIR: withDefault(text(), ".prefscope-spool", "folder where the TypeScript client spools what the server has not taken yet", "`./.prefscope-spool`"),
  // Read by next.config.mjs and scripts/ (plain Node before any build), listed here to be documented and checked.
  NEXT_DIST_DIR: withDefault(text(), ".next", "build folder (side-by-side builds)"),
});

export type Config = z.output<typeof envSchema>;
export type SettingName = keyof Config;

/** A variable holds a value its parser refuses. The message names the variable and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: { name: string; message: string }[]) {
    super(problems.map((p) => `${p.name}: ${p.message}`).join("; "));
    this.name = "ConfigError";
  }
}

function problem(name: SettingName, raw: string | undefined, issue: z.core.$ZodIssue | undefined) {
  const shown = docs.get(envSchema.shape[name])?.secret || raw === undefined ? "" : `, got ${JSON.stringify(raw)}`;
  return { name, message: `${issue?.message ?? "invalid value"}${shown}` };
}

/** One variable, parsed now (so a test or command that sets it first sees its value). Throws ConfigError. */
export function setting<K extends SettingName>(name: K): Config[K] {
  const raw = process.env[name];
  const result = envSchema.shape[name].safeParse(raw);
  if (!result.success) throw new ConfigError([problem(name, raw, result.error.issues[0])]);
  return result.data as Config[K];
}

/** Every variable at once; a ConfigError lists each bad one. The server calls this at start. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const names = [...new Set(result.error.issues.map((i) => String(i.path[0]) as SettingName))];
  throw new ConfigError(
    names.map((name) =>
      problem(
        name,
        env[name],
        result.error.issues.find((i) => i.path[0] === name),
      ),
    ),
  );
}

/** The variables as README's table lists them: name, default, one line of doc. */
export function describeVariables(): { name: SettingName; default: string; doc: string }[] {
  return (Object.keys(envSchema.shape) as SettingName[]).map((name) => {
    const meta = docs.get(envSchema.shape[name]);
    if (!meta) throw new Error(`${name} has no doc`);
    return { name, default: meta.default, doc: meta.doc };
  });
}
