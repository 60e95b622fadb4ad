import { readSharedRuns, type SharedReport } from "@/lib/reports/server/share-links";
import { SharedRunsTable } from "./shared-runs-table";

const VIEW_NAMES: Record<string, string> = { tables: "Tables", compare: "Compare", sweeps: "β sweeps", "dpo-vs-rm": "DPO vs RM", lab: "Toy-model lab" };

/**
 * Views a shared page does not draw (the lab, and links frozen before shared pages drew their view): the view's saved
 * settings, and the runs its URL names, with their flags, config and last metric values.
 */
export async function SharedOtherView({ shared }: { shared: SharedReport }) {
  const { runs, summary_keys } = await readSharedRuns({ shared });
  const settings = [...shared.target.params.entries()];
  return (
    <section className="space-y-4" data-testid="shared-other-view">
      <p className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700 shadow-sm">
        A saved <strong>{VIEW_NAMES[shared.target.view] ?? shared.target.view}</strong> view. Shared pages do not draw this view&apos;s charts yet; its settings and the runs it
        names are below.
      </p>
      {settings.length > 0 && (
        <table className="text-sm" aria-label="View settings">
          <tbody>
            {settings.map(([key, value], i) => (
              <tr key={`${i}-${key}`}>
                <td className="pr-6 font-mono text-slate-600">{key}</td>
                <td className="break-all font-mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {runs.length > 0 && <SharedRunsTable runs={runs} summary_keys={summary_keys} />}
    </section>
  );
}
