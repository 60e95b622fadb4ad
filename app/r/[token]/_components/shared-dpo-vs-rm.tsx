import { BandChart } from "@/app/p/[project]/dpo-vs-rm/_components/band-chart";
import { MethodSummary } from "@/app/p/[project]/dpo-vs-rm/_components/method-summary";
import type { DpoVsRmChartsView } from "@/lib/pages/dpo-vs-rm-view";

/** A DPO-vs-reward-model report: mean and band per method over training (Figure 4), and the per-method summary. */
export function SharedDpoVsRm({ data }: { data: DpoVsRmChartsView }) {
  const { curves, metric } = data;
  return (
    <div className="space-y-4" data-testid="shared-dpo-vs-rm">
      {data.missing.length > 0 && (
        <p className="text-sm text-amber-700">
          Not logged by {data.missing.length} run{data.missing.length > 1 ? "s" : ""}: <span className="font-mono">{metric}</span> ({data.missing.join(", ")})
        </p>
      )}
      {curves.length === 0 ? (
        <p className="text-slate-600">
          No runs with <span className="font-mono">{metric}</span> in this selection.
        </p>
      ) : (
        <>
          <figure className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-chart="dpo-vs-rm" data-methods={curves.map((c) => c.method).join(",")}>
            <figcaption className="mb-1 text-sm font-medium">
              {metric} over training{data.scenario !== null ? `, scenario ${data.scenario}` : ""} — mean and {data.band === "std" ? "±1 std" : "min–max"} over seeds
            </figcaption>
            <BandChart curves={curves} band={data.band} yTitle={metric} />
          </figure>
          <MethodSummary curves={curves} metric={metric} />
        </>
      )}
    </div>
  );
}
