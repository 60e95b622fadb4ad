import type { LineData } from "@/lib/metrics/view/series-traces";

/** A chart as data: what the LineChart component draws. */
export interface ChartSpec {
  id: string;
  title: string;
  yTitle?: string;
  y2Title?: string;
  logY?: boolean;
  lines: { name: string; data: LineData; color?: string; dash?: "solid" | "dash" | "dot"; secondaryAxis?: boolean; opacity?: number }[];
}
