import { metricNameSchema } from "../metrics/contract";
import { jsonObject } from "../core/validation/text";
import type { ImportBatch, ImportedRow, ImportProblem } from "./types";

const objectSchema = jsonObject();

/**
 * Drops from an importer's batches what the ingest path cannot store, each reported once as a problem: metric
 * names the API refuses (empty, over 256 characters, NUL, an unpaired surrogate) and config or summary entries
 * jsonb cannot hold. Every importer's output passes through one, so a hostile file never fails an import's writes.
 */
export class StorableFilter {
  private readonly verdicts = new Map<string, boolean>();
  private readonly reported = new Set<string>();

  apply(batch: ImportBatch): ImportBatch {
    const problems: ImportProblem[] = [];
    const rows = batch.rows.some((row) => this.hasRefusedName(row)) ? this.filterRows(batch.rows, problems) : batch.rows;
    const out: ImportBatch = { ...batch, rows };
    if (batch.config) out.config = this.filterObject(batch.config, "config", problems);
    if (batch.summary) out.summary = this.filterObject(batch.summary, "summary", problems);
    if (problems.length) out.problems = [...batch.problems, ...problems];
    return out;
  }

  private storableName(name: string): boolean {
    let verdict = this.verdicts.get(name);
    if (verdict === undefined) this.verdicts.set(name, (verdict = metricNameSchema.safeParse(name).success));
    return verdict;
  }

  private hasRefusedName(row: ImportedRow): boolean {
    for (const name in row.values) if (!this.storableName(name)) return true;
    return false;
  }

  private filterRows(rows: ImportedRow[], problems: ImportProblem[]): ImportedRow[] {
    const kept: ImportedRow[] = [];
    for (const row of rows) {
      const entries = Object.entries(row.values).filter(([name]) => this.storableName(name) || this.report(name, "metric name", problems));
      if (entries.length) kept.push({ ...row, values: Object.fromEntries(entries) });
    }
    return kept;
  }

  private filterObject(patch: Record<string, unknown>, what: string, problems: ImportProblem[]): Record<string, unknown> {
    const entries = Object.entries(patch).filter(
      ([key, value]) => objectSchema.safeParse(Object.fromEntries([[key, value]])).success || this.report(key, `${what} entry`, problems),
    );
    return Object.fromEntries(entries);
  }

  /** Reports a refused name once; returns false so it can end a filter. */
  private report(name: string, what: string, problems: ImportProblem[]): false {
    const id = `${what}\u0000${name}`;
    if (!this.reported.has(id)) {
      this.reported.add(id);
      const shown = JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
      problems.push({ message: `${what} ${shown} cannot be stored (empty, over 256 characters, or holding NUL or an unpaired surrogate); skipped` });
    }
    return false;
  }
}
