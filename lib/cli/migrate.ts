import { embeddedDataDir, selectedDriver } from "../core/db/driver";
import { withDatabase } from "./with-database";

export async function runMigrateCommand(): Promise<number> {
  await withDatabase(
    async () => undefined,
    async () => undefined, // a running server applied them when it started
  );
  console.log(`Migrations applied (${selectedDriver() === "pglite" ? `embedded database at ${embeddedDataDir()}` : "DATABASE_URL"}).`);
  return 0;
}
