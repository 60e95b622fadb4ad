import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface AppServer {
  url: string;
  dataDir: string | null;
  process: ChildProcess;
  /** Everything the server printed, for assertions on its banner and for debugging failures. */
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive()) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Starts the built app (`next start`) on a free loopback port: embedded PGlite in a fresh data folder unless
 * `env.DATABASE_URL` is given. Pass `dataDir` to reopen an existing embedded database. Password hashes are cheap
 * (scrypt N = 2^10 instead of 2^17: the suites hash hundreds of passwords, each 128 MiB and seconds on a busy
 * machine at the real cost); a test that needs the real cost passes `PREFSCOPE_SCRYPT_COST`.
 */
type StartOptions = { env?: Record<string, string | undefined>; dataDir?: string; port?: number; startTimeoutMs?: number };

export async function startApp(options: StartOptions = {}): Promise<AppServer> {
  // A free port is free when asked, not when the app binds it: another test's app may take it in between. Then this
  // app exits (EADDRINUSE) while the other answers its URL, so a port chosen here is chosen again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAppOnce(options);
    } catch (error) {
      if (options.port !== undefined || attempt === 3 || !(error instanceof PortTakenError)) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startAppOnce(options: StartOptions): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PREFSCOPE_SEED: "0",
    PREFSCOPE_SCRYPT_COST: "10",
    HOST: "127.0.0.1",
    PORT: String(port),
    ...options.env,
  };
  let dataDir: string | null = null;
  if (!env.DATABASE_URL) {
    dataDir = options.dataDir ?? path.join(mkdtempSync(path.join(tmpdir(), "prefscope-test-")), "db");
    env.PREFSCOPE_DATA_DIR = dataDir;
  }
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    // Next.js says "Ready" once it listens: until then, whatever answers the URL may be another app on that port.
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/Ready in/.test(output)) resolve();
        else if (/EADDRINUSE/.test(output)) reject(new PortTakenError(`port ${port} was taken`));
        else if (child.exitCode !== null) reject(new Error(`exited with ${child.exitCode}`));
        else return false;
        return true;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no "Ready" within ${options.startTimeoutMs ?? 180_000} ms`));
      }, options.startTimeoutMs ?? 180_000);
      const onData = () => void (check() && cleanup());
      const onExit = () => void (check() && cleanup());
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        child.stderr!.off("data", onData);
        child.off("exit", onExit);
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("exit", onExit);
    });
    // Opening the database and migrating it: seconds, or minutes on a busy machine.
    await waitForHttp(`${url}/api/v1/runs?limit=1`, options.startTimeoutMs ?? 180_000, () => child.exitCode === null);
  } catch (error) {
    child.kill("SIGKILL");
    if (error instanceof PortTakenError) throw error;
    throw new Error(`App did not start: ${(error as Error).message}\n${output}`);
  }
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
