// The embedded database's folder is the server's alone: after a start, no folder or file under it has group or
// other permission bits, whether the server created it or an earlier version left it world-writable.
import { chmodSync, readdirSync, lstatSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { startApp } from "../support/app-server";

/** Every path under `dir` (itself included) whose mode gives group or others any access. */
function openToOthers(dir: string): string[] {
  const stat = lstatSync(dir);
  const here = stat.mode & 0o077 && !stat.isSymbolicLink() ? [`${(stat.mode & 0o777).toString(8)} ${dir}`] : [];
  return stat.isDirectory() ? [...here, ...readdirSync(dir).flatMap((e) => openToOthers(path.join(dir, e)))] : here;
}

describe.skipIf(inject("databaseUrl") !== null)("embedded database file modes (embedded database only)", () => {
  it("are owner-only after a first start, after writes, and after a restart over a world-writable folder", { timeout: 240_000 }, async () => {
    let app = await startApp({ env: { DATABASE_URL: undefined } });
    const dataDir = app.dataDir!;
    try {
      const created = await fetch(`${app.url}/api/v1/projects/modes/keys`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const key = ((await created.json()) as { key: string }).key;
      const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
      const run = ((await (await fetch(`${app.url}/api/v1/runs`, { method: "POST", headers, body: JSON.stringify({ project: "modes", name: "m" }) })).json()) as { id: string }).id;
      const rows = Array.from({ length: 100 }, (_, step) => ({ step, values: { loss: 1 / (step + 1) } }));
      expect((await fetch(`${app.url}/api/v1/runs/${run}/metrics`, { method: "POST", headers, body: JSON.stringify({ rows }) })).status).toBe(200);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await app.stop();
    }
    expect(openToOthers(dataDir)).toEqual([]);

    // What an earlier version left: a world-writable folder, catalog and pg_hba.conf.
    chmodSync(dataDir, 0o777);
    chmodSync(path.join(dataDir, "pg_hba.conf"), 0o666);
    chmodSync(path.join(dataDir, "global"), 0o777);
    chmodSync(path.join(dataDir, "global", "pg_control"), 0o666);
    app = await startApp({ env: { DATABASE_URL: undefined }, dataDir });
    try {
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
