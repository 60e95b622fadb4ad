"use client";

import { useState } from "react";

// The contract's limits, restated: importing contract.ts would load zod into the pages.
const MAX_TAGS = 100;
const MAX_TAG_LENGTH = 128;

/**
 * Tags as removable chips and a field that adds one: Enter (or Add) adds what is typed; Enter on an empty field
 * leaves the key to the form (it saves). Each chip's × removes it.
 */
export function TagChips({ tags, onChange, label = "Tags" }: { tags: string[]; onChange: (tags: string[]) => void; label?: string }) {
  const [draft, setDraft] = useState("");
  const tag = draft.trim();
  const add = () => {
    if (!tag) return;
    if (!tags.includes(tag)) onChange([...tags, tag]);
    setDraft("");
  };
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="font-medium">{label}</legend>
      <ul className="flex flex-wrap items-center gap-1" aria-label={`${label} of the run`}>
        {tags.map((t) => (
          <li key={t} className="flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
            {t}
            <button type="button" onClick={() => onChange(tags.filter((x) => x !== t))} aria-label={`Remove tag ${t}`} className="text-slate-500 hover:text-red-700">
              ×
            </button>
          </li>
        ))}
        {tags.length === 0 && <li className="text-xs text-slate-500">none</li>}
      </ul>
      <span className="flex items-center gap-2">
        <input
          value={draft}
          maxLength={MAX_TAG_LENGTH}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && tag) {
              e.preventDefault();
              add();
            }
          }}
          disabled={tags.length >= MAX_TAGS}
          placeholder="add a tag"
          aria-label="New tag"
          className="rounded border border-slate-300 px-2 py-1"
        />
        <button type="button" onClick={add} disabled={!tag} className="rounded border border-slate-300 px-2 py-1 hover:border-slate-500 disabled:opacity-50">
          Add
        </button>
      </span>
    </fieldset>
  );
}
