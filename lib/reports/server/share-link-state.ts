import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/core/db";
import { shareLinks } from "@/lib/core/db/schema";
import { shareTokenSchema } from "../contract";
import { shareLinkState } from "./reports";
import { hashShareToken } from "./share-links";

/** Whether a share token's link is active, revoked or expired ("unknown" for a token that never was). */
export async function getShareLinkState({ token }: { token: string }): Promise<"active" | "revoked" | "expired" | "unknown"> {
  if (!shareTokenSchema.safeParse(token).success) return "unknown";
  const db = await getDb();
  const [link] = await db
    .select({ revokedAt: shareLinks.revokedAt, expiresAt: shareLinks.expiresAt })
    .from(shareLinks)
    .where(eq(shareLinks.tokenHash, hashShareToken(token)));
  return link ? shareLinkState(link) : "unknown";
}
