"use client";

import { useRouter } from "next/navigation";
import { ConfirmDelete } from "@/components/confirm-delete";
import { useRunsLifecycle } from "@/lib/runs/hooks";

/** The run page's archive/restore and delete (with a confirmation): editors and admins. */
export function RunLifecycleButtons({ project, runId, archived }: { project: string; runId: string; archived: boolean }) {
  const act = useRunsLifecycle(project);
  const router = useRouter();
  return (
    <span className="flex flex-wrap items-center gap-2 text-sm" data-testid="run-lifecycle">
      <button
        type="button"
        disabled={act.isPending}
        onClick={() => act.mutate({ ids: [runId], action: archived ? "restore" : "archive" })}
        className="rounded border border-slate-300 px-3 py-1 hover:border-slate-500 disabled:opacity-50"
      >
        {archived ? "Restore run" : "Archive run"}
      </button>
      <ConfirmDelete
        label="Delete run"
        question="Delete this run and everything logged to it? This cannot be undone."
        pending={act.isPending}
        onConfirm={() => act.mutate({ ids: [runId], action: "delete" }, { onSuccess: () => router.push(`/p/${encodeURIComponent(project)}`) })}
      />
      {act.error && (
        <span role="alert" className="text-red-700">
          {act.error.message}
        </span>
      )}
    </span>
  );
}
