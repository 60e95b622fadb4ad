import { chmodSync, lstatSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * Makes a folder and everything in it its owner's alone: folders 0700, files without group or other bits. PGlite
 * unpacks its initial cluster with 0666 files (pg_hba.conf and the catalogs included), whatever the umask; files
 * Postgres creates afterwards are 0600 already. Symbolic links are neither followed nor changed.
 */
export function restrictToOwner(target: string): void {
  const stat = lstatSync(target, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(target, 0o700);
    for (const entry of readdirSync(target)) restrictToOwner(path.join(target, entry));
  } else if (stat.mode & 0o077) {
    chmodSync(target, stat.mode & 0o700);
  }
}
