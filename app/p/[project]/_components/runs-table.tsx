"use client";

import Link from "next/link";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState, type ReactNode } from "react";
import { useRunsTable } from "@/lib/runs/table-hooks";
import { columnLabel, columnValue, groupRuns, parseColumn, type ColumnId } from "@/lib/runs/view/run-columns";
import { groupSpread } from "@/lib/runs/view/group-spread";
import { sortRows } from "@/lib/runs/view/sort-rows";
import type { TableRun } from "@/lib/comparisons/view/table-run";
import { ColumnChooser } from "./column-chooser";
import { RunCell } from "./run-cell";
import { RunActions } from "./run-actions";
import { RunBulkEdit } from "./run-bulk-edit";
import { useTableState } from "./use-table-state";
import { useLiveRows } from "@/lib/live/hooks";
import { applyRunPatch } from "@/lib/live/view/apply-run-patch";
import { LiveIndicator } from "@/components/live/live-indicator";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

const ROW_HEIGHT = 37;
/** The scroller's size before it is measured (server render, hydration): 70vh of a 1,000 px high window. */
const FIRST_RENDER_RECT = { width: 1200, height: 700 };

type Item = { kind: "group"; key: string; label: string; runs: TableRun[] } | { kind: "run"; run: TableRun };

interface Props {
  project: string;
  filter: { q?: string; flag?: string; archived?: "include" | "only" };
  /** Editors and admins may archive, restore and delete the selected runs. */
  canEdit?: boolean;
  /** The first page (newest first), rendered by the server. */
  runs: TableRun[];
  /** Shown instead of the table when the project holds no runs at all (no filter). */
  empty?: ReactNode;
  /** How many runs the filter selects: when more than the first page, the rest is fetched here. */
  total: number;
  /** The change id the first page was read at: the live stream replays what came after. */
  since: number;
  columns: ColumnId[];
  configKeys: string[];
  metricNames: string[];
}

const configKeysOf = (ids: (string | null)[]) => [...new Set(ids.flatMap((id) => (id && parseColumn(id)?.kind === "config" ? [id.slice(7)] : [])))].sort();
/** `loss.last` for each metric column: only the aggregates shown are fetched. */
const metricColumnsOf = (ids: string[]) => ids.flatMap((id) => (parseColumn(id)?.kind === "metric" ? [id.slice(7)] : []));
/** The first page's names in their order (the defaults came from it), then the rest of the project's. */
const withRest = (first: string[], all: string[] | undefined) => (all ? [...first, ...all.filter((k) => !first.includes(k))] : first);

/**
 * The runs table: virtualised (only visible rows render), sortable, groupable, with chosen columns and selection.
 * A large project arrives as its first page; every run (with only what the columns and grouping need) follows.
 */
export function RunsTable({ project, filter, canEdit = false, runs: firstPage, total, since, columns, configKeys, metricNames, empty }: Props) {
  const [state, setState] = useTableState();
  const partial = firstPage.length < total;
  const all = useRunsTable(project, { ...filter, config: configKeysOf([...columns, ...state.group]), metrics: metricColumnsOf(columns) }, partial);
  const fetched: TableRun[] = partial && all.data ? all.data.runs : firstPage;
  const router = useRouter();
  const client = useQueryClient();
  const knownIds = useMemo(() => new Set(fetched.map((r) => r.id)), [fetched]);
  const live = useLiveRows({
    project,
    since,
    knownIds,
    onUnknownRun: () => {
      router.refresh();
      void client.invalidateQueries({ queryKey: ["projects", project, "runs-table"] });
    },
  });
  const runs = useMemo(() => fetched.map((r) => (live.patches.has(r.id) ? applyRunPatch(r, live.patches.get(r.id)!) : r)), [fetched, live.patches]);
  const loading = partial && !all.error && (!all.data || all.isPlaceholderData);
  // Sorted or grouped, the first page is not the top of the table: wait for every run rather than mislead.
  const waiting = partial && !all.data && (state.sort !== "created" || state.direction !== "desc" || state.group.length > 0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const scroller = useRef<HTMLDivElement>(null);

  const items = useMemo<Item[]>(() => {
    if (waiting) return [];
    const sorted = sortRows(runs, (r) => columnValue(r, state.sort), state.direction);
    if (state.group.length === 0) return sorted.map((run) => ({ kind: "run", run }));
    return groupRuns(sorted, state.group).flatMap((g) => [
      { kind: "group" as const, key: g.key, label: g.label, runs: g.runs },
      ...(collapsed.has(g.key) ? [] : g.runs.map((run) => ({ kind: "run" as const, run }))),
    ]);
  }, [runs, state.sort, state.direction, state.group, collapsed, waiting]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    // The server has no scroller to measure: without a size, it rendered no rows, and they appeared only after
    // hydration (1.1–1.4 s on a 2-core machine, the HTML in 0.1 s). With one, the first screen of rows is in the HTML,
    // the client's first render agrees with it, and the real size takes over once the scroller is measured.
    initialRect: FIRST_RENDER_RECT,
  });
  const virtual = virtualizer.getVirtualItems();
  const padTop = virtual[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (virtual.at(-1)?.end ?? 0);

  const toggleSort = (id: string) =>
    setState(state.sort === id ? { direction: state.direction === "asc" ? "desc" : "asc" } : { sort: id, direction: parseColumn(id)?.kind === "base" ? "asc" : "desc" });
  const toggleRun = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const groupOptions = ["algorithm", "status", "group", ...withRest(configKeys, all.data?.config_keys).map((k) => `config.${k}`)];

  // The selection box and the run's name (when it leads) stay in view while a wide table scrolls sideways.
  // `background`: the row's own, which a pinned cell must paint over what scrolls beneath it.
  const pinned = (id: ColumnId | null, background: string) =>
    id === null || (id === "name" && columns[0] === "name") ? `sticky z-[1] ${id === null ? "left-0" : "left-8 shadow-[1px_0_0_#e2e8f0]"} ${background}` : "";
  const ROW_BACKGROUND = "bg-white group-hover:bg-slate-50";

  if (total === 0) return !filter.q && !filter.flag && !filter.archived && empty ? empty : <p className="text-slate-600">No runs match.</p>;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <LiveIndicator state={live.state} events={live.events} />
        <label className="flex items-center gap-2">
          Group by
          <select
            value={state.group[0] ?? ""}
            onChange={(e) => setState({ group: e.target.value ? [e.target.value, ...state.group.slice(1).filter((g) => g !== e.target.value)] : [] })}
            className="rounded border border-slate-300 px-1 py-0.5"
            aria-label="Group by"
          >
            <option value="">none</option>
            {groupOptions.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        {state.group.length > 0 && (
          <label className="flex items-center gap-2">
            then by
            <select
              value={state.group[1] ?? ""}
              onChange={(e) => setState({ group: e.target.value ? [state.group[0]!, e.target.value] : [state.group[0]!] })}
              className="rounded border border-slate-300 px-1 py-0.5"
              aria-label="Then by"
            >
              <option value="">none</option>
              {groupOptions
                .filter((g) => g !== state.group[0])
                .map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
            </select>
          </label>
        )}
        <ColumnChooser
          columns={columns}
          configKeys={withRest(configKeys, all.data?.config_keys)}
          metricNames={withRest(metricNames, all.data?.metric_names)}
          onChange={(cols) => setState({ cols })}
        />
        <span className="text-slate-500">
          {(all.data?.total ?? total).toLocaleString()} runs{loading && (all.data ? " (loading columns…)" : ` (${firstPage.length} shown, loading the rest…)`)}
        </span>
        {all.error && (
          <span role="alert" className="text-red-700">
            Could not load every run: {all.error.message}
          </span>
        )}
        {selected.size > 0 && (
          <Link href={`/p/${encodeURIComponent(project)}/compare?runs=${[...selected].join(",")}`} className="rounded bg-blue-600 px-3 py-1 text-white hover:bg-blue-700">
            Compare {selected.size} runs
          </Link>
        )}
        {canEdit && selected.size > 0 && <RunActions project={project} ids={[...selected]} archivedShown={Boolean(filter.archived)} onDone={() => setSelected(new Set())} />}
        {canEdit && selected.size > 0 && <RunBulkEdit project={project} ids={[...selected]} />}
      </div>
      <div ref={scroller} className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full text-sm" data-testid="runs-table" aria-busy={loading || undefined}>
          <thead className="sticky top-0 z-10 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th className={`w-8 px-2 ${pinned(null, "bg-slate-50")}`} aria-label="Select" />
              {columns.map((id) => (
                <th
                  key={id}
                  className={`whitespace-nowrap px-3 py-2 ${parseColumn(id)?.kind !== "base" ? "text-right" : ""} ${pinned(id, "bg-slate-50")}`}
                  aria-sort={state.sort === id ? (state.direction === "asc" ? "ascending" : "descending") : "none"}
                >
                  <button type="button" onClick={() => toggleSort(id)} className="hover:text-slate-900">
                    {columnLabel(id)}
                    {state.sort === id ? (state.direction === "asc" ? " ▲" : " ▼") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {waiting && (
              <tr>
                <td colSpan={columns.length + 1} className="px-3 py-2 text-slate-500">
                  Loading all {total.toLocaleString()} runs…
                </td>
              </tr>
            )}
            {padTop > 0 && <tr style={{ height: padTop }} aria-hidden />}
            {virtual.map((v) => {
              const item = items[v.index]!;
              if (item.kind === "group") {
                const open = !collapsed.has(item.key);
                return (
                  <tr key={`g:${item.key}`} className="bg-slate-100" data-group={item.key} style={{ height: ROW_HEIGHT }}>
                    <td className={`w-8 px-2 ${pinned(null, "bg-slate-100")}`} />
                    {columns.map((id, c) =>
                      c === 0 ? (
                        <td key={id} className={`whitespace-nowrap px-3 font-medium ${pinned(id, "bg-slate-100")}`}>
                          <button type="button" onClick={() => setCollapsed((s) => (open ? new Set([...s, item.key]) : new Set([...s].filter((k) => k !== item.key))))}>
                            {open ? "▾" : "▸"} {item.label} <span className="font-normal text-slate-500">({item.runs.length})</span>
                          </button>
                        </td>
                      ) : (
                        // Numeric columns summarise the group: mean ± standard deviation over its runs.
                        <td
                          key={id}
                          className="whitespace-nowrap px-3 text-right text-xs tabular-nums text-slate-700"
                          title={`mean ± standard deviation over ${item.runs.length} runs`}
                        >
                          {parseColumn(id)?.kind === "base" ? null : groupSpread(item.runs.map((run) => columnValue(run, id)))}
                        </td>
                      ),
                    )}
                  </tr>
                );
              }
              const run = item.run;
              return (
                <tr key={run.id} className="group hover:bg-slate-50" style={{ height: ROW_HEIGHT }}>
                  <td className={`w-8 px-2 ${pinned(null, ROW_BACKGROUND)}`}>
                    <input type="checkbox" checked={selected.has(run.id)} onChange={() => toggleRun(run.id)} aria-label={`Select ${run.name}`} />
                  </td>
                  {columns.map((id) => (
                    <td key={id} className={`whitespace-nowrap px-3 ${parseColumn(id)?.kind !== "base" ? "text-right tabular-nums" : ""} ${pinned(id, ROW_BACKGROUND)}`}>
                      <RunCell project={project} run={run} id={id} live={live.patches.get(run.id)} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
