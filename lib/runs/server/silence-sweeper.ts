import "server-only";
import { sql } from "drizzle-orm";
import { setting } from "@/lib/core/config";
import { getDb, queryRows, type Db } from "@/lib/core/db";
import { publicUrl } from "@/lib/core/public-url";
import { postWebhook, WebhookRefusedError } from "@/lib/diagnostics/server/webhook-post";
import { recordChange } from "@/lib/live/server/record-change";
import { buildSilenceMessage, type SilenceAnnouncement } from "./silence-message";

const ATTEMPTS = 4;

type Claimed = { id: string; name: string; project: string; webhook_url: string | null; last_seen_at: Date | string; silent_for_s: number };

/**
 * Claims the running runs that crossed the stale threshold and were not announced yet, and tells live viewers
 * they went stale, in one transaction. The claim is an UPDATE of `silence_notified_at` guarded by `is null`: with
 * several app instances sweeping, Postgres' row locks let exactly one of them claim a run, so one message goes.
 * Runs that then also crossed the crashed threshold are claimed once more, the same way (their announcement moves
 * to now, past `last_seen_at` + the crashed time), for viewers only: the webhook hears of a silence once.
 */
export async function claimSilentRuns(db: Db): Promise<{ stale: Claimed[]; crashed: string[] }> {
  const staleAfterS = setting("PREFSCOPE_RUN_STALE_AFTER_S");
  const crashedAfterS = setting("PREFSCOPE_RUN_CRASHED_AFTER_S");
  return db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    const stale = await queryRows<Claimed>(
      txDb,
      sql`update runs r set silence_notified_at = now() from projects p
          where p.id = r.project_id and r.status = 'running' and r.silence_notified_at is null and r.deleting_at is null
            and r.last_seen_at < now() - ${staleAfterS}::float8 * interval '1 second'
          returning r.id, r.name, p.name as project, p.settings->>'webhook_url' as webhook_url, r.last_seen_at,
            extract(epoch from now() - r.last_seen_at)::float8 as silent_for_s`,
    );
    const crashedAfter = sql`${crashedAfterS}::float8 * interval '1 second'`;
    const crashed = await queryRows<{ id: string }>(
      txDb,
      sql`update runs r set silence_notified_at = now()
          where r.status = 'running' and r.silence_notified_at is not null and r.deleting_at is null
            and r.last_seen_at < now() - ${crashedAfter} and r.silence_notified_at < r.last_seen_at + ${crashedAfter}
          returning r.id`,
    );
    for (const id of new Set([...stale.map((r) => r.id), ...crashed.map((r) => r.id)])) await recordChange(txDb, { runId: id, kind: "run" });
    return { stale, crashed: crashed.map((r) => r.id) };
  });
}

/** One sweep: claims the runs that went silent (or crashed) and sends each project's webhook its message (in the background). */
export async function sweepSilentRuns(): Promise<void> {
  const { stale } = await claimSilentRuns(await getDb());
  for (const run of stale) {
    if (!run.webhook_url) continue;
    const announcement: SilenceAnnouncement = {
      project: run.project,
      runId: run.id,
      runName: run.name,
      lastSeenAt: new Date(run.last_seen_at).toISOString(),
      silentForS: Number(run.silent_for_s),
      link: `${publicUrl()}/p/${encodeURIComponent(run.project)}/runs/${run.id}`,
    };
    void deliver(run.webhook_url, announcement);
  }
}

/** Up to four attempts (PREFSCOPE_WEBHOOK_RETRY_MS, ×4 each time), as flag announcements get; never throws. */
async function deliver(url: string, announcement: SilenceAnnouncement): Promise<void> {
  const body = JSON.stringify(buildSilenceMessage(announcement));
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let error: string;
    try {
      const status = await postWebhook(url, body);
      if (status >= 200 && status < 300) return;
      error = status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      if (e instanceof WebhookRefusedError) {
        console.warn(`[prefscope] silence webhook for run ${announcement.runId} refused: ${error}`);
        return;
      }
    }
    console.warn(`[prefscope] silence webhook for run ${announcement.runId} failed, attempt ${attempt}/${ATTEMPTS}: ${error}`);
    if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, setting("PREFSCOPE_WEBHOOK_RETRY_MS") * 4 ** (attempt - 1)));
  }
}

const holder = globalThis as typeof globalThis & { __prefscopeSilenceSweeper?: NodeJS.Timeout };

/**
 * Sweeps every PREFSCOPE_RUN_HEALTH_SWEEP_S in this instance (once per process, unref'd: it never keeps the process
 * up). Showing a run as stale needs no sweep (health is computed when read); only the one message does.
 */
export function startSilenceSweeper(): void {
  if (holder.__prefscopeSilenceSweeper) return;
  let sweeping = false;
  const timer = setInterval(
    () => {
      if (sweeping) return;
      sweeping = true;
      sweepSilentRuns()
        .catch((error: unknown) => console.error("[prefscope] looking for silent runs failed", error))
        .finally(() => (sweeping = false));
    },
    setting("PREFSCOPE_RUN_HEALTH_SWEEP_S") * 1000,
  );
  timer.unref();
  holder.__prefscopeSilenceSweeper = timer;
}
