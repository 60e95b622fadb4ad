import Link from "next/link";
import { notFound } from "next/navigation";
import { ProjectHeader } from "@/components/nav/project-header";
import { AppError } from "@/lib/errors";
import { findProjectByName, listProjectConfigKeys, listProjectMetricNames } from "@/lib/services/projects";
import { listRuns } from "@/lib/services/run-list";
import { ApiKeysPanel } from "./_components/api-keys-panel";
import { ImportBox } from "./_components/import-box";
import { RunQueryBox } from "./_components/run-query-box";
import { SettingsPanel } from "./_components/settings-panel";
import { RunsTable } from "./_components/runs-table";
import { SaveReportButton } from "@/components/reports/save-report-button";
import { defaultSummaryKeys } from "@/lib/plots/summary-keys";
import { columnsFromParam, defaultColumns, metricKeysOf } from "@/lib/plots/run-columns";
import { toTableRun } from "@/lib/plots/table-run";

export const dynamic = "force-dynamic";

// The table virtualises rows, so it takes a whole project of this size at once.
const MAX_TABLE_RUNS = 10_000;

const FLAG_FILTERS = [
  { value: undefined, label: "All runs" },
  { value: "drastic_drop", label: "Drastic drop" },
  { value: "degradation", label: "Degradation" },
  { value: "dispersion", label: "Dispersion" },
] as const;

type Flag = (typeof FLAG_FILTERS)[number]["value"];

export default async function ProjectPage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<{ flag?: string; q?: string; cols?: string }> }) {
  const name = decodeURIComponent((await params).project);
  const { flag: requested, q, cols } = await searchParams;
  const flag = FLAG_FILTERS.find((f) => f.value === requested)?.value as Flag;
  const project = await findProjectByName({ name });
  if (!project) notFound();
  const metricNames = await listProjectMetricNames({ projectId: project.id });
  const configKeys = await listProjectConfigKeys({ projectId: project.id });
  const columns = columnsFromParam(cols, defaultColumns(configKeys.slice(0, 6), defaultSummaryKeys(metricNames)));
  const { runs, queryError } = await listRuns({ project: name, limit: MAX_TABLE_RUNS, flag, q, summary_keys: metricKeysOf(columns).join(",") }).then(
    (listed) => ({ runs: listed.runs.map((r) => toTableRun(r, configKeys)), queryError: undefined }),
    (error: unknown) => {
      if (error instanceof AppError && error.path[0] === "q") return { runs: [], queryError: error.message };
      throw error;
    },
  );
  return (
    <section className="space-y-6">
      <ProjectHeader project={name} current="" aside={<>{runs.length} runs</>} />
      <RunQueryBox error={queryError} />
      <nav className="flex flex-wrap gap-2 text-sm" aria-label="Filter by flag">
        {FLAG_FILTERS.map((f) => (
          <Link
            key={f.label}
            href={`?${new URLSearchParams({ ...(q ? { q } : {}), ...(f.value ? { flag: f.value } : {}) })}`}
            aria-current={f.value === flag ? "page" : undefined}
            className={`rounded-full px-3 py-1 ring-1 ${f.value === flag ? "bg-slate-900 text-white ring-slate-900" : "bg-white ring-slate-300 hover:ring-slate-500"}`}
          >
            {f.label}
          </Link>
        ))}
        <SaveReportButton project={name} className="ml-auto" />
      </nav>
      <RunsTable project={name} runs={runs} columns={columns} configKeys={configKeys} metricNames={metricNames} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ImportBox project={name} />
        <ApiKeysPanel project={name} />
      </div>
      <SettingsPanel project={name} />
    </section>
  );
}
