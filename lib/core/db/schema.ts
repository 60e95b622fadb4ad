import { sql } from "drizzle-orm";
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const projects = pgTable("projects", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** Hidden from the projects page and pickers until restored; its data stays and can still be read by URL. */
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  /** Being deleted: invisible everywhere at once, its runs' rows removed in batches (see lib/runs/server/lifecycle.ts). */
  deletingAt: timestamp("deleting_at", { withTimezone: true }),
});

export const apiKeys = pgTable(
  "api_keys",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull().default(""),
    // Only a SHA-256 of the key is kept; the key itself is shown once, at creation.
    keyHash: text("key_hash").notNull(),
    // The first characters, so a user can tell keys apart in the UI.
    prefix: text("prefix").notNull(),
    scope: text("scope").notNull().default("write"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_key_hash_idx").on(t.keyHash), index("api_keys_project_idx").on(t.projectId)],
);

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    group: text("group"),
    algorithm: text("algorithm"),
    /** Free text the team writes about the run (markdown-free, shown as written). */
    notes: text("notes").notNull().default(""),
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text("status").notNull().default("running"),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
    // The 3D-property flags the diagnostics last computed, kept here so the runs table can filter on them.
    flags: jsonb("flags").$type<unknown[]>().notNull().default([]),
    // Highest flag severity (0 none, 1 info, 2 warning, 3 critical): the runs table sorts and filters on it.
    flagLevel: smallint("flag_level").notNull().default(0),
    flagsComputedAt: timestamp("flags_computed_at", { withTimezone: true, precision: 3 }),
    // Counts writes that can change the flags; a recomputation stores the count it read before reading the data,
    // so flags are current exactly when flags_seq = write_seq (a clock comparison can be one write early).
    writeSeq: bigint("write_seq", { mode: "number" }).notNull().default(0),
    flagsSeq: bigint("flags_seq", { mode: "number" }),
    // The diagnostics' latest values (drop_ratio, log_g, leaked_mass_median, …; non-finite as strings) from the
    // last flag computation: the runs table shows and sorts them as columns without recomputing anything.
    diagnostics: jsonb("diagnostics").$type<Record<string, number | string>>().notNull().default({}),
    // Millisecond precision, as JavaScript dates hold it, so a page cursor round-trips exactly.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** Last sign of life from the runner: any ingest, or a heartbeat. A `running` run silent for long is stale, then crashed. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** When the project's webhook was told this run went silent; cleared when it logs again (one message per silence). */
    silenceNotifiedAt: timestamp("silence_notified_at", { withTimezone: true, precision: 3 }),
    /** Hidden from the runs table, lists and pickers until restored; ingest into it is still accepted. */
    archivedAt: timestamp("archived_at", { withTimezone: true, precision: 3 }),
    /** Being deleted: invisible everywhere at once, its rows removed in batches (see lib/runs/server/lifecycle.ts). */
    deletingAt: timestamp("deleting_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("runs_project_created_idx").on(t.projectId, t.createdAt.desc()), index("runs_project_name_idx").on(t.projectId, t.name)],
);

/**
 * One row per (run, metric name). Carries the series' running summary (count, first, last, min, max over
 * finite values) so the runs table never scans `metrics`.
 */
export const metricKeys = pgTable(
  "metric_keys",
  {
    id: serial("id").primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
    firstStep: bigint("first_step", { mode: "number" }),
    firstValue: doublePrecision("first_value"),
    lastStep: bigint("last_step", { mode: "number" }),
    lastValue: doublePrecision("last_value"),
    minValue: doublePrecision("min_value"),
    maxValue: doublePrecision("max_value"),
  },
  (t) => [uniqueIndex("metric_keys_run_name_idx").on(t.runId, t.name)],
);

/**
 * The hot table. Keyed (run, key, step): appends of one run land at the end of its key ranges, and one key's
 * series reads in step order straight off the primary key. Run first, so it can be partitioned by run.
 * NaN and ±Infinity are stored as themselves (float8 holds them).
 */
export const metrics = pgTable(
  "metrics",
  {
    runId: uuid("run_id").notNull(),
    keyId: integer("key_id").notNull(),
    step: bigint("step", { mode: "number" }).notNull(),
    value: doublePrecision("value").notNull(),
    // Seconds since the Unix epoch, as the runner's clock said (or the server's when the runner sent none).
    wallTime: doublePrecision("wall_time").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.keyId, t.step] })],
);

export const sequences = pgTable(
  "sequences",
  {
    runId: uuid("run_id").notNull(),
    step: bigint("step", { mode: "number" }).notNull(),
    split: text("split").notNull().default("train"),
    pairId: text("pair_id").notNull(),
    logpChosen: doublePrecision("logp_chosen").notNull(),
    logpRejected: doublePrecision("logp_rejected").notNull(),
    refLogpChosen: doublePrecision("ref_logp_chosen").notNull(),
    refLogpRejected: doublePrecision("ref_logp_rejected").notNull(),
    lenChosen: integer("len_chosen"),
    lenRejected: integer("len_rejected"),
    logGradChosen: doublePrecision("log_grad_chosen"),
    logGradRejected: doublePrecision("log_grad_rejected"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.step, t.split, t.pairId] })],
);

/** Batches already applied, so a client's retry with the same `batch_id` is acknowledged, not applied twice. */
export const ingestBatches = pgTable(
  "ingest_batches",
  {
    runId: uuid("run_id").notNull(),
    batchId: text("batch_id").notNull(),
    kind: text("kind").notNull(),
    accepted: integer("accepted").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.batchId] })],
);

/** Webhook deliveries: one row per (run, flag, severity), so each flag is announced once, and again only if it rises. */
export const flagNotifications = pgTable(
  "flag_notifications",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    property: text("property").notNull(),
    severity: text("severity").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.property, t.severity] })],
);

/** A saved view: where it is (the view's URL inside its project, state included), with a title and a note. */
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    note: text("note").notNull().default(""),
    /** runs | run | compare | tables | sweeps | dpo-vs-rm | lab */
    view: text("view").notNull(),
    /** Path and query of the view, relative to the project (e.g. `/tables?preset=scenario`). */
    url: text("url").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("reports_project_idx").on(t.projectId, t.createdAt.desc())],
);

/**
 * Read-only links to one report. Only a hash of the token is kept. `live` links read current data; `frozen`
 * ones serve the snapshot taken when the link was made.
 */
export const shareLinks = pgTable(
  "share_links",
  {
    id: serial("id").primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    mode: text("mode").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("share_links_token_hash_idx").on(t.tokenHash), index("share_links_report_idx").on(t.reportId)],
);

/**
 * Min/max summaries of each series over buckets of 64·4^(level-1) steps (levels 1–6: 64 … 65,536 steps), kept at
 * ingest, so a million-step series is drawn from ~1,000 bucket rows instead of a scan. Level 1 is computed from
 * the rows, each higher level from the four buckets below it.
 */
export const metricRollups = pgTable(
  "metric_rollups",
  {
    runId: uuid("run_id").notNull(),
    keyId: integer("key_id").notNull(),
    level: smallint("level").notNull(),
    bucket: bigint("bucket", { mode: "number" }).notNull(),
    n: integer("n").notNull(),
    minValue: doublePrecision("min_value").notNull(),
    minStep: bigint("min_step", { mode: "number" }).notNull(),
    minTime: doublePrecision("min_time").notNull(),
    maxValue: doublePrecision("max_value").notNull(),
    maxStep: bigint("max_step", { mode: "number" }).notNull(),
    maxTime: doublePrecision("max_time").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.keyId, t.level, t.bucket] })],
);

/** People who sign in. Once the first one exists, PrefScope leaves local mode and every page and API needs a principal. */
export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    /** Stored lower-cased: sign-in is case-insensitive. */
    username: text("username").notNull(),
    /** `scrypt$N$r$p$salt$hash` (node:crypto scrypt, memory-hard). */
    passwordHash: text("password_hash").notNull(),
    /** Site administrators manage users and hold the admin role on every project. */
    isAdmin: boolean("is_admin").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("users_username_idx").on(t.username)],
);

/** Signed-in browsers. The cookie carries a random token; only its SHA-256 is kept here. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Who may do what in a project: viewer (read), editor (reports, share links, imports, lab runs), admin (keys, settings, members). */
export const projectMembers = pgTable(
  "project_members",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index("project_members_user_idx").on(t.userId),
    check("project_members_role_check", sql`${t.role} in ('viewer', 'editor', 'admin')`),
  ],
);
