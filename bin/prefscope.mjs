#!/usr/bin/env node
// The `prefscope` command: lib/cli/main.ts through tsx, in this process (a second node for it cost a start), under
// the react-server condition so the services' `server-only` guard accepts a command-line process.
import { register } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register as registerTsx } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.PREFSCOPE_ROOT = root;
process.env.PREFSCOPE_MIGRATIONS_DIR ??= path.join(root, "drizzle");
// What `--conditions=react-server` does for imports, set from here: every resolution also matches `react-server`.
const withReactServer = "export function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, 'react-server'] }); }";
register(`data:text/javascript,${encodeURIComponent(withReactServer)}`);
// This package's tsconfig (its `@/` paths), whatever the working directory.
registerTsx({ tsconfig: path.join(root, "tsconfig.json") });
await import(pathToFileURL(path.join(root, "lib", "cli", "main.ts")).href);
