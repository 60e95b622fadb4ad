import { z } from "zod";
import { projectNameSchema, runWithMetricsSchema } from "../runs/contract";
import { isoTimeSchema } from "../core/validation/numbers";
import { text } from "../core/validation/text";

/** The views a report can save; each is a tab of the project (the lab lives outside it, at `/lab`). */
export const REPORT_VIEWS = ["runs", "run", "tables", "compare", "sweeps", "dpo-vs-rm", "lab"] as const;
export type ReportView = (typeof REPORT_VIEWS)[number];

export const SHARE_MODES = ["live", "frozen"] as const;
export type ShareMode = (typeof SHARE_MODES)[number];

const SECTIONS: Record<string, ReportView> = { tables: "tables", compare: "compare", sweeps: "sweeps", "dpo-vs-rm": "dpo-vs-rm", lab: "lab" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Paths are plain segments: no scheme, host, `//`, `..`, backslash or fragment can sneak a link out of the project.
const PATH = /^(\/[A-Za-z0-9._~%-]+)*$/;
const QUERY = /^[^\s#\\<>"]*$/;

// Browsers read `%2e%2e` as `..` too.
const isDotSegment = (segment: string) => /^(\.|%2e){1,2}$/i.test(segment);

export interface ReportTarget {
  view: ReportView;
  /** The run a `run` view shows. */
  runId?: string;
  params: URLSearchParams;
}

/**
 * What a report URL points at, or null when it is not a view of a project. The URL is the path and query
 * relative to the project (`""`, `?q=…`, `/runs/<id>`, `/tables?preset=…`), or `/lab…` for the lab.
 */
export function parseReportUrl(url: string): ReportTarget | null {
  const at = url.indexOf("?");
  const path = at === -1 ? url : url.slice(0, at);
  const query = at === -1 ? "" : url.slice(at + 1);
  if (!PATH.test(path) || !QUERY.test(query) || path.split("/").some(isDotSegment)) return null;
  const params = new URLSearchParams(query);
  const segments = path.split("/").filter(Boolean);
  if (segments.length === 0) return { view: "runs", params };
  if (segments[0] === "runs") return segments.length === 2 && UUID.test(segments[1]!) ? { view: "run", runId: segments[1]!.toLowerCase(), params } : null;
  const view = SECTIONS[segments[0]!];
  return view ? { view, params } : null;
}

export const reportUrlSchema = text()
  .max(2000)
  .refine((url) => parseReportUrl(url) !== null, {
    error: "not a view of this project (expected '', '?…', '/runs/<id>', '/tables…', '/compare…', '/sweeps…', '/dpo-vs-rm…' or '/lab…')",
  });

const reportFieldsSchema = z.strictObject({
  project: projectNameSchema,
  title: text().trim().min(1, { error: "a report needs a title" }).max(200),
  note: text().max(10_000).default(""),
  url: reportUrlSchema,
  // The URL decides the view; a client that names one must name the same.
  view: z.enum(REPORT_VIEWS).optional(),
});

/** The body of POST …/reports as a client sends it: the route takes `project` from the path. */
export const createReportBodySchema = reportFieldsSchema.omit({ project: true });

export const createReportSchema = reportFieldsSchema.refine((r) => r.view === undefined || r.view === parseReportUrl(r.url)?.view, {
  error: "does not match the view of url",
  path: ["view"],
});
export type CreateReportInput = z.infer<typeof createReportSchema>;

export const createShareLinkSchema = z.strictObject({
  mode: z.enum(SHARE_MODES),
  // Fractions are allowed (a link for the next hour is 1/24); at most ten years.
  expires_in_days: z.number().positive().max(3650).nullish(),
});
export type CreateShareLinkInput = z.infer<typeof createShareLinkSchema>;

export const reportIdSchema = z.uuid({ error: "report id must be a UUID" });

/** Share tokens are 192 random bits in base64url: anything else is not one, and never reaches the database. */
export const shareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

/** Share reads take no parameters: what a token shows is fixed by its report, not by the request. */
export const shareReadQuerySchema = z.strictObject({});

// ---- Responses ----

export const shareLinkSummarySchema = z.strictObject({
  id: z.int().positive(),
  /** The token's first characters, to tell links apart; the token itself is shown once, at creation. */
  prefix: z.string(),
  mode: z.enum(SHARE_MODES),
  created_at: isoTimeSchema,
  expires_at: isoTimeSchema.nullable(),
  revoked_at: isoTimeSchema.nullable(),
  state: z.enum(["active", "revoked", "expired"]),
});
export type ShareLinkSummary = z.infer<typeof shareLinkSummarySchema>;

/** POST …/share-links: the new link with its token, the only time the token is seen. */
export const createdShareLinkSchema = shareLinkSummarySchema.extend({ token: shareTokenSchema, path: z.string(), url: z.string() });
export type CreatedShareLink = z.infer<typeof createdShareLinkSchema>;

export const reportSchema = z.strictObject({
  id: z.uuid(),
  project: z.string(),
  title: z.string(),
  note: z.string(),
  view: z.enum(REPORT_VIEWS),
  url: z.string(),
  created_at: isoTimeSchema,
  updated_at: isoTimeSchema,
  share_links: z.array(shareLinkSummarySchema),
  /** A run view whose run was deleted since: it opens on "run deleted". */
  run_deleted: z.boolean(),
});
export type Report = z.infer<typeof reportSchema>;

/** GET /api/v1/projects/{project}/reports */
export const reportListSchema = z.strictObject({ reports: z.array(reportSchema) });
export type ReportList = z.infer<typeof reportListSchema>;
/** GET …/reports/{reportId}/share-links */
export const shareLinkListSchema = z.strictObject({ share_links: z.array(shareLinkSummarySchema) });

/** GET /api/v1/share/{token}: the shared report and its link (never the token's project). */
export const sharedReportSchema = z.strictObject({
  report: z.strictObject({ title: z.string(), note: z.string(), view: z.enum(REPORT_VIEWS), url: z.string(), created_at: isoTimeSchema }),
  link: z.strictObject({ mode: z.enum(SHARE_MODES), created_at: isoTimeSchema, expires_at: isoTimeSchema.nullable() }),
});

/** GET /api/v1/share/{token}/runs */
export const sharedRunsSchema = z.strictObject({
  runs: z.array(runWithMetricsSchema),
  summary_keys: z.array(z.string()),
  /** The saved filter no longer parses (the query language changed): the view is then empty, as the page is. */
  query_error: z.string().nullable(),
});
export type SharedRuns = z.infer<typeof sharedRunsSchema>;

/**
 * GET /api/v1/share/{token}/view: what a tables, compare, sweeps or DPO-vs-RM report draws. `data` is the page's own
 * view model (plain JSON, non-finite values as strings or counts); its fields follow the page, not this contract.
 */
/** The views a shared page draws as charts or tables (the others list runs). */
export const DRAWN_VIEWS = ["tables", "compare", "sweeps", "dpo-vs-rm"] as const;
export type DrawnView = (typeof DRAWN_VIEWS)[number];
export const isDrawnView = (view: string): view is DrawnView => (DRAWN_VIEWS as readonly string[]).includes(view);

export const sharedViewSchema = z.strictObject({
  kind: z.enum(DRAWN_VIEWS),
  data: z.record(z.string(), z.unknown()),
});
