"use client";

import { useState } from "react";
import { RunNotes } from "@/components/runs/run-notes";
import { useEditableRun, useEditRun, type EditableRun } from "@/lib/runs/hooks";
import { RunEditForm, type RunEdit } from "./run-edit-form";

/** The run's name, as edits leave it (the header's query cache). */
export function RunName({ run }: { run: EditableRun }) {
  const { data } = useEditableRun(run);
  return <h1 className="text-2xl font-semibold">{data.name}</h1>;
}

/** The run's group and notes; for editors, an Edit button that opens the form in their place. */
export function RunDetails({ project, run, canEdit }: { project: string; run: EditableRun; canEdit: boolean }) {
  const { data } = useEditableRun(run);
  const edit = useEditRun(project, run.id);
  const [editing, setEditing] = useState(false);

  if (editing) {
    const save = (next: RunEdit) => {
      // Only what changed: a PATCH of the name alone leaves the rest to whoever else edits the run.
      const body = Object.fromEntries((Object.keys(next) as (keyof RunEdit)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(data[k])).map((k) => [k, next[k]]));
      if (Object.keys(body).length === 0) return setEditing(false);
      edit.mutate(body, { onSuccess: () => setEditing(false) });
    };
    return (
      <RunEditForm
        run={data}
        pending={edit.isPending}
        error={edit.error?.message ?? null}
        onSave={save}
        onCancel={() => {
          edit.reset();
          setEditing(false);
        }}
      />
    );
  }
  return (
    <div className="flex flex-wrap items-start gap-3">
      <RunNotes group={data.group} notes={data.notes} />
      {canEdit && (
        <button type="button" onClick={() => setEditing(true)} className="mt-2 rounded border border-slate-300 px-3 py-1 text-sm hover:border-slate-500">
          Edit run
        </button>
      )}
    </div>
  );
}
