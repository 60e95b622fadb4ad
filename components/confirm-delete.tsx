"use client";

import { useState } from "react";

/**
 * A red "Delete …" button that asks before it acts: deleting a run or a project cannot be undone.
 * `question` is what the user confirms; `onConfirm` runs only after "Delete for good".
 */
export function ConfirmDelete({ label, question, pending, onConfirm }: { label: string; question: string; pending: boolean; onConfirm: () => void }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" disabled={pending} onClick={() => setConfirming(true)} className="rounded border border-red-300 bg-white px-3 py-1 text-red-700 hover:border-red-500">
        {label}
      </button>
    );
  }
  return (
    <span role="alertdialog" aria-label="Confirm delete" className="flex items-center gap-2 rounded border border-red-300 bg-red-50 px-2 py-1">
      <span>{question}</span>
      <button type="button" disabled={pending} onClick={onConfirm} className="rounded bg-red-600 px-2 py-0.5 text-white hover:bg-red-700 disabled:opacity-50">
        {pending ? "Deleting…" : "Delete for good"}
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="text-slate-600 hover:text-slate-900">
        Cancel
      </button>
    </span>
  );
}
