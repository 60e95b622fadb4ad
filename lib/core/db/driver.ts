import path from "node:path";
import { setting } from "../config";

// Which database a process uses, apart from the drivers and the schema: the CLI decides whether to open the
// database itself or go through the server holding it without loading either.

export type DbDriver = "pglite" | "postgres";

/** The embedded database's folder: `PREFSCOPE_DATA_DIR`, or `./.prefscope/db`. */
export function embeddedDataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ setting("PREFSCOPE_DATA_DIR"));
}

export function selectedDriver(): DbDriver {
  return setting("DATABASE_URL") ? "postgres" : "pglite";
}
