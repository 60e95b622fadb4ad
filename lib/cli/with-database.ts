import { closeDatabase, embeddedDataDir, getDatabase, selectedDriver } from "../core/db";
import { readEmbeddedLock, type EmbeddedLock } from "../core/db/embedded-lock";

/**
 * Runs a command against the selected database. When a PrefScope server holds the embedded one, `viaServer`
 * gets the server's address and local token instead: the CLI never opens a data folder another process has open.
 */
export async function withDatabase<T>(
  direct: () => Promise<T>,
  viaServer?: (server: Required<Pick<EmbeddedLock, "url" | "token">>) => Promise<T>,
): Promise<T> {
  if (selectedDriver() === "pglite") {
    const holder = readEmbeddedLock(embeddedDataDir());
    if (holder?.role === "server" && holder.url && holder.token && viaServer) {
      return viaServer({ url: holder.url, token: holder.token });
    }
  }
  await getDatabase({ role: "cli" });
  try {
    return await direct();
  } finally {
    await closeDatabase();
  }
}
