import type { Db } from "../core/db";
import { embeddedDataDir, selectedDriver } from "../core/db/driver";
import { readEmbeddedLock, type EmbeddedLock } from "../core/db/embedded-lock";

/**
 * Runs a command against the selected database. When a PrefScope server holds the embedded one, `viaServer`
 * gets the server's address and local token instead: the CLI never opens a data folder another process has open.
 * `preload` (the modules `direct` imports) starts while the database opens: PGlite's start is seconds of mostly
 * waiting on its WebAssembly, which the module loading fills (0.6–1.5 s of `prefscope import`, issue 16).
 */
export async function withDatabase<T>(
  direct: (db: Db) => Promise<T>,
  viaServer?: (server: Required<Pick<EmbeddedLock, "url" | "token">>) => Promise<T>,
  preload?: () => Promise<unknown>,
): Promise<T> {
  if (selectedDriver() === "pglite") {
    const holder = readEmbeddedLock(embeddedDataDir());
    if (holder?.role === "server" && holder.url && holder.token && viaServer) {
      return viaServer({ url: holder.url, token: holder.token });
    }
  }
  // The drivers and the schema load only here: a command that goes through a server never needs them.
  const { closeDatabase, getDatabase } = await import("../core/db");
  // A failure here is `direct`'s to report, when it imports the same modules.
  preload?.().catch(() => {});
  const database = await getDatabase({ role: "cli" });
  try {
    return await direct(database.db);
  } finally {
    await closeDatabase();
  }
}
