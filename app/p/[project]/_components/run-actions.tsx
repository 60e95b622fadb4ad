"use client";

import { ConfirmDelete } from "@/components/confirm-delete";
import { useRunsLifecycle, type RunAction } from "@/lib/runs/hooks";

/**
 * Archive, restore or delete the selected runs (editors and admins). Delete asks first: it cannot be undone, and
 * reports that show a deleted run then say so.
 */
export function RunActions({ project, ids, archivedShown, onDone }: { project: string; ids: string[]; archivedShown: boolean; onDone?: () => void }) {
  const act = useRunsLifecycle(project);
  const run = (action: RunAction) => act.mutate({ ids, action }, { onSuccess: () => onDone?.() });
  const label = ids.length === 1 ? "run" : `${ids.length} runs`;
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="run-actions">
      <button
        type="button"
        disabled={act.isPending}
        onClick={() => run("archive")}
        className="rounded border border-slate-300 bg-white px-3 py-1 hover:border-slate-500 disabled:opacity-50"
      >
        Archive {label}
      </button>
      {archivedShown && (
        <button
          type="button"
          disabled={act.isPending}
          onClick={() => run("restore")}
          className="rounded border border-slate-300 bg-white px-3 py-1 hover:border-slate-500 disabled:opacity-50"
        >
          Restore {label}
        </button>
      )}
      <ConfirmDelete
        label={`Delete ${label}`}
        question={`Delete ${label} and everything logged to ${ids.length === 1 ? "it" : "them"}? This cannot be undone.`}
        pending={act.isPending}
        onConfirm={() => run("delete")}
      />
      {act.error && (
        <span role="alert" className="text-red-700">
          {act.error.message}
        </span>
      )}
    </span>
  );
}
