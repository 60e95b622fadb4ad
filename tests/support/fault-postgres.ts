import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

/**
 * Stops and starts the local Postgres cluster (Debian's pg_ctlcluster, as root) that DATABASE_URL points at.
 * `unusable` says why not when this machine cannot: then the test that needs it is skipped, with that reason.
 */
export interface PostgresCluster {
  stop(): void;
  start(): void;
  online(): boolean;
}

const run = (args: string[]) => execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", ...args], { stdio: "pipe", timeout: 60_000 }).toString();

export function localCluster(databaseUrl: string | undefined): PostgresCluster | { unusable: string } {
  if (!databaseUrl) return { unusable: "needs DATABASE_URL (a Postgres server); embedded PGlite has no server to stop" };
  const url = new URL(databaseUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) return { unusable: `DATABASE_URL is not on this machine (${url.hostname})` };
  if (process.getuid?.() !== 0) return { unusable: "stopping the Postgres server needs root (pg_ctlcluster)" };
  let version: string | undefined;
  try {
    version = readdirSync("/etc/postgresql")[0];
  } catch {
    // no Debian cluster layout
  }
  if (!version) return { unusable: "no /etc/postgresql cluster to stop (pg_ctlcluster)" };
  const cluster = [version, "main"];
  try {
    // "15 main 5432 online postgres /var/lib/... /var/log/..."
    const line = execFileSync("pg_lsclusters", ["-h"], { timeout: 10_000 })
      .toString()
      .split("\n")
      .map((l) => l.split(/\s+/))
      .find((f) => f[0] === version && f[1] === "main");
    if (!line) return { unusable: `pg_lsclusters does not list ${version}/main` };
    if (line[2] !== (url.port || "5432")) return { unusable: `cluster ${version}/main listens on ${line[2]}, not DATABASE_URL's port` };
    if (line[3] !== "online") return { unusable: `cluster ${version}/main is ${line[3]}` };
  } catch (error) {
    return { unusable: `pg_ctlcluster is not usable here: ${(error as Error).message}` };
  }
  const online = () => {
    try {
      return run([...cluster, "status"]).includes("server is running");
    } catch {
      return false;
    }
  };
  return {
    stop: () => void run([...cluster, "stop", "-m", "fast"]),
    start: () => void run([...cluster, "start"]),
    online,
  };
}
