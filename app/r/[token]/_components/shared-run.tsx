import { FlagBadge, type FlagLike } from "@/components/flags/flag-badge";
import { StatusBadge } from "@/components/ui/status-badge";
import { AppError } from "@/lib/errors";
import { formatConfigValue } from "@/lib/plots/format";
import { readSharedRun, type SharedReport } from "@/lib/services/share-links";
import { SharedDiagnostics, SharedMetrics } from "./shared-run-data";

/** A run report: the run's header, its 3D panel, every metric and its config, without the dashboard around it. */
export async function SharedRun({ token, shared }: { token: string; shared: SharedReport }) {
  const run = await readSharedRun({ shared }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!run) return <p className="text-slate-600">The run this report shows no longer exists.</p>;
  const config = Object.entries(run.config);
  return (
    <article className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">{run.name}</h2>
        <StatusBadge status={run.status} />
        {run.algorithm && <span className="rounded bg-slate-100 px-2 py-0.5 text-sm">{run.algorithm}</span>}
        {(run.flags as FlagLike[]).map((f) => (
          <FlagBadge key={f.property} flag={f} />
        ))}
        {run.tags.map((t) => (
          <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
            {t}
          </span>
        ))}
      </div>
      <section aria-labelledby="diagnostics-heading">
        <h2 id="diagnostics-heading" className="mb-3 text-lg font-semibold">
          3D-property diagnostics
        </h2>
        <SharedDiagnostics token={token} />
      </section>
      <section aria-labelledby="metrics-heading">
        <h2 id="metrics-heading" className="mb-3 text-lg font-semibold">
          All metrics
        </h2>
        <SharedMetrics token={token} />
      </section>
      <section aria-labelledby="config-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="config-heading" className="mb-2 text-lg font-semibold">
          Config
        </h2>
        {config.length === 0 ? (
          <p className="text-sm text-slate-600">No config logged.</p>
        ) : (
          <table className="text-sm" data-testid="run-config">
            <tbody>
              {config.map(([key, value]) => (
                <tr key={key}>
                  <td className="pr-6 font-mono text-slate-600">{key}</td>
                  <td className="font-mono">{formatConfigValue(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
