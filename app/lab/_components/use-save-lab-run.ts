"use client";

// The lab's one write. By house style a browser fetcher lives in its domain's hooks.ts; this one has a single caller, the
// lab's save form, so it stays beside it.

import { useMutation } from "@tanstack/react-query";
import type { FlagLike } from "@/components/flags/flag-badge";
import { fetchJson } from "@/lib/core/fetch-json";
import type { CreateLabRunInput } from "@/lib/lab/contract";

export interface SavedLabRun {
  run: { id: string; name: string; project: string };
  flags: FlagLike[];
  /** The run's page, relative to the site. */
  url: string;
}

export function useSaveLabRun() {
  return useMutation({
    mutationFn: (input: CreateLabRunInput) =>
      fetchJson<SavedLabRun>("/api/v1/lab/runs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) }),
  });
}
