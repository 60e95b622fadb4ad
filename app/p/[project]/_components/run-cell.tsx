import Link from "next/link";
import type { ReactNode } from "react";
import { FlagBadge, type FlagLike } from "@/components/flags/flag-badge";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { formatConfigValue, formatValue } from "@/lib/core/view/format";
import { getOwn } from "@/lib/core/view/own-keys";
import { columnValue, parseColumn, type ColumnId } from "@/lib/runs/view/run-columns";
import type { TableRun } from "@/lib/comparisons/view/table-run";
import { formatStepRate } from "@/lib/live/view/step-rate";
import type { LiveRunPatch } from "@/lib/live/contract";

/** One cell of the runs table: the column's value for the run, as the table shows it (links, badges, live progress). */
export function RunCell({ project, run, id, live }: { project: string; run: TableRun; id: ColumnId; live?: LiveRunPatch }): ReactNode {
  const c = parseColumn(id);
  if (!c) return null;
  if (c.kind === "config") return formatConfigValue(getOwn(run.config, c.key));
  if (c.kind === "metric") return formatValue(getOwn(run.metrics, c.name)?.[c.aggregate]);
  if (c.kind === "diagnostic") return formatValue(columnValue(run, id) as number | null);
  switch (c.field) {
    case "name":
      return (
        <>
          <Link className="font-medium text-blue-700 hover:underline" href={`/p/${encodeURIComponent(project)}/runs/${run.id}`}>
            {run.name}
          </Link>
          {run.archived_at && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">archived</span>}
        </>
      );
    case "status": {
      const progress = live && run.status === "running" ? formatStepRate(live.last_step, live.steps_per_second) : null;
      return (
        <span className="flex items-center gap-2">
          <RunStatusBadge run={run} />
          {progress && (
            <span className="text-xs text-slate-500" data-testid="run-progress">
              {progress}
            </span>
          )}
        </span>
      );
    }
    case "flags":
      return (
        <span className="flex gap-1">
          {(run.flags as FlagLike[]).map((f) => (
            <FlagBadge key={f.property} flag={f} />
          ))}
        </span>
      );
    case "tags":
      return (
        <span className="flex gap-1">
          {run.tags.map((t) => (
            <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
              {t}
            </span>
          ))}
        </span>
      );
    case "created":
      return run.created_at.slice(0, 16).replace("T", " ");
    default:
      return run[c.field] ?? "—";
  }
}
