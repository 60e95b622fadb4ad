"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";

const EXAMPLES = ["algorithm = dpo AND config.beta < 0.1", "flag >= warning", "tag:sweep OR config.scenario IN (1, 2)", "metric.loss.last < 0.3"];

/** The runs filter: the query lives in the URL (`?q=`), so a filtered table is a link. */
export function RunQueryBox({ error, hints = [] }: { error?: string; hints?: string[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");

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
      <div className="flex gap-2">
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={`Filter runs, e.g. ${EXAMPLES[0]}`}
          aria-label="Filter runs"
          aria-invalid={Boolean(error)}
          className={`w-full rounded border px-3 py-1.5 font-mono text-sm ${error ? "border-red-500" : "border-slate-300"}`}
        />
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
          Filter
        </button>
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
