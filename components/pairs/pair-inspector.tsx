"use client";

import { useState } from "react";
import { PAIR_QUADRANTS, PAIR_SORTS, type PairQuadrant, type PairSort } from "@/lib/pairs/pair-orders";
import { useRankedPairs, type PairFilters, type PairSource } from "@/lib/pairs/hooks";
import { formatMeasure } from "@/lib/pairs/view/pair-trajectory-figure";
import { PairDetail } from "./pair-detail";

const SORT_LABELS: Record<PairSort, string> = {
  d_chosen: "Δ log πw",
  d_rejected: "Δ log πl",
  leaked: "leaked mass",
  margin: "margin",
  grad_ratio: "gradient ratio",
};
const QUADRANT_LABELS: Record<PairQuadrant, string> = {
  both_down: "both down",
  chosen_up_rejected_down: "chosen up, rejected down",
  both_up: "both up",
  chosen_down_rejected_up: "chosen down, rejected up",
};
const PAGE = 20;
const select = "rounded border border-slate-300 px-2 py-1 text-sm";

/** Ranks a step's pairs by a measure, filters them by quadrant and text, and opens one pair's texts and trajectory. */
export function PairInspector({ source }: { source: PairSource }) {
  const [filters, setFilters] = useState<PairFilters>({ step: null, sort: "d_chosen", order: "asc", quadrant: null, q: "", offset: 0, limit: PAGE });
  const [draft, setDraft] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const ranked = useRankedPairs(source, filters);
  const change = (patch: Partial<PairFilters>) => setFilters((f) => ({ ...f, offset: 0, ...patch }));
  const data = ranked.data;
  if (!data || data.steps.length === 0) return null;
  const shownStep = data.step ?? data.steps.at(-1)!;

  return (
    <section aria-labelledby="pair-inspector-heading" className="space-y-3" data-testid="pair-inspector">
      <h3 id="pair-inspector-heading" className="font-semibold">
        Pairs
      </h3>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          Step
          <select className={select} value={shownStep} onChange={(e) => change({ step: Number(e.target.value) })} aria-label="Step">
            {data.steps.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Rank by
          <select className={select} value={filters.sort} onChange={(e) => change({ sort: e.target.value as PairSort })} aria-label="Rank by">
            {PAIR_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <select className={select} value={filters.order} onChange={(e) => change({ order: e.target.value as "asc" | "desc" })} aria-label="Order">
          <option value="asc">lowest first</option>
          <option value="desc">highest first</option>
        </select>
        <select className={select} value={filters.quadrant ?? ""} onChange={(e) => change({ quadrant: (e.target.value || null) as PairQuadrant | null })} aria-label="Quadrant">
          <option value="">all quadrants</option>
          {PAIR_QUADRANTS.map((q) => (
            <option key={q} value={q}>
              {QUADRANT_LABELS[q]}
            </option>
          ))}
        </select>
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            change({ q: draft.trim() });
          }}
        >
          <input className={select} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Search id or text" aria-label="Search pairs" />
          <button type="submit" className="rounded border border-slate-300 px-2 py-1">
            Search
          </button>
        </form>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="pair-table">
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            <tr>
              <th className="px-2 py-1">pair</th>
              {PAIR_SORTS.map((s) => (
                <th key={s} className={`px-2 py-1 text-right ${s === filters.sort ? "text-slate-900" : ""}`}>
                  {SORT_LABELS[s]}
                </th>
              ))}
              <th className="px-2 py-1">prompt</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr
                key={r.pair_id}
                className={`cursor-pointer border-t border-slate-100 hover:bg-blue-50 ${open === r.pair_id ? "bg-blue-50" : ""}`}
                onClick={() => setOpen(r.pair_id)}
              >
                <td className="px-2 py-1 font-mono">
                  <button type="button" className="text-blue-700 hover:underline" onClick={() => setOpen(r.pair_id)}>
                    {r.pair_id}
                  </button>
                </td>
                {PAIR_SORTS.map((s) => (
                  <td key={s} className="px-2 py-1 text-right tabular-nums">
                    {formatMeasure(r[s])}
                  </td>
                ))}
                <td className="max-w-xs truncate px-2 py-1 text-slate-600">{r.texts?.prompt ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex items-center gap-2 text-sm text-slate-600">
        <span data-testid="pair-count">
          {data.total === 0 ? "no pairs match" : `${filters.offset + 1}–${filters.offset + data.rows.length} of ${data.total} pairs at step ${shownStep}`}
        </span>
        <button
          type="button"
          className="rounded border px-2 py-0.5 disabled:opacity-40"
          disabled={filters.offset === 0}
          onClick={() => setFilters((f) => ({ ...f, offset: Math.max(0, f.offset - PAGE) }))}
        >
          Previous
        </button>
        <button
          type="button"
          className="rounded border px-2 py-0.5 disabled:opacity-40"
          disabled={filters.offset + PAGE >= data.total}
          onClick={() => setFilters((f) => ({ ...f, offset: f.offset + PAGE }))}
        >
          Next
        </button>
      </div>
      {open !== null && <PairDetail source={source} pairId={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
