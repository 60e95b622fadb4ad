"use client";

import { useState } from "react";
import { useProjectLifecycle } from "@/lib/runs/hooks";

/** Archive or restore the project, or delete it with everything in it after typing its name (project admins). */
export function ProjectLifecyclePanel({ project, archived }: { project: string; archived: boolean }) {
  const act = useProjectLifecycle(project);
  const [typed, setTyped] = useState("");
  return (
    <details className="rounded-lg border border-red-200 bg-white p-4 text-sm shadow-sm" data-testid="project-lifecycle">
      <summary className="cursor-pointer font-semibold">Archive or delete this project</summary>
      <div className="mt-3 space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            disabled={act.isPending}
            onClick={() => act.mutate(archived ? "restore" : "archive")}
            className="rounded border border-slate-300 px-3 py-1 hover:border-slate-500 disabled:opacity-50"
          >
            {archived ? "Restore project" : "Archive project"}
          </button>
          <span className="text-slate-600">{archived ? "Shows it on the projects page again." : "Hides it from the projects page; its runs, keys and links keep working."}</span>
        </div>
        <div className="space-y-2">
          <label className="block">
            Delete the project, its runs and everything logged to them, its keys, members, reports and share links. Type <strong>{project}</strong> to confirm:
            <input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-label="Type the project name to confirm"
              className="mt-1 block w-64 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            />
          </label>
          <button
            type="button"
            disabled={typed !== project || act.isPending}
            onClick={() => act.mutate("delete")}
            className="rounded bg-red-600 px-3 py-1 text-white hover:bg-red-700 disabled:opacity-50"
          >
            {act.isPending && act.variables === "delete" ? "Deleting…" : "Delete project"}
          </button>
        </div>
        {act.error && (
          <p role="alert" className="text-red-700">
            {act.error.message}
          </p>
        )}
      </div>
    </details>
  );
}
