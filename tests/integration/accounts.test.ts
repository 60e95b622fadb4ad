import { execFile } from "node:child_process";
import { request as httpRequest } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../support/app-server";
import { client, sessionFrom, startOwnApp, type Credentials } from "../support/accounts";
import { createTestDatabase } from "../support/test-database";

const PASSWORD = "correct horse battery";
const CLI = path.resolve(import.meta.dirname, "..", "..", "bin", "prefscope.mjs");
const exec = promisify(execFile);

/** A GET with any Host header (fetch will not send a forged one): what a DNS-rebinding page's requests look like. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("accounts: local mode, set-up, sessions, CSRF, headers", () => {
  let url: string;
  let stop: () => Promise<void>;
  let request: ReturnType<typeof client>;

  beforeAll(async () => {
    const own = await startOwnApp();
    url = own.app.url;
    stop = own.stop;
    request = client(url);
  }, 120_000);
  afterAll(async () => stop?.());

  it("runs in local mode until the first admin exists: loopback host names only, other sites' pages refused", async () => {
    expect((await request("GET", "/api/v1/auth/me")).body).toMatchObject({ mode: "local", user: null });
    expect(await getWithHost(`${url}/api/v1/runs`, "127.0.0.1")).toBe(200);
    expect(await getWithHost(`${url}/api/v1/runs`, "attacker.example:3000")).toBe(403);
    expect(await getWithHost(`${url}/p/anything`, "attacker.example")).toBe(404);
    const crossSite = await request("POST", "/api/v1/projects", { "sec-fetch-site": "cross-site" }, { name: "x" });
    expect(crossSite.status).toBe(403);
    expect((await request("POST", "/api/v1/auth/setup", { "sec-fetch-site": "cross-site" }, { username: "evil", password: PASSWORD })).status).toBe(403);
    expect((await request("GET", "/")).status).toBe(200);
  });

  it("sets up the first admin once, then asks everyone to sign in", async () => {
    expect((await request("POST", "/api/v1/auth/setup", {}, { username: "root", password: "short" })).body.error.path).toEqual(["password"]);
    const setup = await request("POST", "/api/v1/auth/setup", { "sec-fetch-site": "same-origin" }, { username: "Root", password: PASSWORD });
    expect(setup.status).toBe(201);
    expect(setup.body.user).toMatchObject({ username: "root", is_admin: true });
    const [session, csrf] = setup.headers.getSetCookie();
    expect(session).toMatch(/^prefscope_session=[\w-]{43}; Path=\/; HttpOnly; Expires=.*; SameSite=Lax$/);
    expect(csrf).toMatch(/^prefscope_csrf=[\w-]+; Path=\/; Expires=.*; SameSite=Lax$/);
    expect((await request("POST", "/api/v1/auth/setup", {}, { username: "second", password: PASSWORD })).status).toBe(409);
    expect((await request("GET", "/api/v1/runs")).status).toBe(401);
    const page = await request("GET", "/p/demo/tables");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("/login?next=%2Fp%2Fdemo%2Ftables");
    expect((await request("GET", "/login")).status).toBe(200);
  });

  it("signs in with the right password only, and says nothing about which part was wrong", async () => {
    const wrong = await request("POST", "/api/v1/auth/login", {}, { username: "root", password: "not the password" });
    const unknown = await request("POST", "/api/v1/auth/login", {}, { username: "nobody", password: PASSWORD });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    const me = sessionFrom(await request("POST", "/api/v1/auth/login", {}, { username: "ROOT", password: PASSWORD }));
    expect((await request("GET", "/api/v1/auth/me", me)).body.user.username).toBe("root");
    expect((await request("POST", "/api/v1/auth/login", { "sec-fetch-site": "cross-site" }, { username: "root", password: PASSWORD })).status).toBe(403);
  });

  it("needs the CSRF header on every change made with a session cookie", async () => {
    const admin = sessionFrom(await request("POST", "/api/v1/auth/login", {}, { username: "root", password: PASSWORD }));
    const cookieOnly: Credentials = { cookie: admin.cookie! };
    expect((await request("POST", "/api/v1/projects", cookieOnly, { name: "csrf-a" })).status).toBe(403);
    expect((await request("POST", "/api/v1/projects", { ...cookieOnly, "x-csrf-token": "guess" }, { name: "csrf-a" })).status).toBe(403);
    expect((await request("POST", "/api/v1/projects", admin, { name: "csrf-a" })).status).toBe(201);
    // Another session's token does not fit this one.
    const other = sessionFrom(await request("POST", "/api/v1/auth/login", {}, { username: "root", password: PASSWORD }));
    expect((await request("POST", "/api/v1/projects", { ...cookieOnly, "x-csrf-token": other["x-csrf-token"]! }, { name: "csrf-b" })).status).toBe(403);
  });

  // Nine password hashes (scrypt, 128 MiB each): seconds apiece on a busy machine.
  it("ends sessions on sign-out, on a password change and when a user is disabled; keeps one admin", { timeout: 240_000 }, async () => {
    const admin = sessionFrom(await request("POST", "/api/v1/auth/login", {}, { username: "root", password: PASSWORD }));
    const created = await request("POST", "/api/v1/users", admin, { username: "ann", password: PASSWORD });
    expect(created.status).toBe(201);
    const ann = sessionFrom(await request("POST", "/api/v1/auth/login", {}, { username: "ann", password: PASSWORD }));
    expect((await request("GET", "/api/v1/auth/me", ann)).body.user.username).toBe("ann");

    const out = await request("POST", "/api/v1/auth/logout", ann);
    expect(out.status).toBe(204);
    expect((await request("GET", "/api/v1/auth/me", ann)).body.user).toBeNull();

    const again = sessionFrom(await request("POST", "/api/v1/auth/login", {}, { username: "ann", password: PASSWORD }));
    expect((await request("PATCH", `/api/v1/users/${created.body.user.id}`, again, { password: "another long password", current_password: PASSWORD })).status).toBe(200);
    expect((await request("GET", "/api/v1/auth/me", again)).body.user).toBeNull();
    expect((await request("POST", "/api/v1/auth/login", {}, { username: "ann", password: PASSWORD })).status).toBe(401);

    const third = sessionFrom(await request("POST", "/api/v1/auth/login", {}, { username: "ann", password: "another long password" }));
    expect((await request("PATCH", `/api/v1/users/${created.body.user.id}`, third, { is_admin: true })).status).toBe(403);
    expect((await request("PATCH", `/api/v1/users/${created.body.user.id}`, admin, { disabled: true })).status).toBe(200);
    expect((await request("GET", "/api/v1/auth/me", third)).body.user).toBeNull();
    expect((await request("POST", "/api/v1/auth/login", {}, { username: "ann", password: "another long password" })).status).toBe(401);

    const rootId = (await request("GET", "/api/v1/auth/me", admin)).body.user.id;
    expect((await request("PATCH", `/api/v1/users/${rootId}`, admin, { is_admin: false })).status).toBe(409);
  });

  it("sends security headers with every page and answer", async () => {
    for (const path of ["/login", "/api/v1/auth/me"]) {
      const headers = (await request("GET", path)).headers;
      const csp = headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("unsafe-eval");
      expect(headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(headers.get("x-frame-options"), path).toBe("DENY");
    }
    expect((await request("GET", "/r/unknown-token")).headers.get("referrer-policy")).toBe("no-referrer");
  });
});

// On the embedded database the CLI creates the user through the server holding it; on a Postgres server it writes
// to the database itself, and the running app sees the user at its next request (local mode is not cached).
describe("local mode binds to loopback; the CLI creates users", () => {
  it("refuses HOST=0.0.0.0 without a user, and serves it once an admin exists (created with the CLI while the app runs)", async () => {
    const database = await createTestDatabase();
    const dataDir = database ? undefined : path.join(mkdtempSync(path.join(tmpdir(), "prefscope-accounts-")), "db");
    const where: Record<string, string> = database ? { DATABASE_URL: database.url } : { PREFSCOPE_DATA_DIR: dataDir! };
    try {
      await expect(startApp({ dataDir, env: { ...where, HOST: "0.0.0.0" } })).rejects.toThrow(/Create an admin first: npx prefscope users create --admin/);

      const app = await startApp({ dataDir, env: where });
      try {
        const cli = exec(process.execPath, [CLI, "users", "create", "--username", "ops", "--admin", "--password-stdin"], { env: { ...process.env, ...where } });
        cli.child.stdin!.end(`${PASSWORD}\n`);
        expect((await cli).stdout).toContain('Created admin "ops"');
        expect((await client(app.url)("GET", "/api/v1/runs")).status).toBe(401);
        expect((await client(app.url)("POST", "/api/v1/auth/login", {}, { username: "ops", password: PASSWORD })).status).toBe(200);
      } finally {
        await app.stop();
      }
      // The suite's cheap password hashes (tests/support/app-server.ts) are for loopback only.
      await expect(startApp({ dataDir, env: { ...where, HOST: "0.0.0.0" } })).rejects.toThrow(/PREFSCOPE_SCRYPT_COST=10 is below OWASP's floor/);
      const open = await startApp({ dataDir, env: { ...where, HOST: "0.0.0.0", PREFSCOPE_SCRYPT_COST: undefined } });
      await open.stop();
    } finally {
      await database?.drop();
    }
  }, 300_000); // four app starts and a CLI run: minutes on a busy machine
});
