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
};

function formatEvidence(evidence: Record<string, unknown>): string {
  return Object.entries(evidence)
    .map(([k, v]) => `• ${k}: ${typeof v === "number" ? Number(v.toPrecision(4)) : String(v)}`)
    .join("\n");
}

export function buildFlagMessage(a: FlagAnnouncement) {
  const title = TITLES[a.property] ?? a.property;
  const text = `[${a.severity}] ${a.project}/${a.runName}: ${title} from step ${a.firstStep} — ${a.link}`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${title}* (${a.severity}) in <${a.link}|${a.project} / ${a.runName}> from step ${a.firstStep}` } },
      { type: "section", text: { type: "mrkdwn", text: formatEvidence(a.evidence) || "no evidence recorded" } },
    ],
    prefscope: { run_id: a.runId, run_name: a.runName, project: a.project, property: a.property, severity: a.severity, first_step: a.firstStep, evidence: a.evidence, link: a.link },
  };
}
