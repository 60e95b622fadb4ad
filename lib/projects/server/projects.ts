import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/lib/core/db";
import { projects } from "@/lib/core/db/schema";
import { findBadThresholdOverride } from "@/lib/diagnostics/check-overrides";
import { AppError } from "@/lib/core/errors";
import { refusedLiteralTarget } from "@/lib/diagnostics/server/webhook-address";
import { webhookAllowList } from "@/lib/diagnostics/server/webhook-post";
import { mergeOverrides, type ProjectBody, type ProjectSettings, type ProjectSettingsInput } from "../contract";
import { projectNameSchema, type ArchivedFilter } from "@/lib/runs/contract";

export type Project = typeof projects.$inferSelect;

// `db` is optional here while the project services still open the database themselves; the run services pass theirs.
export async function getProjectByName({ db, name }: { db?: Db; name: string }): Promise<Project> {
  const project = await findProjectByName({ db, name });
  if (!project) throw new AppError("not_found", `Project "${name}" does not exist`, ["project"]);
  return project;
}

export async function findProjectByName({ db, name }: { db?: Db; name: string }): Promise<Project | undefined> {
  // Names come from URLs too: one no project can have (a NUL would fail the query) names none.
  if (!projectNameSchema.safeParse(name).success) return undefined;
  const conn = db ?? (await getDb());
  const [project] = await conn.select().from(projects).where(eq(projects.name, name));
  return project;
}

/** A project by its id; undefined when there is none, or it is being deleted. */
export async function findProjectById({ db, id }: { db?: Db; id: number }): Promise<Project | undefined> {
  const conn = db ?? (await getDb());
  const [project] = await conn
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), isNull(projects.deletingAt)));
  return project;
}

/** A project as the API answers it. */
export function toProjectBody(p: Project): ProjectBody {
  // The column holds what projectSettingsSchema accepted (a jsonb column types wider).
  return { name: p.name, settings: p.settings as ProjectSettings, created_at: p.createdAt.toISOString(), archived_at: p.archivedAt?.toISOString() ?? null };
}

export async function getOrCreateProject({ db, name }: { db?: Db; name: string }): Promise<Project> {
  if (!projectNameSchema.safeParse(name).success) throw new AppError("invalid_body", `project: "${name}" is not a project name`, ["project"]);
  const conn = db ?? (await getDb());
  await conn.insert(projects).values({ name }).onConflictDoNothing({ target: projects.name });
  return getProjectByName({ db: conn, name });
}

export interface ProjectListItem {
  name: string;
  created_at: string;
  run_count: number;
  running_count: number;
  last_activity: string | null;
  archived_at: string | null;
}

/**
 * Every project, or only those a user is a member of (`memberId`), or one project (`projectId`, a key's). Archived
 * ones only when asked (`archived`); ones being deleted never. Runs being deleted or archived are not counted.
 */
export async function listProjects({ memberId, projectId, archived = "exclude" }: { memberId?: number; projectId?: number; archived?: ArchivedFilter } = {}): Promise<
  ProjectListItem[]
> {
  const db = await getDb();
  const who =
    memberId !== undefined
      ? sql`and exists (select 1 from project_members m where m.project_id = p.id and m.user_id = ${memberId})`
      : projectId !== undefined
        ? sql`and p.id = ${projectId}`
        : sql``;
  const shown = archived === "exclude" ? sql`and p.archived_at is null` : archived === "only" ? sql`and p.archived_at is not null` : sql``;
  const where = sql`where p.deleting_at is null ${who} ${shown}`;
  return queryRows<ProjectListItem>(
    db,
    sql`select p.name, p.created_at::text as created_at,
               count(r.id)::int as run_count,
               count(r.id) filter (where r.status = 'running')::int as running_count,
               max(r.updated_at)::text as last_activity,
               p.archived_at::text as archived_at
        from projects p left join runs r on r.project_id = p.id and r.deleting_at is null and r.archived_at is null
        ${where}
        group by p.id order by p.name`,
  );
}

/** Metric names logged in a project, most common first: the candidates for summary columns. */
export async function listProjectMetricNames({ projectId, limit = 200 }: { projectId: number; limit?: number }) {
  const db = await getDb();
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select mk.name from metric_keys mk join runs r on r.id = mk.run_id
        where r.project_id = ${projectId} group by mk.name order by count(*) desc, mk.name limit ${limit}`,
  );
  return rows.map((r) => r.name);
}

/** Merges settings: a null webhook_url removes it; a null threshold leaf falls back to its default. */
export async function updateProjectSettings({ name, input }: { name: string; input: ProjectSettingsInput }) {
  if (input.webhook_url) {
    // Names are looked up when a message is sent (their addresses can change); an address can be judged now.
    const refused = refusedLiteralTarget(new URL(input.webhook_url), webhookAllowList());
    if (refused) throw new AppError("invalid_body", `webhook_url: ${refused}; a site admin can allow it with PREFSCOPE_WEBHOOK_ALLOW_HOSTS`, ["webhook_url"]);
  }
  const db = await getDb();
  const project = await getProjectByName({ name });
  const current = project.settings as ProjectSettings;
  const thresholds = mergeOverrides(current.thresholds ?? {}, input.thresholds ?? {});
  const bad = findBadThresholdOverride(thresholds);
  if (bad) throw new AppError("invalid_body", `thresholds.${bad.join(".")}: not a threshold (see lib/diagnostics/thresholds.ts)`, ["thresholds", ...bad]);
  const next: ProjectSettings = {
    ...current,
    ...(input.webhook_url !== undefined ? { webhook_url: input.webhook_url } : {}),
    thresholds,
  };
  const [row] = await db
    .update(projects)
    .set({ settings: next as Record<string, unknown> })
    .where(eq(projects.id, project.id))
    .returning();
  return row!;
}
