import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { setting } from "@/lib/core/config";
import { getDb, queryRows } from "@/lib/core/db";
import { flagNotifications } from "@/lib/core/db/schema";
import { buildFlagMessage, type FlagAnnouncement } from "./webhook-message";
import { postWebhook, WebhookRefusedError } from "./webhook-post";

export const SEVERITY_RANK: Record<string, number> = { info: 1, warning: 2, critical: 3 };

const ATTEMPTS = 4;
const retryBaseMs = () => setting("PREFSCOPE_WEBHOOK_RETRY_MS");

/**
 * Records the announcement of a flag that is new for this run, or whose severity rose, and sends it in the
 * background. The primary key (run, flag, severity) makes each announcement happen at most once, whichever app
 * instance computes the flag first.
 */
export async function announceFlag(webhookUrl: string, a: FlagAnnouncement): Promise<void> {
  const db = await getDb();
  const rank = SEVERITY_RANK[a.severity] ?? 0;
  const payload = buildFlagMessage(a);
  const inserted = await queryRows<{ run_id: string }>(
    db,
    sql`insert into flag_notifications (run_id, property, severity, payload)
        select ${a.runId}, ${a.property}, ${a.severity}, ${JSON.stringify(payload)}::jsonb
        where not exists (
          select 1 from flag_notifications n where n.run_id = ${a.runId} and n.property = ${a.property}
            and (case n.severity when 'info' then 1 when 'warning' then 2 when 'critical' then 3 else 0 end) >= ${rank})
        on conflict do nothing returning run_id`,
  );
  if (inserted.length > 0) void deliver(webhookUrl, a.runId, a.property, a.severity, payload);
}

async function runIsLive(runId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(await getDb(), sql`select id from runs where id = ${runId} and deleting_at is null`);
  return rows.length > 0;
}

async function deliver(url: string, runId: string, property: string, severity: string, payload: unknown): Promise<void> {
  const db = await getDb();
  const where = and(eq(flagNotifications.runId, runId), eq(flagNotifications.property, property), eq(flagNotifications.severity, severity), isNull(flagNotifications.deliveredAt));
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    // A run deleted since (or while retrying) is announced no more.
    if (!(await runIsLive(runId))) return;
    let error: string | null = null;
    let refused = false;
    try {
      const status = await postWebhook(url, JSON.stringify(payload));
      if (status >= 300 && status < 400) error = `HTTP ${status} (redirects are not followed)`;
      else if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      refused = e instanceof WebhookRefusedError;
    }
    await db
      .update(flagNotifications)
      .set({ attempts: attempt, lastError: error, deliveredAt: error ? null : new Date() })
      .where(where);
    if (!error) return;
    if (refused) {
      console.warn(`[prefscope] webhook for run ${runId} (${property}, ${severity}) refused: ${error}`);
      return;
    }
    console.warn(`[prefscope] webhook for run ${runId} (${property}, ${severity}) failed, attempt ${attempt}/${ATTEMPTS}: ${error}`);
    if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, retryBaseMs() * 4 ** (attempt - 1)));
  }
}
