import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { decoyHash, hashPassword, verifyPassword } from "./passwords";
import { getDb, queryRows } from "@/lib/core/db";
import { users } from "@/lib/core/db/schema";
import { AppError } from "@/lib/core/errors";
import type { User } from "../contract";

export type { User } from "../contract";

function toUser(row: typeof users.$inferSelect): User {
  return { id: row.id, username: row.username, is_admin: row.isAdmin, created_at: row.createdAt.toISOString(), disabled: row.disabledAt !== null };
}

const holder = globalThis as typeof globalThis & { __prefscopeAccounts?: boolean };

/**
 * Whether anyone can sign in: with nobody yet, PrefScope is in local mode (loopback only, no sign-in). Once true it
 * stays true for this process, so only local mode asks the database each time — and it flips at the first user.
 */
export async function accountsEnabled(): Promise<boolean> {
  if (holder.__prefscopeAccounts) return true;
  const db = await getDb();
  const [row] = await queryRows<{ any: boolean }>(db, sql`select exists (select 1 from users) as any`);
  holder.__prefscopeAccounts = Boolean(row?.any);
  return holder.__prefscopeAccounts;
}

export async function createUser({ username, password, isAdmin = false, onlyIfFirst = false }: { username: string; password: string; isAdmin?: boolean; onlyIfFirst?: boolean }) {
  const db = await getDb();
  const passwordHash = await hashPassword(password);
  const name = username.toLowerCase();
  // The set-up page may only create the first user: the check and the insert are one statement, so two browsers
  // racing through set-up cannot both become admin.
  const rows = onlyIfFirst
    ? await queryRows<typeof users.$inferSelect>(
        db,
        sql`insert into users (username, password_hash, is_admin) select ${name}, ${passwordHash}, ${isAdmin}
            where not exists (select 1 from users) on conflict do nothing
            returning id, username, is_admin as "isAdmin", created_at as "createdAt", disabled_at as "disabledAt"`,
      )
    : await db.insert(users).values({ username: name, passwordHash, isAdmin }).onConflictDoNothing().returning();
  const row = rows[0];
  if (!row) {
    if (onlyIfFirst) throw new AppError("conflict", "PrefScope is already set up: sign in instead");
    throw new AppError("conflict", `User "${name}" already exists`, ["username"]);
  }
  holder.__prefscopeAccounts = true;
  return toUser({ ...row, createdAt: new Date(row.createdAt) });
}

/** The user behind a username and password, or a 401 that does not say which of the two was wrong. */
export async function authenticateUser({ username, password }: { username: string; password: string }): Promise<User> {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.username, username.toLowerCase()));
  const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash()));
  if (!row || !ok || row.disabledAt) throw new AppError("unauthorized", "Wrong username or password");
  return toUser(row);
}

export async function listUsers(): Promise<User[]> {
  const db = await getDb();
  return (await db.select().from(users).orderBy(asc(users.username))).map(toUser);
}

export async function findUserByName({ username }: { username: string }): Promise<User | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.username, username.toLowerCase()));
  return row && toUser(row);
}

/** Admin rights, a new password, or disabling: a disabled user's sessions end with it. */
export async function updateUser({ id, isAdmin, password, disabled }: { id: number; isAdmin?: boolean; password?: string; disabled?: boolean }): Promise<User> {
  const db = await getDb();
  const changes: Partial<typeof users.$inferInsert> = {};
  if (isAdmin !== undefined) changes.isAdmin = isAdmin;
  if (password !== undefined) changes.passwordHash = await hashPassword(password);
  if (disabled !== undefined) changes.disabledAt = disabled ? new Date() : null;
  return db.transaction(async (tx) => {
    const [row] = Object.keys(changes).length ? await tx.update(users).set(changes).where(eq(users.id, id)).returning() : await tx.select().from(users).where(eq(users.id, id));
    if (!row) throw new AppError("not_found", `No user ${id}`);
    const [admins] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from users where is_admin and disabled_at is null`);
    if (!admins?.n) throw new AppError("conflict", "PrefScope needs at least one active admin", ["is_admin"]);
    if (password !== undefined || disabled) await tx.execute(sql`delete from sessions where user_id = ${id}`);
    return toUser(row);
  });
}
