"use client";

import { useState } from "react";
import { useBulkEditRuns } from "@/lib/runs/hooks";

/**
 * "Edit N runs": one group (or none) and one tag to add or remove, for every selected run at once (editors and
 * admins). Fields left blank change nothing; the server applies all of it or none. Escape closes the form.
 */
export function RunBulkEdit({ project, ids, onDone }: { project: string; ids: string[]; onDone?: () => void }) {
  const edit = useBulkEditRuns(project);
  const [open, setOpen] = useState(false);
  const [group, setGroup] = useState("");
  const [clearGroup, setClearGroup] = useState(false);
  const [addTag, setAddTag] = useState("");
  const [removeTag, setRemoveTag] = useState("");
  const label = ids.length === 1 ? "run" : `${ids.length} runs`;
  const close = () => {
    edit.reset();
    setOpen(false);
  };
  const changes = {
    ...(clearGroup ? { set: { group: null } } : group.trim() ? { set: { group: group.trim() } } : {}),
    ...(addTag.trim() ? { add_tags: [addTag.trim()] } : {}),
    ...(removeTag.trim() ? { remove_tags: [removeTag.trim()] } : {}),
  };
  const empty = Object.keys(changes).length === 0;

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded border border-slate-300 bg-white px-3 py-1 hover:border-slate-500">
        Edit {label}
      </button>
    );
  return (
    <form
      aria-label={`Edit ${label}`}
      className="flex w-full flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-2"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          close();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (empty || edit.isPending) return;
        edit.mutate(
          { ids, ...changes },
          {
            onSuccess: () => {
              setOpen(false);
              setGroup("");
              setAddTag("");
              setRemoveTag("");
              setClearGroup(false);
              onDone?.();
            },
          },
        );
      }}
    >
      <label className="flex flex-col gap-1">
        Group
        <input
          autoFocus
          value={group}
          maxLength={256}
          disabled={clearGroup}
          onChange={(e) => setGroup(e.target.value)}
          placeholder="unchanged"
          className="rounded border border-slate-300 px-2 py-0.5"
        />
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={clearGroup} onChange={(e) => setClearGroup(e.target.checked)} />
        no group
      </label>
      <label className="flex flex-col gap-1">
        Add tag
        <input value={addTag} maxLength={128} onChange={(e) => setAddTag(e.target.value)} className="rounded border border-slate-300 px-2 py-0.5" />
      </label>
      <label className="flex flex-col gap-1">
        Remove tag
        <input value={removeTag} maxLength={128} onChange={(e) => setRemoveTag(e.target.value)} className="rounded border border-slate-300 px-2 py-0.5" />
      </label>
      <button type="submit" disabled={empty || edit.isPending} className="rounded bg-blue-600 px-3 py-1 text-white hover:bg-blue-700 disabled:opacity-50">
        {edit.isPending ? "Saving…" : `Apply to ${label}`}
      </button>
      <button type="button" onClick={close} className="rounded border border-slate-300 px-3 py-1 hover:border-slate-500">
        Cancel
      </button>
      {edit.error && (
        <span role="alert" className="text-red-700">
          {edit.error.message}
        </span>
      )}
    </form>
  );
}
