// A request refused before its body is read (wrong key, unknown run, wrong media type) still gets its answer when
// the sender writes the whole body before reading, with `Connection: close`, as Python's urllib does. Answered
// mid-upload, the connection was closed under the sender: its write failed (EPIPE) and it never read the 4xx.
import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, newProject, newRun } from "./api-client";

const MiB = 1024 * 1024;

/** The status line, and the socket error if any, of a POST sent as urllib sends it: all of it, then read. */
function postWholeThenRead(path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: string; error: string | null }> {
  const { hostname, port } = new URL(baseUrl());
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let error: string | null = null;
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? String(e)));
    socket.on("close", () => resolve({ status: Buffer.concat(chunks).toString("latin1").split("\r\n")[0]!, error }));
    const head = { ...headers, host: `${hostname}:${port}`, connection: "close", "content-length": String(body.length) };
    socket.write(
      `POST ${path} HTTP/1.1\r\n${Object.entries(head)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("")}\r\n`,
    );
    socket.end(body);
  });
}

describe("a body refused before it is read", () => {
  let project: string;
  let key: string;
  // Far more than the socket buffers hold, well under PREFSCOPE_MAX_BODY_BYTES: most of it is still on its way when
  // the route answers.
  const body = Buffer.alloc(20 * MiB, " ");

  beforeAll(async () => {
    ({ project, key } = await newProject("early"));
  });

  it("gets its 4xx, not a broken pipe, whatever refused it", { timeout: 120_000 }, async () => {
    const run = await newRun(project, key);
    const ndjson = { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson" };
    const cases = [
      { path: `/api/v1/runs/${run}/metrics`, headers: { ...ndjson, authorization: "Bearer wrong" }, status: 401 },
      { path: `/api/v1/runs/00000000-0000-4000-8000-000000000009/metrics`, headers: ndjson, status: 404 },
      { path: `/api/v1/runs/00000000-0000-4000-8000-000000000009/sequences`, headers: ndjson, status: 404 },
      { path: `/api/v1/runs/${run}/metrics`, headers: { ...ndjson, "content-type": "text/plain" }, status: 415 },
    ];
    for (const c of cases) {
      const answer = await postWholeThenRead(c.path, c.headers, body);
      expect(answer, c.path).toEqual({ status: expect.stringMatching(new RegExp(`^HTTP/1.1 ${c.status} `)), error: null });
    }
  });
});
