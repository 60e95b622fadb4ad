"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { formatConfigValue, formatValue, scalarConfigKeys } from "@/lib/plots/format";
import { sortRows, type SortDirection } from "@/lib/plots/sort-rows";
import type { RunWithMetrics } from "@/lib/services/run-list";
import { FlagBadge, type FlagLike } from "@/components/flags/flag-badge";
import { StatusBadge } from "@/components/ui/status-badge";

const RANK: Record<string, number> = { info: 1, warning: 2, critical: 3 };
/** Most severe first when sorted descending; ties broken by how many properties are flagged. */
const flagLevelOf = (flags: FlagLike[]) => (flags.length ? Math.max(...flags.map((f) => RANK[f.severity] ?? 0)) + flags.length / 10 : null);

interface Column {
  id: string;
  label: string;
  value: (run: RunWithMetrics) => unknown;
  render: (run: RunWithMetrics) => React.ReactNode;
  numeric?: boolean;
}

function buildColumns(project: string, runs: RunWithMetrics[], summaryKeys: string[]): Column[] {
  const configKeys = scalarConfigKeys(runs.map((r) => r.config));
  return [
    {
      id: "name",
      label: "Name",
      value: (r) => r.name,
      render: (r) => (
        <Link className="font-medium text-blue-700 hover:underline" href={`/p/${encodeURIComponent(project)}/runs/${r.id}`}>
          {r.name}
        </Link>
      ),
    },
    { id: "algorithm", label: "Algorithm", value: (r) => r.algorithm, render: (r) => r.algorithm ?? "—" },
    { id: "status", label: "Status", value: (r) => r.status, render: (r) => <StatusBadge status={r.status} /> },
    {
      id: "flags",
      label: "Flags",
      value: (r) => flagLevelOf(r.flags as FlagLike[]),
      render: (r) => (
        <span className="flex flex-wrap gap-1">
          {(r.flags as FlagLike[]).map((f) => (
            <FlagBadge key={f.property} flag={f} />
          ))}
        </span>
      ),
    },
    {
      id: "tags",
      label: "Tags",
      value: (r) => r.tags.join(","),
      render: (r) => (
        <span className="flex flex-wrap gap-1">
          {r.tags.map((t) => (
            <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
              {t}
            </span>
          ))}
        </span>
      ),
    },
    ...configKeys.map<Column>((key) => ({
      id: `config.${key}`,
      label: key,
      value: (r) => r.config[key],
      render: (r) => formatConfigValue(r.config[key]),
      numeric: true,
    })),
    ...summaryKeys.map<Column>((key) => ({
      id: `metric.${key}`,
      label: key,
      value: (r) => r.metrics[key]?.last,
      render: (r) => formatValue(r.metrics[key]?.last),
      numeric: true,
    })),
    { id: "created", label: "Created", value: (r) => r.created_at, render: (r) => r.created_at.slice(0, 16).replace("T", " ") },
  ];
}

export function RunsTable({ project, runs, summaryKeys }: { project: string; runs: RunWithMetrics[]; summaryKeys: string[] }) {
  const columns = useMemo(() => buildColumns(project, runs, summaryKeys), [project, runs, summaryKeys]);
  const [sort, setSort] = useState<{ id: string; direction: SortDirection }>({ id: "created", direction: "desc" });
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.id === sort.id) ?? columns[0]!;
    return sortRows(runs, column.value, sort.direction);
  }, [columns, runs, sort]);

  const toggle = (id: string) =>
    setSort((s) => (s.id === id ? { id, direction: s.direction === "asc" ? "desc" : "asc" } : { id, direction: "asc" }));

  if (runs.length === 0) return <p className="text-slate-600">No runs in this project yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" data-testid="runs-table">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c) => (
              <th
                key={c.id}
                className={`whitespace-nowrap px-3 py-2 ${c.numeric ? "text-right" : ""}`}
                aria-sort={sort.id === c.id ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
              >
                <button type="button" onClick={() => toggle(c.id)} className="hover:text-slate-900">
                  {c.label}
                  {sort.id === c.id ? (sort.direction === "asc" ? " ▲" : " ▼") : ""}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((run) => (
            <tr key={run.id} className="hover:bg-slate-50">
              {columns.map((c) => (
                <td key={c.id} className={`whitespace-nowrap px-3 py-2 ${c.numeric ? "text-right tabular-nums" : ""}`}>
                  {c.render(run)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
