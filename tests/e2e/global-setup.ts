import { spawnSync } from "node:child_process";
import path from "node:path";
import { startApp } from "../support/app-server";
import { createTestDatabase } from "../support/test-database";

/** The app with the demo project, on whichever database the environment selects; the URL goes to the tests. */
export default async function globalSetup() {
  const built = spawnSync(process.execPath, [path.resolve(import.meta.dirname, "../../scripts/build-if-stale.mjs")], { stdio: "inherit" });
  if (built.status !== 0) throw new Error("next build failed");
  const database = await createTestDatabase();
  // Seeding the demo runs before the server answers: a minute or more on a busy machine.
  const app = await startApp({ env: { PREFSCOPE_SEED: "1", ...(database ? { DATABASE_URL: database.url } : {}) }, startTimeoutMs: 240_000 });
  process.env.PREFSCOPE_E2E_URL = app.url;
  process.env.PREFSCOPE_E2E_KEY = /Demo API key \(shown once\): (ps_\S+)/.exec(app.output())?.[1] ?? "";
  return async () => {
    await app.stop();
    await database?.drop();
  };
}
