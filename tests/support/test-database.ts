import postgres from "postgres";

/**
 * With DATABASE_URL set, a fresh database on that server for one test run (dropped afterwards), so runs never
 * see each other's rows or an older schema. Without it, null: the app uses embedded PGlite.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = process.env.DATABASE_URL;
  if (!base) return null;
  const name = `prefscope_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropTestDatabase(url.toString(), base) };
}

/** Drops a database createTestDatabase made, connecting to the server through `base` (DATABASE_URL as it was). */
export async function dropTestDatabase(url: string, base: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^prefscope_test_\d+_[0-9a-z]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  const conn = postgres(base, { max: 1, onnotice: () => {} });
  await conn.unsafe(`drop database if exists ${name} with (force)`);
  await conn.end();
}
