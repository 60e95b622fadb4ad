import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runs } from "./schema";

// Kept apart from schema.ts (the data itself): this table is the live updates' log of changes, pruned as it ages.
// drizzle.config.ts reads both files.

/**
 * What changed, one row per committed write (a metrics or sequences batch, a flag recomputation, a run's status or
 * health): live viewers' change feeds read it when Postgres notifies them (channel `prefscope_live`), and a viewer
 * that reconnects resumes from the last id it saw. Rows older than the resume window are pruned.
 */
export const runChanges = pgTable(
  "run_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    projectId: integer("project_id").notNull(),
    /** `metrics`, `sequences`, `flags` or `run` (status, health, name, tags). */
    kind: text("kind").notNull(),
    /** Metric names the write touched (`metrics` only). */
    keys: text("keys").array(),
    stepMin: bigint("step_min", { mode: "number" }),
    stepMax: bigint("step_max", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("run_changes_run_idx").on(t.runId, t.id), index("run_changes_project_idx").on(t.projectId, t.id), index("run_changes_created_idx").on(t.createdAt)],
);
