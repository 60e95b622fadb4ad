import { isFlagProperty } from "@/lib/diagnostics";
import { FLAG_LABELS } from "@/lib/diagnostics/view/flag-text";
import { readSharedRuns, type SharedReport } from "@/lib/reports/server/share-links";
import { SharedRunsTable } from "./shared-runs-table";

/** A runs-table report: the runs its saved filter and flag select, in the report's project only. */
export async function SharedRuns({ shared }: { shared: SharedReport }) {
  const { runs, summary_keys, query_error } = await readSharedRuns({ shared });
  const q = shared.target.params.get("q");
  const flagParam = shared.target.params.get("flag");
  const flag = isFlagProperty(flagParam) ? FLAG_LABELS[flagParam] : undefined;
  return (
    <section className="space-y-3" aria-label="Runs">
      <p className="text-sm text-slate-600">
        {runs.length} runs
        {q && (
          <>
            {" "}
            · filter <code className="rounded bg-slate-100 px-1">{q}</code>
          </>
        )}
        {flag && <> · flagged {flag}</>}
      </p>
      {query_error ? <p className="text-red-700">The saved filter no longer parses: {query_error}</p> : <SharedRunsTable runs={runs} summary_keys={summary_keys} />}
    </section>
  );
}
