import { decodeNumber } from "../../core/validation/wire-numbers";
import { getOwn, setOwn } from "../../core/view/own-keys";
import type { TableRun } from "../../comparisons/view/table-run";
import type { LiveRunPatch } from "../contract";

/**
 * A runs-table row with what the live stream said of its run: name, status and flags, and the aggregates of the
 * metrics the row already shows (a column not shown is not added: the table asks for what it shows).
 */
export function applyRunPatch(row: TableRun, patch: LiveRunPatch): TableRun {
  const metrics = { ...row.metrics };
  for (const name of Object.keys(patch.metrics)) {
    const shown = getOwn(row.metrics, name);
    const summary = getOwn(patch.metrics, name);
    if (!shown || !summary) continue;
    const next: Record<string, number | null> = { ...shown };
    for (const aggregate of Object.keys(shown)) {
      if (aggregate === "first" || aggregate === "last" || aggregate === "min" || aggregate === "max") next[aggregate] = decodeNumber(summary[aggregate]);
    }
    setOwn(metrics, name, next);
  }
  return { ...row, name: patch.name, status: patch.status, health: patch.health, last_seen_at: patch.last_seen_at, flags: patch.flags, diagnostics: patch.diagnostics, metrics };
}
