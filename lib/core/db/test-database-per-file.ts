import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Db, DbDriver } from ".";
import { openTestDatabase, type TestDatabase } from "./test-database";

/**
 * A test file's own migrated database (see openTestDatabase): opened once for the file, since starting PGlite and
 * migrating takes a few seconds on a loaded machine; emptied before each test; closed (or dropped) at the end.
 */
export function testDatabasePerFile(): { readonly db: Db; readonly driver: DbDriver } {
  let opened: TestDatabase | undefined;
  beforeAll(async () => {
    opened = await openTestDatabase();
  }, 120_000);
  afterAll(async () => opened?.close());
  beforeEach(async () => opened!.reset());
  return {
    get db() {
      return opened!.db;
    },
    get driver() {
      return opened!.driver;
    },
  };
}
