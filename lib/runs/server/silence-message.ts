import { escapeMrkdwn } from "@/lib/diagnostics/server/webhook-message";
import { formatSilence } from "../view/health-label";

/** A run that went silent, as its project's webhook is told once (Slack's incoming-webhook format, like flags). */
export interface SilenceAnnouncement {
  project: string;
  runId: string;
  runName: string;
  /** ISO time of the run's last data or heartbeat. */
  lastSeenAt: string;
  /** Whole seconds between then and the announcement. */
  silentForS: number;
  link: string;
}

export function buildSilenceMessage(a: SilenceAnnouncement) {
  const [project, runName, link] = [a.project, a.runName, a.link].map(escapeMrkdwn);
  const silence = formatSilence(a.silentForS);
  return {
    text: `[stale] ${project}/${runName}: no data or heartbeat for ${silence} (last seen ${a.lastSeenAt}) — ${link}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*Run went silent*: <${link}|${project} / ${runName}> sent no data or heartbeat for ${silence} (last seen ${a.lastSeenAt})` },
      },
    ],
    prefscope: { event: "run_silent", run_id: a.runId, run_name: a.runName, project: a.project, last_seen_at: a.lastSeenAt, link: a.link },
  };
}
