// For the Python suite (clients/python/tests/support.py), which has no Postgres driver of its own:
// `create` prints the URL of a fresh database on DATABASE_URL's server; `drop URL` drops it.
import { createTestDatabase, dropTestDatabase } from "./test-database";

const [command, url] = process.argv.slice(2);
if (command === "create") {
  const database = await createTestDatabase();
  if (!database) throw new Error("DATABASE_URL is not set");
  console.log(database.url);
} else if (command === "drop" && url && process.env.DATABASE_URL) {
  await dropTestDatabase(url, process.env.DATABASE_URL);
} else {
  throw new Error("usage: test-database-cli.ts create | drop URL");
}
