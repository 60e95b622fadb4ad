// POST /api/v1/runs/:id/pairs: limits (413, 422 naming the field), all-or-nothing, idempotency, texts stored once and
// shared across runs, a changed text moving only its run's link, and run deletion removing the links and unlinked texts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../support/direct-db";
import { client, type Credentials } from "../support/accounts";
import { startApp, type AppServer } from "../support/app-server";
import { createTestDatabase } from "../support/test-database";

const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };
const BODY_LIMIT = 2 * 1024 * 1024;
const KiB64 = 64 * 1024;

const pair = (id: string | number, tag = "") => ({ pair_id: id, prompt: `Prompt ${id}${tag}`, chosen: `Good answer ${id}${tag}`, rejected: `Bad answer ${id}${tag}` });

describe("pair texts", () => {
  let app: AppServer;
  let databaseUrl: string | null = null;
  let dropDatabase: (() => Promise<void>) | undefined;
  let request: ReturnType<typeof client>;
  let key: Credentials;
  const runs: Record<string, string> = {};

  const newRun = async (name: string) => {
    const created = await request("POST", "/api/v1/runs", key, { project: "pairs", name, algorithm: "dpo", config: { beta: 0.1 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const post = (run: string, body: unknown, credentials = key) => request("POST", `/api/v1/runs/${run}/pairs`, credentials, body);
  const detail = (run: string, id: string) => request("GET", `/api/v1/runs/${run}/pairs/${encodeURIComponent(id)}`, key);

  beforeAll(async () => {
    const database = await createTestDatabase();
    databaseUrl = database?.url ?? null;
    dropDatabase = database?.drop;
    app = await startApp({ env: { PREFSCOPE_MAX_BODY_BYTES: String(BODY_LIMIT), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } });
    request = client(app.url);
    const made = await request("POST", "/api/v1/projects/pairs/keys", SAME_ORIGIN, {});
    key = { authorization: `Bearer ${made.body.key}` };
    for (const name of ["a", "b", "doomed"]) runs[name] = await newRun(name);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await dropDatabase?.();
  });

  it("refuses bad requests naming the field, and a refused request writes nothing", async () => {
    const run = runs.a!;
    const long = [pair("p0"), pair("p1"), pair("p2"), { ...pair("p3"), chosen: "x".repeat(KiB64 + 1) }];
    const tooLong = await post(run, { pairs: long });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.message).toMatch(/^pairs\.3\.chosen: must be at most 65536 bytes/);
    expect(tooLong.body.error.path).toEqual(["pairs", 3, "chosen"]);
    // Exactly 64 KiB of UTF-8 fits; one multi-byte character past it does not.
    expect((await post(run, { pairs: [{ ...pair("edge"), prompt: "é".repeat(KiB64 / 2) }] })).status).toBe(200);
    expect((await post(run, { pairs: [{ ...pair("edge2"), prompt: "é".repeat(KiB64 / 2) + "a" }] })).body.error.path).toEqual(["pairs", 0, "prompt"]);
    const nul = await post(run, { pairs: [pair("n0"), { ...pair("n1"), rejected: "a\u0000b" }] });
    expect(nul.status).toBe(422);
    expect(nul.body.error.path).toEqual(["pairs", 1, "rejected"]);
    const many = await post(run, { pairs: Array.from({ length: 1001 }, (_, i) => pair(i)) });
    expect(many.status).toBe(422);
    expect(many.body.error.path).toEqual(["pairs"]);
    expect((await post(run, { pairs: [{ ...pair("x"), pair_id: "" }] })).body.error.path).toEqual(["pairs", 0, "pair_id"]);
    expect((await post(run, { pairs: [{ ...pair("x"), extra: 1 }] })).body.error.path).toEqual(["pairs", 0, "extra"]);
    expect((await post(run, { pairs: [{ pair_id: "x", prompt: "p", chosen: "c" }] })).body.error.path).toEqual(["pairs", 0, "rejected"]);
    const big = await post(run, { pairs: Array.from({ length: 40 }, (_, i) => ({ ...pair(`big${i}`), prompt: "y".repeat(KiB64) })) });
    expect(big.status).toBe(413);
    expect((await post("00000000-0000-4000-8000-000000000000", { pairs: [pair("p")] })).status).toBe(404);
    expect((await post(run, { pairs: [pair("p")] }, {})).status).toBe(401);
    for (const id of ["p0", "p1", "p2", "n0", "big0", "edge2"]) expect((await detail(run, id)).body.texts, id).toBeNull();
  });

  it("stores texts once, shares them across runs, is idempotent, and moves only the run's link on a change", async () => {
    const batch = [pair("s1"), pair("s2"), pair(7), pair("with space/slash")];
    expect((await post(runs.a!, { pairs: batch })).body).toEqual({ stored: 4 });
    expect((await post(runs.a!, { pairs: batch })).body).toEqual({ stored: 4 });
    expect((await post(runs.b!, { pairs: batch })).body).toEqual({ stored: 4 });
    expect((await post(runs.doomed!, { pairs: [pair("s1"), pair("only-doomed")] })).body).toEqual({ stored: 2 });
    expect((await post(runs.b!, { pairs: [pair("s2", " (edited)")] })).body).toEqual({ stored: 1 });
    const a = await detail(runs.a!, "s2");
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ pair_id: "s2", split: "train", texts: { prompt: "Prompt s2", chosen: "Good answer s2", rejected: "Bad answer s2" }, steps: [] });
    expect((await detail(runs.b!, "s2")).body.texts.prompt).toBe("Prompt s2 (edited)");
    expect((await detail(runs.a!, "7")).body.texts.chosen).toBe("Good answer 7");
    expect((await detail(runs.a!, "with space/slash")).body.texts.rejected).toBe("Bad answer with space/slash");
    expect((await detail(runs.a!, "\ufeffBOM")).body.texts).toBeNull();
    expect((await post(runs.a!, { pairs: [{ ...pair("\ufeffBOM"), prompt: "\ufeffstarts with a BOM" }] })).status).toBe(200);
    expect((await detail(runs.a!, "\ufeffBOM")).body.texts.prompt).toBe("\ufeffstarts with a BOM");
  });

  it("run deletion removes the run's links and the texts no other run links; texts other runs link to stay readable", async () => {
    const deleted = await request("DELETE", `/api/v1/runs/${runs.doomed}`, SAME_ORIGIN);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body.rows.run_pairs).toBe(2);
    expect((await detail(runs.a!, "s1")).body.texts.prompt).toBe("Prompt s1");
    await app.stop();
    const db = await openDb(app, databaseUrl);
    try {
      const links = async (run: string) => Number((await db.query("select count(*)::int as n from run_pairs where run_id = $1", [run]))[0]!.n);
      expect(await links(runs.doomed!)).toBe(0);
      expect(await links(runs.a!)).toBe(6);
      expect(await links(runs.b!)).toBe(4);
      // Texts: the four shared pairs, edge, BOM and b's edited s2; doomed's only-doomed went with the run's last link.
      expect(Number((await db.query("select count(*)::int as n from pair_texts"))[0]!.n)).toBe(7);
      const plain = (await db.query("select prompt from pair_texts where prompt like 'Prompt %'")).map((t) => String(t.prompt)).sort();
      expect(plain).toEqual(["Prompt 7", "Prompt s1", "Prompt s2", "Prompt s2 (edited)", "Prompt with space/slash"]);
      // No text is left that no run links.
      expect(Number((await db.query("select count(*)::int as n from pair_texts t where not exists (select 1 from run_pairs r where r.text_hash = t.hash)"))[0]!.n)).toBe(0);
      const shared = await db.query("select count(distinct text_hash)::int as n from run_pairs where pair_id in ('s1', '7')");
      expect(shared[0]!.n).toBe(2);
    } finally {
      await db.close();
    }
  });
});
