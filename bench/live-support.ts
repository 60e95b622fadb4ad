// What the live benches share: a project with a run to write to, a writer at a steady pace, raw stream readers
// (cheap enough to open hundreds, and able to stop reading), and the app process's memory and CPU time.
import { readFileSync } from "node:fs";
import { connect } from "node:net";

export const median = (xs: number[]) => percentile(xs, 0.5);

/** The nearest-rank percentile (p in 0..1) of some figures. */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BenchRun {
  project: string;
  key: string;
  run: string;
  /** Appends metric rows to the run; resolves once the server answered (the batch committed). */
  post(rows: { step: number; values: Record<string, number> }[]): Promise<void>;
}

/** A fresh project, a key for it and one run in it. */
export async function createBenchRun(base: string, project: string, name = "live"): Promise<BenchRun> {
  const json = { "content-type": "application/json" };
  const keyResponse = await fetch(`${base}/api/v1/projects/${project}/keys`, { method: "POST", headers: json, body: "{}" });
  const { key } = (await keyResponse.json()) as { key: string };
  const headers = { ...json, authorization: `Bearer ${key}` };
  const runResponse = await fetch(`${base}/api/v1/runs`, { method: "POST", headers, body: JSON.stringify({ project, name }) });
  if (!runResponse.ok) throw new Error(`creating a run: ${runResponse.status} ${await runResponse.text()}`);
  const { id: run } = (await runResponse.json()) as { id: string };
  const post = async (rows: { step: number; values: Record<string, number> }[]) => {
    const response = await fetch(`${base}/api/v1/runs/${run}/metrics`, { method: "POST", headers, body: JSON.stringify({ rows }) });
    if (!response.ok) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  return { project, key, run, post };
}

/** Steps × keys of random values from `firstStep` on: one batch as a trainer logs it. */
export function batchRows(firstStep: number, steps: number, keys: string[]) {
  return Array.from({ length: steps }, (_, s) => ({ step: firstStep + s, values: Object.fromEntries(keys.map((k) => [k, Math.random()])) }));
}

/**
 * Writes batches to a run at `perSecond` (each batch `steps` steps of `keys`), one request at a time, until
 * stopped; a slow answer delays the next batch rather than piling requests up. Stop returns what was written.
 */
export function writeSteadily(target: BenchRun, { perSecond, steps, keys, firstStep = 0 }: { perSecond: number; steps: number; keys: string[]; firstStep?: number }) {
  let stopped = false;
  let batches = 0;
  const started = performance.now();
  const done = (async () => {
    while (!stopped) {
      await target.post(batchRows(firstStep + batches * steps, steps, keys));
      batches++;
      const due = started + (batches * 1000) / perSecond;
      await sleep(Math.max(0, due - performance.now()));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      return { batches, seconds: (performance.now() - started) / 1000, nextStep: firstStep + batches * steps };
    },
  };
}

/** The pid and its descendants (`next start` may serve from a child process). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const task of readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, "utf8").split(" ").filter(Boolean)) out.push(Number(task));
    } catch {
      // gone
    }
  }
  return out;
}

/** Resident memory of the app (its process tree), in MB. */
export function rssMb(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** CPU time (user + system) the app's process tree has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

export interface RawStream {
  /** Bytes read from the socket so far (headers and chunk framing included). */
  bytes(): number;
  /** Stops reading: the socket's buffers fill and TCP's window closes, so the server's writes back up. */
  stall(): void;
  /** Reads again and waits until `text` has been read after this call, or `timeoutMs` passed; whether it was. */
  resumeUntil(text: string, timeoutMs: number): Promise<boolean>;
  close(): void;
}

/**
 * One live stream over a bare TCP socket: no parsing, so hundreds cost the bench little, and reading can truly stop
 * (fetch's body would keep pulling into its own buffer). Resolves once the server sent `ready`.
 */
export function openRawStream(base: string, path: string): Promise<RawStream> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let read = 0;
    let seen = "";
    let ready = false;
    let watcher: ((chunk: string) => void) | null = null;
    socket.on("error", reject);
    socket.on("data", (chunk: Buffer) => {
      read += chunk.length;
      const text = chunk.toString("latin1");
      watcher?.(text);
      if (ready) return;
      seen += text;
      if (seen.includes("event: ready")) {
        ready = true;
        seen = "";
        resolve(stream);
      } else if (/^HTTP\/1\.1 [^2]/.test(seen)) reject(new Error(`stream refused: ${seen.split("\r\n")[0]}`));
    });
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\nConnection: keep-alive\r\n\r\n`);
    const stream: RawStream = {
      bytes: () => read,
      stall: () => socket.pause(),
      resumeUntil: (text, timeoutMs) =>
        new Promise((done) => {
          let tail = "";
          const timer = setTimeout(() => done(false), timeoutMs);
          watcher = (chunk) => {
            tail = (tail + chunk).slice(-(text.length + chunk.length));
            if (tail.includes(text)) {
              clearTimeout(timer);
              watcher = null;
              done(true);
            }
          };
          socket.resume();
        }),
      close: () => socket.destroy(),
    };
  });
}
