import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/lib/core/db";
import { apiKeys } from "@/lib/core/db/schema";
import { AppError } from "@/lib/core/errors";
import { getOrCreateProject, getProjectByName } from "@/lib/projects/server/projects";
import type { ApiKeySummary, CreatedApiKey } from "../contract";

export type KeyScope = "write" | "read";

export interface ApiKeyPrincipal {
  keyId: number;
  projectId: number;
  scope: KeyScope;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Creates a project key (and the project when missing). The key is returned once; only its hash is kept. */
export async function createApiKey({ project, name = "", scope = "write" }: { project: string; name?: string; scope?: KeyScope }): Promise<CreatedApiKey> {
  const db = await getDb();
  const { id: projectId } = await getOrCreateProject({ name: project });
  const key = `ps_${randomBytes(24).toString("base64url")}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ projectId, name, scope, keyHash: hashApiKey(key), prefix: key.slice(0, 10) })
    .returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
  return { id: row!.id, key, project, name, scope, prefix: key.slice(0, 10), created_at: row!.createdAt.toISOString() };
}

export async function listApiKeys({ project }: { project: string }): Promise<ApiKeySummary[]> {
  const db = await getDb();
  const { id: projectId } = await getProjectByName({ name: project });
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.projectId, projectId)).orderBy(desc(apiKeys.createdAt));
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scope: k.scope === "read" ? "read" : "write",
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiKey({ project, keyId }: { project: string; keyId: number }) {
  const db = await getDb();
  const { id: projectId } = await getProjectByName({ name: project });
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.projectId, projectId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (revoked.length === 0) throw new AppError("not_found", `No active key ${keyId} in project "${project}"`);
}

// Writing last_used_at on every request would add a write per batch; once a minute is precise enough.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The principal behind a bearer key, or a 401 when the key is unknown or revoked. */
export async function authenticateApiKey({ key }: { key: string }): Promise<ApiKeyPrincipal> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(key)));
  if (!row || row.revokedAt) throw new AppError("unauthorized", "Unknown or revoked API key");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiKeys.id, row.id));
  }
  return { keyId: row.id, projectId: row.projectId, scope: row.scope === "read" ? "read" : "write" };
}
