"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useRunsLifecycle } from "@/lib/api/lifecycle";

/** The run page's archive/restore and delete (with a confirmation): editors and admins. */
export function RunLifecycleButtons({ project, runId, archived }: { project: string; runId: string; archived: boolean }) {
  const act = useRunsLifecycle(project);
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  return (
    <span className="flex flex-wrap items-center gap-2 text-sm" data-testid="run-lifecycle">
      <button type="button" disabled={act.isPending} onClick={() => act.mutate({ ids: [runId], action: archived ? "restore" : "archive" })} className="rounded border border-slate-300 px-3 py-1 hover:border-slate-500 disabled:opacity-50">
        {archived ? "Restore run" : "Archive run"}
      </button>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} className="rounded border border-red-300 px-3 py-1 text-red-700 hover:border-red-500">
          Delete run
        </button>
      ) : (
        <span role="alertdialog" aria-label="Confirm delete" className="flex items-center gap-2 rounded border border-red-300 bg-red-50 px-2 py-1">
          <span>Delete this run and everything logged to it? This cannot be undone.</span>
          <button
            type="button"
            disabled={act.isPending}
            onClick={() => act.mutate({ ids: [runId], action: "delete" }, { onSuccess: () => router.push(`/p/${encodeURIComponent(project)}`) })}
            className="rounded bg-red-600 px-2 py-0.5 text-white hover:bg-red-700 disabled:opacity-50"
          >
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
