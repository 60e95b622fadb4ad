import Link from "next/link";
import { ProjectHeader } from "@/components/nav/project-header";
import { AppError } from "@/lib/core/errors";
import { FLAG_PROPERTIES, isFlagProperty, type FlagProperty } from "@/lib/diagnostics";
import { FLAG_LABELS } from "@/lib/diagnostics/view/flag-text";
import { loadRunsTablePage } from "@/lib/runs/server/runs-table";
import { newestChangeId } from "@/lib/live/server/change-rows";
import { getDb } from "@/lib/core/db";
import { ApiKeysPanel } from "./_components/api-keys-panel";
import { ImportBox } from "./_components/import-box";
import { RunQueryBox } from "./_components/run-query-box";
import { parseRunQuery } from "@/lib/query/parse-run-query";
import { runQueryHints } from "@/lib/query/query-hints";
import { projectVocabulary } from "@/lib/runs/server/query-vocabulary";
import { SettingsPanel } from "./_components/settings-panel";
import { ProjectLifecyclePanel } from "./_components/project-lifecycle-panel";
import { MembersPanel } from "./_components/members-panel";
import { roleAtLeast } from "@/lib/accounts/roles";
import { RunsTable } from "./_components/runs-table";
import { ProjectQuickstart } from "./_components/project-quickstart";
import { publicUrl } from "@/lib/core/public-url";
import { SaveReportButton } from "@/components/reports/save-report-button";
import { columnsFromParam, defaultColumns } from "@/lib/runs/view/run-columns";
import { requireProjectPage } from "@/lib/pages/page-access";

export const dynamic = "force-dynamic";

const FLAG_FILTERS: { value: FlagProperty | undefined; label: string }[] = [
  { value: undefined, label: "All runs" },
  ...FLAG_PROPERTIES.map((value) => ({ value, label: FLAG_LABELS[value] })),
];

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string }>;
  searchParams: Promise<{ flag?: string; q?: string; cols?: string; archived?: string }>;
}) {
  const name = decodeURIComponent((await params).project);
  const { flag: requested, q, cols, archived: archivedParam } = await searchParams;
  const archived = archivedParam === "include" || archivedParam === "only" ? archivedParam : undefined;
  const flag = isFlagProperty(requested) ? requested : undefined;
  const { project, role } = await requireProjectPage(name, `/p/${encodeURIComponent(name)}`);
  // The first page of rows; the table fetches the rest (only the columns shown) once it is up.
  // Read before the rows: a write committed after it is replayed to the table's live stream, never missed.
  const since = await newestChangeId(await getDb());
  const { queryError, ...table } = await loadRunsTablePage({ project: name, projectId: project.id, flag, q, cols, archived }).then(
    (page) => ({ ...page, queryError: undefined }),
    (error: unknown) => {
      if (error instanceof AppError && error.path[0] === "q")
        return { runs: [], total: 0, columns: columnsFromParam(cols, defaultColumns([], [])), configKeys: [], metricNames: [], queryError: error.message };
      throw error;
    },
  );
  // A valid filter that selects nothing may name a key, metric or algorithm no run has: say which.
  const hints = q && !queryError && table.total === 0 ? runQueryHints(parseRunQuery(q), await projectVocabulary({ projectId: project.id })) : [];
  return (
    <section className="space-y-6">
      <ProjectHeader project={name} current="" aside={<>{table.total} runs</>} />
      <RunQueryBox error={queryError} hints={hints} configKeys={table.configKeys} metricNames={table.metricNames} />
      <nav className="flex flex-wrap gap-2 text-sm" aria-label="Filter by flag">
        {FLAG_FILTERS.map((f) => (
          <Link
            key={f.label}
            href={`?${new URLSearchParams({ ...(q ? { q } : {}), ...(f.value ? { flag: f.value } : {}), ...(archived ? { archived } : {}) })}`}
            aria-current={f.value === flag ? "page" : undefined}
            className={`rounded-full px-3 py-1 ring-1 ${f.value === flag ? "bg-slate-900 text-white ring-slate-900" : "bg-white ring-slate-300 hover:ring-slate-500"}`}
          >
            {f.label}
          </Link>
        ))}
        <Link
          href={`?${new URLSearchParams({ ...(q ? { q } : {}), ...(flag ? { flag } : {}), ...(archived ? {} : { archived: "include" }) })}`}
          className="rounded-full px-3 py-1 ring-1 ring-slate-300 hover:ring-slate-500"
          data-testid="toggle-archived-runs"
        >
          {archived ? "Hide archived" : "Show archived"}
        </Link>
        {roleAtLeast(role, "editor") && <SaveReportButton project={name} className="ml-auto" />}
      </nav>
      {project.archivedAt && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="project-archived">
          This project is archived: it is hidden from the projects page until a project admin restores it.
        </p>
      )}
      <RunsTable
        project={name}
        filter={{ q, flag, archived }}
        canEdit={roleAtLeast(role, "editor")}
        since={since}
        empty={<ProjectQuickstart project={name} url={publicUrl()} />}
        {...table}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {roleAtLeast(role, "editor") && <ImportBox project={name} />}
        {role === "admin" && <ApiKeysPanel project={name} />}
      </div>
      {role === "admin" && <SettingsPanel project={name} />}
      {role === "admin" && <ProjectLifecyclePanel project={name} archived={Boolean(project.archivedAt)} />}
      <MembersPanel project={name} canManage={role === "admin"} />
    </section>
  );
}
