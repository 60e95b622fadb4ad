import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, describeVariables, envSchema, readConfig, setting } from "./config";
import { readEnvTable, renderEnvTable, tableRows } from "./config-table";

const README = readFileSync(path.resolve(import.meta.dirname, "..", "..", "README.md"), "utf8");
const NAMES = Object.keys(envSchema.shape);

afterEach(() => vi.unstubAllEnvs());

/** The environment with none of the schema's variables set. */
function unsetAll() {
  for (const name of NAMES) vi.stubEnv(name, undefined);
}

describe("README's table of environment variables", () => {
  const rows = tableRows(readEnvTable(README));

  it("lists exactly the schema's variables, in its order", () => {
    expect(rows.map(([name]) => name)).toEqual(NAMES.map((name) => `\`${name}\``));
  });

  it("gives each the schema's default and doc line", () => {
    const byName = new Map(rows.map(([name, shown, doc]) => [name!.replaceAll("`", ""), { shown, doc }]));
    for (const v of describeVariables()) {
      expect(byName.get(v.name), v.name).toEqual({ shown: v.default, doc: v.doc });
    }
  });

  it("is the generated table, byte for byte (run `npm run docs:env` after changing config.ts)", () => {
    expect(readEnvTable(README)).toBe(renderEnvTable());
  });

  it("shows each constant default as the schema parses it", () => {
    unsetAll();
    const config = readConfig();
    for (const v of describeVariables()) {
      const literal = /^`([^`]*)`/.exec(v.default)?.[1];
      const value = config[v.name];
      if (literal === undefined || value === undefined || v.default.includes(" on ")) continue;
      expect(path.normalize(String(value)), v.name).toBe(path.normalize(literal));
    }
  });
});

describe("defaults", () => {
  it("fills every variable that has one when nothing is set", () => {
    unsetAll();
    const config = readConfig();
    expect(config).toMatchObject({
      PREFSCOPE_DATA_DIR: ".prefscope/db",
      PREFSCOPE_MIGRATIONS_DIR: "drizzle",
      HOST: "127.0.0.1",
      PORT: 3000,
      PREFSCOPE_MAX_BODY_BYTES: 32 * 1024 * 1024,
      PREFSCOPE_MAX_IMPORT_BYTES: 1024 * 1024 * 1024,
      PREFSCOPE_MAX_ROWS_PER_BATCH: 100_000,
      PREFSCOPE_MAX_METRIC_NAMES_PER_BATCH: 1_000,
      PREFSCOPE_MAX_METRIC_NAMES_PER_RUN: 10_000,
      PREFSCOPE_RATE_LIMIT_RPS: 100,
      PREFSCOPE_RATE_LIMIT_BURST: 1_000,
      PREFSCOPE_DELETE_BATCH_ROWS: 20_000,
      PREFSCOPE_SCRYPT_COST: 17,
      PREFSCOPE_LAB_QUEUE: 16,
      PREFSCOPE_SPOOL_DIR: ".prefscope-spool",
      NEXT_DIST_DIR: ".next",
    });
    for (const name of ["DATABASE_URL", "PREFSCOPE_PUBLIC_URL", "PREFSCOPE_SEED", "PREFSCOPE_WEBHOOK_ALLOW_HOSTS", "PREFSCOPE_URL", "PREFSCOPE_API_KEY"] as const) {
      expect(config[name], name).toBeUndefined();
    }
    expect(config.PREFSCOPE_LAB_WORKERS).toBeGreaterThanOrEqual(1);
    expect(config.PREFSCOPE_LAB_WORKERS).toBeLessThanOrEqual(4);
  });

  it("counts an empty or blank value as unset", () => {
    vi.stubEnv("PREFSCOPE_MAX_BODY_BYTES", "");
    vi.stubEnv("DATABASE_URL", "  ");
    expect(setting("PREFSCOPE_MAX_BODY_BYTES")).toBe(32 * 1024 * 1024);
    expect(setting("DATABASE_URL")).toBeUndefined();
  });

  it("reads a variable when asked, so a value set after import is seen", () => {
    vi.stubEnv("PREFSCOPE_DELETE_BATCH_ROWS", "10000");
    expect(setting("PREFSCOPE_DELETE_BATCH_ROWS")).toBe(10_000);
    vi.stubEnv("PREFSCOPE_DELETE_BATCH_ROWS", "7");
    expect(setting("PREFSCOPE_DELETE_BATCH_ROWS")).toBe(7);
  });

  it("parses valid values as the code before it did", () => {
    vi.stubEnv("PREFSCOPE_RATE_LIMIT_RPS", "0");
    vi.stubEnv("PREFSCOPE_RATE_LIMIT_BURST", "2.5");
    vi.stubEnv("PREFSCOPE_SEED", "true");
    vi.stubEnv("PREFSCOPE_WEBHOOK_ALLOW_HOSTS", "127.0.0.1, hooks.internal, 10.0.0.0/8, fd00::/8");
    vi.stubEnv("PORT", "4123");
    expect(setting("PREFSCOPE_RATE_LIMIT_RPS")).toBe(0);
    expect(setting("PREFSCOPE_RATE_LIMIT_BURST")).toBe(2.5);
    expect(setting("PREFSCOPE_SEED")).toBe(true);
    expect(setting("PREFSCOPE_WEBHOOK_ALLOW_HOSTS")).toBe("127.0.0.1, hooks.internal, 10.0.0.0/8, fd00::/8");
    expect(setting("PORT")).toBe(4123);
  });
});

describe("an invalid value", () => {
  it.each([
    ["PREFSCOPE_MAX_BODY_BYTES", "32MB", 'PREFSCOPE_MAX_BODY_BYTES: expected a positive integer, got "32MB"'],
    ["PREFSCOPE_MAX_ROWS_PER_BATCH", "0", "PREFSCOPE_MAX_ROWS_PER_BATCH: expected a positive integer"],
    ["PREFSCOPE_LAB_QUEUE", "-1", "PREFSCOPE_LAB_QUEUE: expected an integer ≥ 0"],
    ["PREFSCOPE_RATE_LIMIT_RPS", "fast", "PREFSCOPE_RATE_LIMIT_RPS: expected a number ≥ 0"],
    ["PORT", "70000", "PORT: expected a port number"],
    ["PREFSCOPE_SCRYPT_COST", "9", "PREFSCOPE_SCRYPT_COST: expected an integer from 10 to 20"],
    ["PREFSCOPE_SEED", "yes", "PREFSCOPE_SEED: expected 1, true, 0 or false"],
    ["PREFSCOPE_PUBLIC_URL", "prefscope.example.com", "PREFSCOPE_PUBLIC_URL: expected an http:// or https:// URL"],
    ["PREFSCOPE_WEBHOOK_ALLOW_HOSTS", "10.0.0.0/abc", "PREFSCOPE_WEBHOOK_ALLOW_HOSTS: expected host names"],
  ])("%s=%s fails naming the variable", (name, value, message) => {
    vi.stubEnv(name, value);
    expect(() => setting(name as keyof typeof envSchema.shape)).toThrow(ConfigError);
    expect(() => setting(name as keyof typeof envSchema.shape)).toThrow(message);
    expect(() => readConfig()).toThrow(message);
  });

  it("is listed with every other bad one by readConfig", () => {
    vi.stubEnv("PREFSCOPE_DB_POOL", "ten");
    vi.stubEnv("PREFSCOPE_HASH_QUEUE", "1.5");
    let error: unknown;
    try {
      readConfig();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.name).sort()).toEqual(["PREFSCOPE_DB_POOL", "PREFSCOPE_HASH_QUEUE"]);
  });

  it("is not repeated in the error when it may be a secret", () => {
    vi.stubEnv("DATABASE_URL", "mysql://root:hunter2@db/prefscope");
    expect(() => setting("DATABASE_URL")).toThrow("DATABASE_URL: expected a postgres:// or postgresql:// URL");
    expect(() => setting("DATABASE_URL")).not.toThrow(/hunter2/);
  });
});
