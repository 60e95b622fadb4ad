// Sign-in throttling per address and per username, the cap on concurrent password hashes, and the account edges
// around them (logout, password change, foreign Origin in local mode, run ids of others' projects, revoked shared
// pages). The window is shortened to 30 s through PREFSCOPE_SIGNIN_WINDOW_S: the suite's hashes are cheap
// (PREFSCOPE_SCRYPT_COST=10, tests/support/app-server.ts), so a burst of guesses takes well under a second even on a
// busy machine; no assertion is about time. The hash-cap tests keep the real cost: that is what fills the queue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, sessionFrom, startOwnApp, type Answer, type Credentials } from "../support/accounts";

// The hash-cap app hashes at the real cost (scrypt, 128 MiB): on a busy machine that is seconds each, so the cases get room.
const SLOW = 300_000;

const PASSWORD = "correct horse battery";
const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };
const from = (address: string): Credentials => ({ "x-forwarded-for": address });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tally = (answers: Answer[]) => answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});

function expectThrottled(answer: Answer, what: RegExp) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(429);
  expect(answer.body.error.code).toBe("rate_limited");
  expect(answer.body.error.message).toMatch(what);
  expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
}

describe("sign-in throttling (per address, per username) and the account edges", () => {
  let url: string;
  let stop: () => Promise<void>;
  let request: ReturnType<typeof client>;
  let admin: Credentials;
  let annId: number;
  const PER_USER = 3;
  const PER_IP = 5;

  const login = (username: string, password: string, headers: Credentials = {}) => request("POST", "/api/v1/auth/login", headers, { username, password });

  beforeAll(async () => {
    const own = await startOwnApp({ PREFSCOPE_SIGNIN_MAX_PER_USER: String(PER_USER), PREFSCOPE_SIGNIN_MAX_PER_IP: String(PER_IP), PREFSCOPE_SIGNIN_WINDOW_S: "30" });
    url = own.app.url;
    stop = own.stop;
    request = client(url);
    admin = sessionFrom(await request("POST", "/api/v1/auth/setup", SAME_ORIGIN, { username: "root", password: PASSWORD }));
    annId = (await request("POST", "/api/v1/users", admin, { username: "ann", password: PASSWORD })).body.user.id;
  }, SLOW);
  afterAll(async () => stop?.());

  it("refuses a username after its failures, from any address, until the window ends; then the right password works", { timeout: SLOW }, async () => {
    // Concurrent, so that all of them fall in one window however long each hash takes.
    const guesses = await Promise.all(Array.from({ length: PER_USER }, () => login("ann", "wrong password", from("10.0.1.1"))));
    expect(guesses.map((g) => g.status)).toEqual(Array(PER_USER).fill(401));
    const locked = await login("ANN", PASSWORD, from("10.0.1.2"));
    expectThrottled(locked, /username/);
    expect(locked.body.error.path).toEqual(["username"]);
    // The address that guessed is not yet throttled for other names.
    expect((await login("root", PASSWORD, from("10.0.1.1"))).status).toBe(200);
    // The window is bounded: once it passes, ann signs in, and her count starts afresh.
    await sleep(Number(locked.headers.get("retry-after")) * 1000 + 200);
    expect((await login("ann", PASSWORD, from("10.0.1.2"))).status).toBe(200);
    const again = await Promise.all(Array.from({ length: PER_USER - 1 }, () => login("ann", "wrong password", from("10.0.1.3"))));
    expect(again.map((g) => g.status)).toEqual(Array(PER_USER - 1).fill(401));
    expect((await login("ann", PASSWORD, from("10.0.1.3"))).status).toBe(200);
    expect((await login("ann", "wrong password", from("10.0.1.3"))).status).toBe(401);
  });

  it("refuses an address after its failures over many usernames; successes do not count", { timeout: SLOW }, async () => {
    const guesses = await Promise.all(Array.from({ length: PER_IP }, (_, i) => login(`ghost${i}`, "wrong password", from("10.0.2.1"))));
    expect(guesses.map((g) => g.status)).toEqual(Array(PER_IP).fill(401));
    expectThrottled(await login("ghost-next", "wrong password", from("10.0.2.1")), /address/);
    expectThrottled(await login("root", PASSWORD, from("10.0.2.1")), /address/);
    expect((await login("root", PASSWORD, from("10.0.2.2"))).status).toBe(200);
    for (let i = 0; i < PER_IP + 1; i++) expect((await login("root", PASSWORD, from("10.0.2.3"))).status).toBe(200);
  });

  it("counts a burst of concurrent guesses as it arrives, not only as each fails", { timeout: SLOW }, async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(`burst${i}`, "wrong password", from("10.0.3.1"))));
    const counts = tally(answers);
    expect(counts[401]).toBeLessThanOrEqual(PER_IP);
    expect(counts[429]).toBe(12 - counts[401]!);
  });

  it("needs the current password to change one's own; a site admin resets another's without it", { timeout: SLOW }, async () => {
    const ann = sessionFrom(await login("ann", PASSWORD, from("10.0.4.1")));
    const missing = await request("PATCH", `/api/v1/users/${annId}`, ann, { password: "a brand new password" });
    expect([missing.status, missing.body.error.path]).toEqual([422, ["current_password"]]);
    const wrong = await request("PATCH", `/api/v1/users/${annId}`, ann, { password: "a brand new password", current_password: "not it at all" });
    expect([wrong.status, wrong.body.error.path]).toEqual([403, ["current_password"]]);
    // Both refusals changed nothing: the old password still signs in, and ann's session is still hers.
    expect((await request("GET", "/api/v1/auth/me", ann)).body.user.username).toBe("ann");
    expect((await login("ann", PASSWORD, from("10.0.4.2"))).status).toBe(200);
    expect((await request("PATCH", `/api/v1/users/${annId}`, ann, { password: "a brand new password", current_password: PASSWORD })).status).toBe(200);
    expect((await login("ann", "a brand new password", from("10.0.4.2"))).status).toBe(200);
    expect((await request("PATCH", `/api/v1/users/${annId}`, admin, { password: PASSWORD })).status).toBe(200);
    expect((await login("ann", PASSWORD, from("10.0.4.2"))).status).toBe(200);
    const rootId = (await request("GET", "/api/v1/auth/me", admin)).body.user.id;
    expect((await request("PATCH", `/api/v1/users/${rootId}`, admin, { password: "another admin password" })).body.error.path).toEqual(["current_password"]);
  });

  it("needs the CSRF header to sign out", { timeout: SLOW }, async () => {
    const ann = sessionFrom(await login("ann", PASSWORD, from("10.0.5.1")));
    const forged = await request("POST", "/api/v1/auth/logout", { cookie: ann.cookie! });
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie()).toEqual([]);
    expect((await request("GET", "/api/v1/auth/me", ann)).body.user.username).toBe("ann");
    expect((await request("POST", "/api/v1/auth/logout", ann)).status).toBe(204);
    expect((await request("GET", "/api/v1/auth/me", ann)).body.user).toBeNull();
    expect((await request("POST", "/api/v1/auth/logout")).status).toBe(204);
  });

  it("tells a non-member nothing of a run's project; a revoked shared page answers 410", { timeout: SLOW }, async () => {
    const key = (await request("POST", "/api/v1/projects/secret-codename/keys", admin, { name: "k" })).body.key as string;
    const bearer = { authorization: `Bearer ${key}` };
    const runId = (await request("POST", "/api/v1/runs", bearer, { project: "secret-codename", name: "r" })).body.id as string;
    const ann = sessionFrom(await login("ann", PASSWORD, from("10.0.6.1")));
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const part of ["", "/metrics", "/metrics/csv", "/diagnostics", "/sequences?step=0", "/sequences/distribution"]) {
      const answer = await request("GET", `/api/v1/runs/${runId}${part}`, ann);
      const unknown = await request("GET", `/api/v1/runs/${missing}${part}`, ann);
      expect(answer.status, part).toBe(404);
      expect(JSON.stringify(answer.body), part).not.toContain("secret-codename");
      expect(answer.body.error.message.replace(runId, "ID"), part).toBe(unknown.body.error.message.replace(missing, "ID"));
    }
    const page = await request("GET", `/p/ann-project/runs/${runId}`, ann);
    expect(page.status).toBe(404);
    expect(String(page.body)).not.toContain("secret-codename");

    const report = (await request("POST", "/api/v1/projects/secret-codename/reports", bearer, { title: "t", url: `/runs/${runId}` })).body.id as string;
    const link = (await request("POST", `/api/v1/projects/secret-codename/reports/${report}/share-links`, bearer, { mode: "live" })).body;
    expect((await request("GET", `/r/${link.token}`)).status).toBe(200);
    expect((await request("DELETE", `/api/v1/projects/secret-codename/reports/${report}/share-links/${link.id}`, bearer)).status).toBe(204);
    const gone = await request("GET", `/r/${link.token}`);
    expect(gone.status).toBe(410);
    expect(String(gone.body)).toMatch(/revoked/i);
    expect((await request("GET", `/r/${"x".repeat(32)}`)).status).toBe(404);
  });
});

describe("the password-hash cap: a burst of sign-ins does not take the server", () => {
  let stop: () => Promise<void>;
  let request: ReturnType<typeof client>;
  let url: string;

  beforeAll(async () => {
    // The real cost: 40 cheap hashes could finish one by one as they arrive, never filling the queue.
    const own = await startOwnApp({ PREFSCOPE_HASH_CONCURRENCY: "1", PREFSCOPE_HASH_QUEUE: "1", PREFSCOPE_SCRYPT_COST: "17" });
    url = own.app.url;
    stop = own.stop;
    request = client(url);
  }, SLOW);
  afterAll(async () => stop?.());

  it("in local mode, refuses a change whose Origin is another site's when Sec-Fetch-Site is absent", { timeout: SLOW }, async () => {
    for (const origin of ["http://evil.example", "null", `${url.replace("127.0.0.1", "localhost")}`, "file://", "http://127.0.0.1.evil.example"]) {
      expect((await request("POST", "/api/v1/projects", { origin }, { name: "from-elsewhere" })).status, origin).toBe(403);
      expect((await request("POST", "/api/v1/auth/setup", { origin }, { username: "evil", password: PASSWORD })).status, origin).toBe(403);
    }
    expect((await request("GET", "/api/v1/projects/from-elsewhere")).status).toBe(404);
    expect((await request("POST", "/api/v1/projects", { origin: url }, { name: "from-here" })).status).toBe(201);
    expect((await request("POST", "/api/v1/projects", {}, { name: "from-a-script" })).status).toBe(201);
  });

  it("queues at most the configured hashes and answers the rest 503 with Retry-After; a cheap read still completes", { timeout: SLOW }, async () => {
    const admin = sessionFrom(await request("POST", "/api/v1/auth/setup", { origin: url }, { username: "root", password: PASSWORD }));
    const key = (await request("POST", "/api/v1/projects/fair/keys", admin, { name: "k" })).body.key as string;
    // 40 wrong-password sign-ins from 40 addresses (no throttle applies), and meanwhile one cheap read.
    const burst = Promise.all(
      Array.from({ length: 40 }, (_, i) => request("POST", "/api/v1/auth/login", from(`10.1.0.${i}`), { username: `ghost${i}`, password: "wrong password" })),
    );
    const read = await request("GET", "/api/v1/runs?project=fair", { authorization: `Bearer ${key}` });
    expect(read.status).toBe(200);
    const answers = await burst;
    const counts = tally(answers);
    expect(Object.keys(counts).sort()).toEqual(["401", "503"]);
    expect(counts[401]).toBeGreaterThanOrEqual(2);
    for (const answer of answers.filter((a) => a.status === 503)) {
      expect(answer.body.error.message).toMatch(/sign-ins/);
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    // Nothing is left stuck: once the burst is answered, the right password signs in.
    expect((await request("POST", "/api/v1/auth/login", from("10.1.1.1"), { username: "root", password: PASSWORD })).status).toBe(200);
  });
});
