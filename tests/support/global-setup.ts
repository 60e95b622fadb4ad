import { spawnSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startApp } from "./app-server";
import { createTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string | null;
  }
}

/** One app for the integration suite, on whichever database the environment selects. */
export default async function setup(project: TestProject) {
  const built = spawnSync(process.execPath, [path.resolve(import.meta.dirname, "../../scripts/build-if-stale.mjs")], { stdio: "inherit" });
  if (built.status !== 0) throw new Error("next build failed");
  const database = await createTestDatabase();
  // Short debounce and retry delays keep the flag and webhook tests quick; the logic is the same. The fuzzers send
  // thousands of requests a minute with one key: rate limits have their own app in limits.test.ts. Webhook tests
  // receive on loopback, which only the site admin's allow list opens (refusals: webhook-targets.test.ts).
  const app = await startApp({
    env: {
      PREFSCOPE_FLAGS_DEBOUNCE_MS: "100",
      PREFSCOPE_WEBHOOK_RETRY_MS: "100",
      PREFSCOPE_RATE_LIMIT_RPS: "0",
      PREFSCOPE_WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
      ...(database ? { DATABASE_URL: database.url } : {}),
    },
  });
  project.provide("baseUrl", app.url);
  project.provide("databaseUrl", database?.url ?? null);
  return async () => {
    await app.stop();
    await database?.drop();
  };
}
