"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { queryCompletions } from "@/lib/query/query-completions";

const EXAMPLES = ["algorithm = dpo AND config.beta < 0.1", "flag >= warning", "tag:sweep OR config.scenario IN (1, 2)", "metric.loss.last < 0.3"];

/** The runs filter: the query lives in the URL (`?q=`), so a filtered table is a link. */
export function RunQueryBox({
  error,
  hints = [],
  configKeys = [],
  metricNames = [],
}: {
  error?: string;
  hints?: string[];
  /** What the autocomplete offers after `config.` and `metric.`. */
  configKeys?: string[];
  metricNames?: string[];
}) {
  const router = useRouter();
  const params = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  const completions = useMemo(() => (focused ? queryCompletions(text, { configKeys, metricNames }) : []), [focused, text, configKeys, metricNames]);
  const complete = (next: string) => {
    setText(next);
    setActive(-1);
  };
  // Arrows move through the completions; Enter or Tab takes the highlighted one (Enter alone still filters).
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (completions.length === 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => (e.key === "ArrowDown" ? (a + 1) % completions.length : (a <= 0 ? completions.length : a) - 1));
    } else if ((e.key === "Enter" || e.key === "Tab") && active >= 0 && completions[active]) {
      e.preventDefault();
      complete(completions[active].text);
    } else if (e.key === "Escape") {
      setFocused(false);
    }
  };

  const apply = (q: string) => {
    const next = new URLSearchParams(params);
    if (q.trim()) next.set("q", q.trim());
    else next.delete("q");
    router.push(`?${next.toString()}`);
  };

  return (
    <form
      className="space-y-1"
      onSubmit={(e) => {
        e.preventDefault();
        apply(text);
      }}
    >
      <div className="relative flex gap-2">
        <input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(-1);
            setFocused(true);
          }}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={completions.length > 0}
          aria-controls="query-completions"
          aria-activedescendant={active >= 0 ? `query-completion-${active}` : undefined}
          placeholder={`Filter runs, e.g. ${EXAMPLES[0]}`}
          aria-label="Filter runs"
          aria-invalid={Boolean(error)}
          className={`w-full rounded border px-3 py-1.5 font-mono text-sm ${error ? "border-red-500" : "border-slate-300"}`}
        />
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
          Filter
        </button>
        {completions.length > 0 && (
          <ul
            id="query-completions"
            role="listbox"
            aria-label="Completions"
            className="absolute left-0 top-full z-30 mt-1 max-w-full rounded border border-slate-200 bg-white py-1 font-mono text-sm shadow-lg"
          >
            {completions.map((c, i) => (
              <li
                key={c.label}
                id={`query-completion-${i}`}
                role="option"
                aria-selected={i === active}
                // Before the input's blur, so the click lands.
                onMouseDown={(e) => {
                  e.preventDefault();
                  complete(c.text);
                }}
                className={`cursor-pointer truncate px-3 py-0.5 ${i === active ? "bg-blue-50 text-blue-900" : "hover:bg-slate-50"}`}
              >
                {c.label}
              </li>
            ))}
          </ul>
        )}
      </div>
      {hints.length > 0 && (
        <ul className="text-sm text-amber-800" role="status" data-testid="query-hints">
          {hints.map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ul>
      )}
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : (
        <p className="text-xs text-slate-500">
          Try{" "}
          {EXAMPLES.map((example, i) => (
            <span key={example}>
              {i > 0 && " · "}
              <button type="button" className="font-mono text-blue-700 hover:underline" onClick={() => (setText(example), apply(example))}>
                {example}
              </button>
            </span>
          ))}
        </p>
      )}
    </form>
  );
}
