"use client";

import dynamic from "next/dynamic";
import { runPairSource } from "@/lib/pairs/hooks";

// Below the charts, and drawn only once its pairs arrive (nothing to render on the server): its code loads after
// the page hydrates, so the first charts wait for less JavaScript.
const PairInspector = dynamic(() => import("@/components/pairs/pair-inspector").then((m) => m.PairInspector), { ssr: false });

/** The run page's pair inspector, reading the run API (the page is a server component: the source is made here). */
export function RunPairInspector({ runId }: { runId: string }) {
  return <PairInspector source={runPairSource(runId)} />;
}
