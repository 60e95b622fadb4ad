// Fairness under a sign-in burst: a cheap keyed API read, alone and while 40 wrong-password sign-ins (40
// addresses, 40 unknown usernames, so no throttle applies and every one is hashed) are in flight. Its own app and
// database: the burst needs accounts mode, which never turns off again.
import { readFileSync } from "node:fs";
import { startApp } from "../tests/support/app-server";
import { createTestDatabase } from "../tests/support/test-database";

const PASSWORD = "correct horse battery";
const SIGN_INS = 40;

function rssMb(pid: number | undefined): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export interface SignInBurstResult {
  baseline: { medianMs: number; maxMs: number; reads: number };
  burst: { medianMs: number; maxMs: number; reads: number; seconds: number; statuses: Record<number, number>; peakRssMb: number; idleRssMb: number };
}

export async function benchSignInBurst(useServer: boolean): Promise<SignInBurstResult> {
  const database = useServer ? await createTestDatabase() : null;
  const app = await startApp({ env: database ? { DATABASE_URL: database.url } : {} });
  try {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    const { key } = (await (await post("/api/v1/projects/fair/keys", {})).json()) as { key: string };
    await post("/api/v1/runs", { project: "fair", name: "r" }, { authorization: `Bearer ${key}` });
    const setup = await post("/api/v1/auth/setup", { username: "root", password: PASSWORD }, { "sec-fetch-site": "same-origin" });
    if (setup.status !== 201) throw new Error(`setup: ${setup.status}`);

    const read = async () => {
      const started = performance.now();
      const response = await fetch(`${app.url}/api/v1/runs?project=fair`, { headers: { authorization: `Bearer ${key}`, "accept-encoding": "gzip" } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`read: ${response.status}`);
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i++) await read();
    const alone: number[] = [];
    for (let i = 0; i < 30; i++) alone.push(await read());
    const idleRssMb = rssMb(app.process.pid);

    const statuses: Record<number, number> = {};
    let done = 0;
    let peakRssMb = idleRssMb;
    const started = performance.now();
    const burst = Array.from({ length: SIGN_INS }, (_, i) =>
      post("/api/v1/auth/login", { username: `ghost${i}`, password: "wrong password" }, { "x-forwarded-for": `10.9.0.${i}` }).then(async (response) => {
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        done++;
      }),
    );
    const during: number[] = [];
    while (done < SIGN_INS) {
      during.push(await read());
      peakRssMb = Math.max(peakRssMb, rssMb(app.process.pid));
    }
    await Promise.all(burst);
    const seconds = (performance.now() - started) / 1000;
    return {
      baseline: { medianMs: median(alone), maxMs: Math.max(...alone), reads: alone.length },
      burst: { medianMs: median(during), maxMs: Math.max(...during), reads: during.length, seconds, statuses, peakRssMb, idleRssMb },
    };
  } finally {
    await app.stop();
    await database?.drop();
  }
}
