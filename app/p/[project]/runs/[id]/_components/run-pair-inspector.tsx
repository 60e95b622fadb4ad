"use client";

import { PairInspector } from "@/components/pairs/pair-inspector";
import { runPairSource } from "@/lib/pairs/hooks";

/** The run page's pair inspector, reading the run API (the page is a server component: the source is made here). */
export function RunPairInspector({ runId }: { runId: string }) {
  return <PairInspector source={runPairSource(runId)} />;
}
