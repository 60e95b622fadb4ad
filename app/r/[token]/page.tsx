import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { resolveShareLink, ShareLinkGoneError } from "@/lib/reports/server/share-links";
import { isDrawnView } from "@/lib/reports/contract";
import { LinkClosed } from "./_components/link-closed";
import { SharedBanner } from "./_components/shared-banner";
import { SharedChartView } from "./_components/shared-chart-view";
import { SharedOtherView } from "./_components/shared-other-view";
import { SharedRun } from "./_components/shared-run";
import { SharedRuns } from "./_components/shared-runs";
import { SharedLive } from "./_components/shared-live";
import { PlotlyScript } from "@/components/plots/plotly-script";
import { getDb } from "@/lib/core/db";
import { newestChangeId } from "@/lib/live/server/change-rows";

// Every request checks the token again: a revoked link stops on the next reload.
export const dynamic = "force-dynamic";

// The token is in the URL: keep it out of search engines and out of Referer headers.
export const metadata: Metadata = { title: "Shared report", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function SharedReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await resolveShareLink({ token }).catch((error: unknown) => {
    if (error instanceof ShareLinkGoneError) return error.reason;
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  if (typeof shared === "string") return <LinkClosed reason={shared} />;
  const { view } = shared.target;
  // A live link of a run, runs or drawn report follows its runs from the change its data was read at.
  const since = shared.link.mode === "live" && (view === "run" || view === "runs" || isDrawnView(view)) ? await newestChangeId(await getDb()) : null;
  return (
    <div className="space-y-6">
      <SharedBanner report={shared.report} link={shared.link} />
      {view !== "runs" && view !== "tables" && <PlotlyScript />}
      {since !== null && <SharedLive token={token} since={since} />}
      {view === "run" ? (
        <SharedRun token={token} shared={shared} />
      ) : view === "runs" ? (
        <SharedRuns shared={shared} />
      ) : isDrawnView(view) ? (
        <SharedChartView shared={shared} />
      ) : (
        <SharedOtherView shared={shared} />
      )}
    </div>
  );
}
