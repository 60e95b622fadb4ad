"use client";

import { useState } from "react";
import { useProjectSettings, useUpdateProjectSettings } from "@/lib/projects/hooks";
import type { ThresholdOverrides } from "@/lib/projects/contract";

/** The project's flag notifications (a Slack-compatible webhook) and its overrides of the flag thresholds. */
export function SettingsPanel({ project }: { project: string }) {
  const settings = useProjectSettings(project);
  const update = useUpdateProjectSettings(project);
  const [webhook, setWebhook] = useState<string | null>(null);
  const [thresholds, setThresholds] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const current = settings.data;
  if (!current) return null;

  const save = () => {
    let parsed: ThresholdOverrides | undefined;
    if (thresholds !== null) {
      try {
        parsed = JSON.parse(thresholds || "{}") as ThresholdOverrides;
      } catch (e) {
        return setParseError(`Thresholds are not valid JSON: ${(e as Error).message}`);
      }
    }
    setParseError(null);
    update.mutate({ ...(webhook !== null ? { webhook_url: webhook.trim() || null } : {}), ...(parsed ? { thresholds: parsed } : {}) });
  };

  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <summary className="cursor-pointer font-semibold">Flag settings and notifications</summary>
      <div className="mt-3 space-y-3">
        <label className="block">
          Webhook URL (Slack-compatible; one message per run and flag)
          <input
            value={webhook ?? current.webhook_url ?? ""}
            onChange={(e) => setWebhook(e.target.value)}
            placeholder="https://hooks.slack.com/services/…"
            aria-label="Webhook URL"
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
          />
        </label>
        <label className="block">
          Threshold overrides (JSON, deep-merged into the defaults in lib/diagnostics/thresholds.ts; a null resets one)
          <textarea
            value={thresholds ?? JSON.stringify(current.thresholds ?? {}, null, 2)}
            onChange={(e) => setThresholds(e.target.value)}
            rows={4}
            aria-label="Threshold overrides"
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
          />
        </label>
        <button type="button" onClick={save} disabled={update.isPending} className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50">
          Save settings
        </button>
        {(parseError ?? update.error?.message) && <p className="text-red-700">{parseError ?? update.error?.message}</p>}
        {update.isSuccess && <p className="text-emerald-700">Saved. Flags use the new thresholds from the next recomputation.</p>}
      </div>
    </details>
  );
}
