import { readFileSync } from "node:fs";
import { parsePythonJson } from "../importers/python-json";
import type { ImportItem } from "./import-plan";

// What `prefscope import` hands to either way of importing (into the database itself, or through a server).

export interface ImportOptions {
  project: string;
  stepKey?: string;
  name?: string;
  config?: Record<string, unknown>;
  algorithm?: string;
}

/** The results files HF's Trainer wrote beside a trainer state, merged (later files say more); one unreadable is named and left out. */
export function readSummaryFiles(item: ImportItem & { kind: "file" }): Record<string, unknown> | undefined {
  let summary: Record<string, unknown> | undefined;
  for (const file of item.summaryFiles ?? []) {
    try {
      const value = parsePythonJson(readFileSync(file, "utf8")); // HF writes NaN bare
      if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("not a JSON object");
      summary = { ...summary, ...(value as Record<string, unknown>) };
    } catch (error) {
      console.error(`skipped ${file}: ${(error as Error).message}`);
    }
  }
  return summary;
}

export const itemFiles = (item: ImportItem) => (item.kind === "file" ? [item.path] : item.files);

/** A planned run with its config: the files beside its logs give it, what the command line gives wins. */
export type PlannedRun = ImportItem & { config?: Record<string, unknown> };
