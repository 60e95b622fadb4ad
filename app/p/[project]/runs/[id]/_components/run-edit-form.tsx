"use client";

import { useState, type KeyboardEvent } from "react";
import { TagChips } from "@/components/runs/tag-chips";
import type { EditableRun } from "@/lib/runs/hooks";

// The contract's limit (MAX_RUN_NOTES), restated: importing contract.ts would load zod into the run page.
const MAX_NOTES = 10_000;

export interface RunEdit {
  name: string;
  group: string | null;
  tags: string[];
  notes: string;
}

/**
 * The run header's edit form: name, group, tags (chips) and notes. Enter in a field (Ctrl/⌘+Enter in the notes)
 * or Save saves; Escape cancels. The server's refusal shows beside Save.
 */
export function RunEditForm({
  run,
  pending,
  error,
  onSave,
  onCancel,
}: {
  run: EditableRun;
  pending: boolean;
  error: string | null;
  onSave: (edit: RunEdit) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(run.name);
  const [group, setGroup] = useState(run.group ?? "");
  const [tags, setTags] = useState(run.tags);
  const [notes, setNotes] = useState(run.notes);
  const nameError = name.trim() === "" ? "A run needs a name" : null;

  const save = () => {
    if (nameError || pending) return;
    onSave({ name: name.trim(), group: group.trim() === "" ? null : group.trim(), tags, notes });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <form
      className="mt-3 max-w-3xl space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
      aria-label="Edit run"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="flex flex-wrap gap-4">
        <label className="flex min-w-64 flex-1 flex-col gap-1">
          <span className="font-medium">Name</span>
          <input
            autoFocus
            value={name}
            maxLength={256}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={Boolean(nameError)}
            className="rounded border border-slate-300 px-2 py-1"
          />
          {nameError && <span className="text-red-700">{nameError}</span>}
        </label>
        <label className="flex min-w-48 flex-col gap-1">
          <span className="font-medium">Group</span>
          <input value={group} maxLength={256} onChange={(e) => setGroup(e.target.value)} placeholder="none" className="rounded border border-slate-300 px-2 py-1" />
        </label>
      </div>
      <TagChips tags={tags} onChange={setTags} />
      <label className="flex flex-col gap-1">
        <span className="font-medium">Notes</span>
        <textarea
          value={notes}
          maxLength={MAX_NOTES}
          rows={4}
          onChange={(e) => setNotes(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              save();
            }
          }}
          className="rounded border border-slate-300 px-2 py-1"
          placeholder="What this run tried, what went wrong, what to compare it with"
        />
        <span className="text-xs text-slate-500">
          {notes.length.toLocaleString()} / {MAX_NOTES.toLocaleString()} · Ctrl+Enter saves
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" disabled={pending || Boolean(nameError)} className="rounded bg-blue-600 px-3 py-1 text-white hover:bg-blue-700 disabled:opacity-50">
          {pending ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={onCancel} className="rounded border border-slate-300 px-3 py-1 hover:border-slate-500">
          Cancel
        </button>
        {error && (
          <span role="alert" className="text-red-700">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
