"use client";

import { useState } from "react";
import { useRunsLifecycle, type RunAction } from "@/lib/api/lifecycle";

/**
 * Archive, restore or delete the selected runs (editors and admins). Delete asks first: it cannot be undone, and
 * reports that show a deleted run then say so.
 */
export function RunActions({ project, ids, archivedShown, onDone }: { project: string; ids: string[]; archivedShown: boolean; onDone?: () => void }) {
  const act = useRunsLifecycle(project);
  const [confirming, setConfirming] = useState(false);
  const run = (action: RunAction) => act.mutate({ ids, action }, { onSuccess: () => (setConfirming(false), onDone?.()) });
  const label = ids.length === 1 ? "run" : `${ids.length} runs`;
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="run-actions">
      <button type="button" disabled={act.isPending} onClick={() => run("archive")} className="rounded border border-slate-300 bg-white px-3 py-1 hover:border-slate-500 disabled:opacity-50">
        Archive {label}
      </button>
      {archivedShown && (
        <button type="button" disabled={act.isPending} onClick={() => run("restore")} className="rounded border border-slate-300 bg-white px-3 py-1 hover:border-slate-500 disabled:opacity-50">
          Restore {label}
        </button>
      )}
      {!confirming ? (
        <button type="button" disabled={act.isPending} onClick={() => setConfirming(true)} className="rounded border border-red-300 bg-white px-3 py-1 text-red-700 hover:border-red-500">
          Delete {label}
        </button>
      ) : (
        <span role="alertdialog" aria-label="Confirm delete" className="flex items-center gap-2 rounded border border-red-300 bg-red-50 px-2 py-1">
          <span>Delete {label} and everything logged to {ids.length === 1 ? "it" : "them"}? This cannot be undone.</span>
          <button type="button" disabled={act.isPending} onClick={() => run("delete")} className="rounded bg-red-600 px-2 py-0.5 text-white hover:bg-red-700 disabled:opacity-50">
            {act.isPending ? "Deleting…" : "Delete for good"}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="text-slate-600 hover:text-slate-900">
            Cancel
          </button>
        </span>
      )}
      {act.error && (
        <span role="alert" className="text-red-700">
          {act.error.message}
        </span>
      )}
    </span>
  );
}
