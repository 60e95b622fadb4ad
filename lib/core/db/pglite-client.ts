import type { PGlite, PGliteOptions } from "@electric-sql/pglite";

/**
 * A PGlite with the extensions the migrations use: pg_trgm, for the trigram indexes over the pair texts'
 * lower-cased columns (migration 0010). Every PGlite that opens or migrates the app's database is made here: an
 * index whose operator class is not loaded cannot be written or read.
 */
export async function createPglite(options: PGliteOptions = {}): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  return PGlite.create({ ...options, extensions: { ...options.extensions, pg_trgm } });
}
