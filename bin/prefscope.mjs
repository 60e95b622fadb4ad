#!/usr/bin/env node
// The `prefscope` command: runs lib/cli/main.ts with tsx, under the react-server condition so the services'
// `server-only` guard accepts a command-line process.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "lib", "cli", "main.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, PREFSCOPE_ROOT: root, PREFSCOPE_MIGRATIONS_DIR: process.env.PREFSCOPE_MIGRATIONS_DIR ?? path.join(root, "drizzle") },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
