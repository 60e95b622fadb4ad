import { setting } from "@/lib/core/config";
import { AppError, ERROR_CODES, type ErrorCode, type ErrorPath } from "@/lib/core/errors";
import { parseOrThrow } from "@/lib/core/http/parse";
import { bulkEditRunsSchema, updateRunSchema, type Run, type UpdateRunBody } from "@/lib/runs/contract";
import { normalizeUrl, Transport } from "./transport";

// Editing what a run is called and how it is filed (docs/api.md, PATCH and bulk). `PrefScopeRun.update` queues the
// change behind the run's rows; `editRuns` changes many runs of a project at once and waits for the answer.

const runEditSchema = updateRunSchema.pick({ name: true, group: true, notes: true, tags: true });

/**
 * The name, group, notes and tags of a PATCH body, checked as the server checks them: an `AppError` (422) names the
 * field before anything is queued. Status, config and summary pass as they are (NaN in a summary is data).
 */
export function checkRunEdit(patch: UpdateRunBody): void {
  const { name, group, notes, tags } = patch;
  parseOrThrow(runEditSchema, { name, group, notes, tags });
}

export interface RunsEdit {
  /** A group of 1–256 characters, or null to take the runs out of their group. */
  group?: string | null;
  /** Tags removed first, then tags added at the end of each run's list (never twice). */
  addTags?: string[];
  removeTags?: string[];
}

export interface EditRunsOptions {
  url?: string;
  apiKey?: string;
  timeoutMs?: number;
}

/**
 * Sets the group of, removes and adds tags on 1–500 runs of one project, all or nothing (POST /api/v1/runs/bulk).
 * Resolves to the runs as the server left them, in the order given. A refusal rejects with the server's `AppError`
 * (a run not found: 404 naming `["ids", i]`) and no run is changed; no answer rejects with an `unavailable` one.
 */
export async function editRuns(runs: (string | { id: string })[], edit: RunsEdit, options: EditRunsOptions = {}): Promise<Run[]> {
  const body = parseOrThrow(bulkEditRunsSchema, {
    ids: runs.map((run) => (typeof run === "string" ? run : run.id)),
    ...(edit.group !== undefined ? { set: { group: edit.group } } : {}),
    ...(edit.addTags ? { add_tags: edit.addTags } : {}),
    ...(edit.removeTags ? { remove_tags: edit.removeTags } : {}),
  });
  const url = normalizeUrl(options.url ?? setting("PREFSCOPE_URL") ?? "http://127.0.0.1:3000");
  const transport = new Transport(url, options.apiKey ?? setting("PREFSCOPE_API_KEY"), options.timeoutMs);
  const result = await transport.request("POST", "/api/v1/runs/bulk", body);
  if (result.status >= 200 && result.status < 300) return (result.data as { runs: Run[] }).runs;
  const error = (result.data as { error?: { code?: string; message?: string; path?: ErrorPath } } | null)?.error;
  const code: ErrorCode = ERROR_CODES.find((c) => c === error?.code) ?? (result.status === 0 ? "unavailable" : "internal");
  throw new AppError(code, error?.message ?? `POST ${url}/api/v1/runs/bulk: ${result.error ?? `HTTP ${result.status}`}`, error?.path ?? []);
}
