/** A flag announcement in Slack's incoming-webhook format (`text` for any receiver, `blocks` for Slack). */
export interface FlagAnnouncement {
  project: string;
  runId: string;
  runName: string;
  property: string;
  severity: string;
  firstStep: number;
  evidence: Record<string, unknown>;
  link: string;
}

const TITLES: Record<string, string> = {
  drastic_drop: "Drastic drop of the rejected log-prob",
  degradation: "Degradation into unlearning",
  dispersion: "Dispersion: probability mass leaking out of the data",
  non_finite: "Non-finite values (NaN/Infinity) in the loss or log-probs",
  loss_spike: "Loss spike: sustained jump above the run's recent loss",
};

/**
 * Text as Slack mrkdwn shows it verbatim: `&`, `<` and `>` are the only control characters (Slack's own rule), so a
 * run named `<!channel>` or `<https://x|click>` pings no one and links nowhere.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function formatEvidence(evidence: Record<string, unknown>): string {
  return Object.entries(evidence)
    .map(([k, v]) => `• ${escapeMrkdwn(k)}: ${typeof v === "number" ? Number(v.toPrecision(4)) : escapeMrkdwn(String(v))}`)
    .join("\n");
}

export function buildFlagMessage(a: FlagAnnouncement) {
  const title = escapeMrkdwn(TITLES[a.property] ?? a.property);
  const [project, runName, severity] = [a.project, a.runName, a.severity].map(escapeMrkdwn);
  // Slack reads `text` as mrkdwn too (it is the notification's fallback), so it is escaped as well; the
  // `prefscope` object carries the raw values for other receivers.
  const text = `[${severity}] ${project}/${runName}: ${title} from step ${a.firstStep} — ${escapeMrkdwn(a.link)}`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${title}* (${severity}) in <${escapeMrkdwn(a.link)}|${project} / ${runName}> from step ${a.firstStep}` } },
      { type: "section", text: { type: "mrkdwn", text: formatEvidence(a.evidence) || "no evidence recorded" } },
    ],
    prefscope: {
      run_id: a.runId,
      run_name: a.runName,
      project: a.project,
      property: a.property,
      severity: a.severity,
      first_step: a.firstStep,
      evidence: a.evidence,
      link: a.link,
    },
  };
}
