"use client";

import Link from "next/link";
import { useState } from "react";
import { FlagBadge } from "@/components/flags/flag-badge";
import { labRunName } from "@/lib/lab/toy-options";
import type { LabSetup } from "@/lib/lab/contract";
import { useSaveLabRun } from "./use-save-lab-run";

/**
 * Stores the run on screen in a project. The server recomputes it from the setup (the toy model is
 * deterministic), so what lands in the project is what was drawn; a stopped run is saved up to where it stopped.
 */
export function SaveRunForm({ shown, projects }: { shown: LabSetup | null; projects: string[] }) {
  const choices = projects.includes("demo") ? projects : ["demo", ...projects];
  const [project, setProject] = useState("demo");
  const [name, setName] = useState("");
  const save = useSaveLabRun();
  const defaultName = shown ? labRunName(shown) : "";

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="save-heading">
      <h2 id="save-heading" className="font-semibold">
        Save as run
      </h2>
      <p className="mb-3 mt-0.5 text-xs text-slate-500">
        {shown ? `Stores the run drawn here (${shown.steps} steps) with its flags and per-pair log-probs.` : "Run the model first; the run on screen is what gets saved."}
      </p>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (shown) save.mutate({ ...shown, project, ...(name.trim() ? { name: name.trim() } : {}) });
        }}
      >
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">Run name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={defaultName || "named after the setup"}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs"
          />
        </label>
        <div className="flex items-end gap-3">
          <label className="block flex-1 text-sm">
            <span className="mb-1 block font-medium text-slate-700">Project</span>
            <select value={project} onChange={(e) => setProject(e.target.value)} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5">
              {choices.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            disabled={!shown || save.isPending}
            className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:cursor-not-allowed disabled:opacity-40"
          >
            {save.isPending ? "Saving…" : "Save as run"}
          </button>
        </div>
      </form>
      {save.error && (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {save.error.message}
        </p>
      )}
      {save.data && (
        <div className="mt-3 rounded-md bg-emerald-50 p-3 text-sm ring-1 ring-emerald-200" role="status">
          <div>
            Saved to <span className="font-medium">{save.data.run.project}</span>:{" "}
            <Link href={save.data.url} className="font-medium text-blue-700 hover:underline" data-testid="saved-run-link">
              {save.data.run.name} →
            </Link>
          </div>
          {save.data.flags.length > 0 && (
            <div className="mt-2 flex flex-wrap gap-1.5">
              {save.data.flags.map((f) => (
                <FlagBadge key={f.property} flag={f} />
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
