import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runs } from "./schema";

// Kept apart from schema.ts (the runs and their numbers): the texts of preference pairs, which the pair inspector
// shows beside a pair's numbers. drizzle.config.ts reads every schema file.

/**
 * A pair's prompt and two responses, stored once under the SHA-256 of their content (see lib/pairs/server/pair-texts.ts):
 * runs that log the same pair share the row.
 */
export const pairTexts = pgTable("pair_texts", {
  hash: text("hash").primaryKey(),
  prompt: text("prompt").notNull(),
  chosen: text("chosen").notNull(),
  rejected: text("rejected").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Which texts a run's pair_id names; sending other texts for the pair_id moves the link. */
export const runPairs = pgTable(
  "run_pairs",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    pairId: text("pair_id").notNull(),
    textHash: text("text_hash")
      .notNull()
      .references(() => pairTexts.hash),
  },
  (t) => [primaryKey({ columns: [t.runId, t.pairId] }), index("run_pairs_text_hash_idx").on(t.textHash)],
);
