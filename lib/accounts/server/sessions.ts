import "server-only";
import { sql } from "drizzle-orm";
import { hashToken, newSessionToken, SESSION_TTL_MS } from "./tokens";
import { getDb, queryRows } from "@/lib/core/db";
import { sessions } from "@/lib/core/db/schema";
import type { User } from "./users";

/** Starts a session; the token goes into the cookie and only its hash into the database. */
export async function createSession({ userId }: { userId: number }): Promise<{ token: string; expiresAt: Date }> {
  const db = await getDb();
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
  // Expired sessions of this user go when they sign in again: the table never grows past live sessions per user.
  await db.execute(sql`delete from sessions where user_id = ${userId} and expires_at < now()`);
  return { token, expiresAt };
}

/** The signed-in, enabled user behind a session token, or null. */
export async function findSessionUser({ token }: { token: string }): Promise<User | null> {
  const db = await getDb();
  const [row] = await queryRows<{ id: number; username: string; is_admin: boolean; created_at: string }>(
    db,
    sql`select u.id, u.username, u.is_admin, u.created_at::text as created_at
        from sessions s join users u on u.id = s.user_id
        where s.token_hash = ${hashToken(token)} and s.expires_at > now() and u.disabled_at is null`,
  );
  return row ? { id: row.id, username: row.username, is_admin: row.is_admin, created_at: new Date(row.created_at).toISOString(), disabled: false } : null;
}

export async function deleteSession({ token }: { token: string }): Promise<void> {
  const db = await getDb();
  await db.execute(sql`delete from sessions where token_hash = ${hashToken(token)}`);
}
