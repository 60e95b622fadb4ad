import { loadSharedView } from "@/lib/pages/shared-view";
import { AppError } from "@/lib/core/errors";
import { readSharedView, type SharedReport } from "@/lib/reports/server/share-links";
import { SharedCompare } from "./shared-compare";
import { SharedDpoVsRm } from "./shared-dpo-vs-rm";
import { SharedOtherView } from "./shared-other-view";
import { SharedSweep } from "./shared-sweep";
import { SharedTables } from "./shared-tables";

/** A tables, compare, sweeps or DPO-vs-RM report drawn read-only; a link frozen before views were kept lists its runs. */
export async function SharedChartView({ shared }: { shared: SharedReport }) {
  const view = await readSharedView({ shared, loadView: loadSharedView }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!view) return <SharedOtherView shared={shared} />;
  switch (view.kind) {
    case "tables":
      return <SharedTables data={view.data} />;
    case "compare":
      return <SharedCompare data={view.data} />;
    case "sweeps":
      return <SharedSweep data={view.data} />;
    case "dpo-vs-rm":
      return <SharedDpoVsRm data={view.data} />;
  }
}
