"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useRunSearch } from "@/lib/comparisons/hooks";
import { MAX_COMPARE_RUNS, withSearchParam } from "@/lib/comparisons/view/overlay-params";

export interface PickedRun {
  id: string;
  name: string;
  label: string;
  color: string;
}

/** Waits for a pause in typing, so the search asks the server once per word, not once per key. */
function useDebounced(value: string, ms: number) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The compared runs as removable chips, and a search over the project's runs to add more; the list is `?runs=`. */
export function RunPicker({ project, runs }: { project: string; runs: PickedRun[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const [text, setText] = useState("");
  // The result arrow keys point at (Enter adds it): a keyboard user picks runs without tabbing through each Add.
  const [active, setActive] = useState(0);
  const search = useRunSearch(project, useDebounced(text, 200));
  const selected = new Set(runs.map((r) => r.id));
  const results = (search.data ?? []).filter((r) => !selected.has(r.id));
  const room = MAX_COMPARE_RUNS - runs.length;

  const setRuns = (ids: string[]) => router.push(withSearchParam(params.toString(), "runs", ids.length ? ids.join(",") : null), { scroll: false });
  const current = Math.min(active, Math.max(results.length - 1, 0));
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (results.length) setActive((current + (e.key === "ArrowDown" ? 1 : results.length - 1)) % results.length);
    } else if (e.key === "Enter" && results[current] && room > 0) {
      e.preventDefault();
      setRuns([...runs.map((x) => x.id), results[current].id]);
    } else if (e.key === "Escape") {
      setText("");
    }
  };

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {runs.length === 0 ? (
        <p className="text-sm text-slate-600">No runs yet: search below and add two or more to compare their curves, 3D-property diagnostics and configs.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label="Compared runs">
          {runs.map((run) => (
            <li key={run.id} className="flex items-center gap-2 rounded-full border border-slate-200 py-1 pr-1 pl-3 text-sm" data-run-chip={run.id}>
              <span className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: run.color }} aria-hidden />
              <Link href={`/p/${encodeURIComponent(project)}/runs/${run.id}`} title={run.name} className="hover:underline">
                <span className="font-medium">{run.label}</span>
                {run.label !== run.name && <span className="ml-1.5 text-xs text-slate-500">{run.name}</span>}
              </Link>
              <button
                type="button"
                onClick={() => setRuns(runs.filter((r) => r.id !== run.id).map((r) => r.id))}
                aria-label={`Remove ${run.name}`}
                className="rounded-full px-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div>
        <input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          aria-describedby="run-search-keys"
          placeholder="Add runs: part of a name, or a filter such as group = beta_l-sweep"
          aria-label="Search runs"
          className="w-full rounded border border-slate-300 px-3 py-1.5 text-sm"
        />
        <p id="run-search-keys" className="sr-only">
          Arrow keys move through the matching runs, Enter adds the highlighted one, Escape clears the search.
        </p>
        {search.error && (
          <p className="mt-1 text-sm text-red-700" role="alert">
            {search.error.message}
          </p>
        )}
        {text.trim() && search.data && (
          <div className="mt-2 rounded border border-slate-200">
            <div className="flex items-center justify-between border-b border-slate-100 bg-slate-50 px-3 py-1 text-xs text-slate-600">
              <span>
                {results.length === 0 ? "No other runs match" : `${results.length} run${results.length === 1 ? "" : "s"}`}
                {search.data.length === 20 ? " (first 20)" : ""}
              </span>
              {results.length > 1 && (
                <button
                  type="button"
                  disabled={room <= 0}
                  onClick={() => setRuns([...runs.map((r) => r.id), ...results.slice(0, room).map((r) => r.id)])}
                  className="text-blue-700 hover:underline disabled:text-slate-400"
                >
                  {results.length <= room ? `Add all ${results.length}` : `Add first ${Math.max(room, 0)}`}
                </button>
              )}
            </div>
            <ul className="max-h-64 overflow-y-auto text-sm" aria-label="Matching runs">
              {results.map((r, i) => (
                <li
                  key={r.id}
                  data-active={i === current || undefined}
                  aria-current={i === current || undefined}
                  className={`flex items-center justify-between gap-3 border-b border-slate-100 px-3 py-1.5 last:border-0 ${i === current ? "bg-blue-50" : ""}`}
                >
                  <span className="min-w-0 truncate">
                    <span className="font-medium">{r.name}</span>
                    <span className="ml-2 text-xs text-slate-500">{[r.algorithm, r.group].filter(Boolean).join(" · ")}</span>
                  </span>
                  <button
                    type="button"
                    disabled={room <= 0}
                    onClick={() => setRuns([...runs.map((x) => x.id), r.id])}
                    aria-label={`Add ${r.name}`}
                    className="shrink-0 rounded bg-slate-900 px-2 py-0.5 text-xs text-white disabled:bg-slate-300"
                  >
                    Add
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {room <= 0 && <p className="mt-1 text-xs text-slate-500">At most {MAX_COMPARE_RUNS} runs side by side: remove one to add another.</p>}
      </div>
    </div>
  );
}
