import { ConfigTable } from "@/components/runs/config-table";
import { AppError } from "@/lib/core/errors";
import { readSharedRun, type SharedReport } from "@/lib/reports/server/share-links";
import { SharedDiagnostics, SharedMetrics, SharedPairs } from "./shared-run-data";
import { RunBadges } from "@/components/runs/run-badges";
import { RunDeleted } from "@/components/runs/run-deleted";
import { RunNotes } from "@/components/runs/run-notes";

/** A run report: the run's header, its 3D panel, every metric and its config, without the dashboard around it. */
export async function SharedRun({ token, shared }: { token: string; shared: SharedReport }) {
  const run = await readSharedRun({ shared }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  // The report was checked when saved: a run it cannot find now was deleted since.
  if (!run) return <RunDeleted />;
  return (
    <article className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">{run.name}</h2>
        <RunBadges run={run} />
      </div>
      <RunNotes group={run.group} notes={run.notes} />
      <section aria-labelledby="diagnostics-heading">
        <h2 id="diagnostics-heading" className="mb-3 text-lg font-semibold">
          3D-property diagnostics
        </h2>
        <SharedDiagnostics token={token} />
      </section>
      {shared.link.mode === "live" && <SharedPairs token={token} />}
      <section aria-labelledby="metrics-heading">
        <h2 id="metrics-heading" className="mb-3 text-lg font-semibold">
          All metrics
        </h2>
        <SharedMetrics token={token} />
      </section>
      <ConfigTable config={run.config} />
    </article>
  );
}
