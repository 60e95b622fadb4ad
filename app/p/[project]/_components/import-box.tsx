"use client";

import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ProgressMeter, type ProgressEstimate } from "@/lib/core/view/progress";
import { describeProblem } from "@/lib/importers/problem-text";
import { uploadImport, type UploadProgress } from "@/lib/importers/upload";
import { ImportProgress } from "./import-progress";

/** Smaller uploads finish in a blink: they show "Importing…" alone, never a bar that flashes by. */
const PROGRESS_MIN_BYTES = 1024 * 1024;

/** Drop or pick trainer_state.json, TensorBoard event files, JSONL or CSV; each becomes a run of this project. */
export function ImportBox({ project }: { project: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<{ at: UploadProgress; estimate: ProgressEstimate } | null>(null);
  const meter = useRef<{ phase: UploadProgress["phase"]; meter: ProgressMeter } | null>(null);
  const upload = useMutation({
    mutationFn: (files: File[]) => {
      const form = new FormData();
      form.set("project", project);
      for (const file of files) form.append("file", file, file.name);
      const large = files.reduce((sum, f) => sum + f.size, 0) >= PROGRESS_MIN_BYTES;
      meter.current = null;
      setProgress(null);
      return uploadImport(form, (at) => {
        if (!large) return;
        // Each phase has its own pace: the rate and time left start again when the server begins storing.
        if (meter.current?.phase !== at.phase) meter.current = { phase: at.phase, meter: new ProgressMeter() };
        setProgress({ at, estimate: meter.current.meter.estimate(at.bytes, at.total, performance.now()) });
      });
    },
    onSuccess: () => router.refresh(),
    onSettled: () => setProgress(null),
  });
  const send = (list: FileList | null) => list && list.length > 0 && upload.mutate([...list]);

  return (
    <section
      aria-labelledby="import-heading"
      className={`rounded-lg border-2 border-dashed p-4 text-sm ${dragging ? "border-blue-500 bg-blue-50" : "border-slate-300 bg-white"}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        send(e.dataTransfer.files);
      }}
    >
      <h2 id="import-heading" className="mb-1 font-semibold">
        Import runs
      </h2>
      <p className="text-slate-600">
        Drop <code>trainer_state.json</code>, TensorBoard <code>events.out.tfevents.*</code> files (several from one log directory make one run), JSONL, or a W&amp;B CSV export (a
        history, or a runs table: a run per row) here, or{" "}
        <button type="button" className="text-blue-700 underline" onClick={() => input.current?.click()}>
          choose files
        </button>
        .
      </p>
      <input ref={input} type="file" multiple hidden aria-label="Files to import" onChange={(e) => send(e.target.files)} />
      {upload.isPending && (progress ? <ImportProgress progress={progress.at} estimate={progress.estimate} /> : <p className="mt-2 text-slate-600">Importing…</p>)}
      {upload.error && <p className="mt-2 text-red-700">Import failed: {upload.error.message}</p>}
      {upload.data && (
        <ul className="mt-2 space-y-1" data-testid="import-results">
          {upload.data.runs.map((r) => (
            <li key={r.run.id}>
              <a className="text-blue-700 hover:underline" href={`/p/${encodeURIComponent(project)}/runs/${r.run.id}`}>
                {r.run.name}
              </a>{" "}
              — {r.format}, {r.rows.toLocaleString()} steps
              {r.problem_count > 0 && (
                <span className="text-amber-700">
                  {" "}
                  · {r.problem_count} problem(s): {r.problems[0] ? describeProblem(r.problems[0]) : null}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
