"use client";

// The lab's one write. By house style a browser fetcher lives in its domain's hooks.ts; this one has a single caller, the
// lab's save form, so it stays beside it.

import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/core/fetch-json";
import type { CreateLabRunInput, LabRunCreated } from "@/lib/lab/contract";

/** The answer: the stored run, its flags and its page (relative to the site). */
export type SavedLabRun = LabRunCreated;

export function useSaveLabRun() {
  return useMutation({
    mutationFn: (input: CreateLabRunInput) =>
      fetchJson<SavedLabRun>("/api/v1/lab/runs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) }),
  });
}
