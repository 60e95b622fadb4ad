import postgres from "postgres";
import { createPglite } from "@/lib/core/db/pglite-client";

export type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Opens an app's database directly, to check what it stored row by row: the Postgres server at `url`, else the
 * embedded one in the app's data folder (only while no server holds it: stop the app first).
 */
export async function openDb(app: { dataDir: string | null }, url: string | null): Promise<{ query: Query; close: () => Promise<void> }> {
  if (url) {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    return { query: (text, params = []) => sql.unsafe(text, params as never[]) as unknown as Promise<Record<string, unknown>[]>, close: () => sql.end() };
  }
  const db = await createPglite({ dataDir: app.dataDir! });
  return { query: async (text, params = []) => (await db.query<Record<string, unknown>>(text, params)).rows, close: () => db.close() };
}
