// `syncDirectory` on the shared spool fixtures (tests/fixtures/spool/, docs/spool.md): the requests it sends, in
// order, and what it reports. The Python client's test (clients/python/tests/test_spool_fixtures.py) reads the same
// files and expects the same; a scripted server answers each request with the status the fixture gives.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { syncDirectory } from "./sync";

const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures/spool");
const KEY = "ps_fixture_key";

interface Exchange {
  request: { method: string; path: string; body: unknown };
  status: number;
  answer?: unknown;
}
interface Expected {
  about: string;
  syncs: { exchanges: Exchange[]; report: { sent: number; stored: number; duplicates: number; rejected: number; stopped: boolean }; file: "kept" | "removed" }[];
}

/**
 * Answers the n-th request with the n-th scripted status and body, records what came; past the script, a 404
 * (which stops a sync) so that an extra request shows as a difference instead of a hang.
 */
async function scriptedServer(script: Exchange[]) {
  const received: Exchange["request"][] = [];
  const keys = new Set<string | undefined>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const step = script[received.length] ?? { status: 404, answer: { error: { code: "unexpected" } } };
      received.push({ method: req.method!, path: req.url!, body: text ? (JSON.parse(text) as unknown) : null });
      keys.add(req.headers.authorization);
      const answer = step.answer ?? (step.status < 400 ? {} : { error: { code: "scripted", message: `scripted ${step.status}` } });
      res.writeHead(step.status, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, received, keys, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const names = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".expected.json"))
  .map((f) => f.slice(0, -".expected.json".length))
  .sort();

describe("the shared spool fixtures", () => {
  it("has an expected outcome for every spool file, and the other way round", () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    const spools = readdirSync(FIXTURES)
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => f.slice(0, -".jsonl".length));
    expect(spools.sort()).toEqual(names);
  });

  it.each(names)("%s: sync sends what the fixture expects, in order", async (name) => {
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.expected.json`), "utf8")) as Expected;
    const folder = mkdtempSync(path.join(tmpdir(), "prefscope-spool-fixture-"));
    const spoolPath = path.join(folder, `${name}.jsonl`);
    copyFileSync(path.join(FIXTURES, `${name}.jsonl`), spoolPath);
    for (const [n, phase] of expected.syncs.entries()) {
      const server = await scriptedServer(phase.exchanges);
      try {
        const [report, ...others] = await syncDirectory(folder, { url: server.url, apiKey: KEY, sleep: async () => {} });
        const where = `${name}, sync ${n + 1}`;
        expect(server.received, where).toEqual(phase.exchanges.map((e) => e.request));
        expect([...server.keys], where).toEqual([`Bearer ${KEY}`]);
        expect(others).toEqual([]);
        const { sent, stored, duplicates, rejected, error } = report!;
        expect({ sent, stored, duplicates, rejected: rejected.length, stopped: Boolean(error) }, where).toEqual(phase.report);
        expect(existsSync(spoolPath) ? "kept" : "removed", where).toBe(phase.file);
      } finally {
        await server.close();
      }
    }
  });
});
