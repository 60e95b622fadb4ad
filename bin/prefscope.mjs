#!/usr/bin/env node
// The `prefscope` command: runs lib/cli/main.ts with tsx, under the react-server condition so the services'
// `server-only` guard accepts a command-line process.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// tsx by its own path: a bare `--import tsx` is resolved from the working directory, which need not be this package.
const tsx = import.meta.resolve("tsx");
const child = spawn(process.execPath, ["--conditions=react-server", "--import", tsx, path.join(root, "lib", "cli", "main.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
  // tsx reads the `@/` paths from this package's tsconfig, not one in the working directory.
  env: {
    ...process.env,
    TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
    PREFSCOPE_ROOT: root,
    PREFSCOPE_MIGRATIONS_DIR: process.env.PREFSCOPE_MIGRATIONS_DIR ?? path.join(root, "drizzle"),
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
