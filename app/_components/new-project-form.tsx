"use client";

import { useState } from "react";
import { fetchJson } from "@/lib/core/fetch-json";

export function NewProjectForm() {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="ml-auto flex items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await fetchJson("/api/v1/projects", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
          window.location.assign(`/p/${encodeURIComponent(name)}`);
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      {error && <span className="text-sm text-red-700">{error}</span>}
      <input
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="new project"
        aria-label="New project name"
        className="rounded border border-slate-300 px-2 py-1 text-sm"
      />
      <button type="submit" disabled={!name} className="rounded bg-blue-600 px-3 py-1 text-sm text-white hover:bg-blue-700 disabled:opacity-50">
        Create
      </button>
    </form>
  );
}
