import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { findProjectByName, listProjectMetricNames } from "@/lib/services/projects";
import { listRuns } from "@/lib/services/run-list";
import { ApiKeysPanel } from "./_components/api-keys-panel";
import { ImportBox } from "./_components/import-box";
import { RunsTable } from "./_components/runs-table";
import { defaultSummaryKeys } from "@/lib/plots/summary-keys";

export const dynamic = "force-dynamic";

export default async function ProjectPage({ params }: { params: Promise<{ project: string }> }) {
  const name = decodeURIComponent((await params).project);
  const project = await findProjectByName({ name });
  if (!project) notFound();
  const metricNames = await listProjectMetricNames({ projectId: project.id });
  const summaryKeys = defaultSummaryKeys(metricNames);
  const { runs } = await listRuns({ project: name, limit: 1000, summary_keys: summaryKeys.join(",") }).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  return (
    <section className="space-y-6">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">{name}</h1>
        <span className="text-sm text-slate-600">{runs.length} runs</span>
      </div>
      <RunsTable project={name} runs={runs} summaryKeys={summaryKeys} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ImportBox project={name} />
        <ApiKeysPanel project={name} />
      </div>
    </section>
  );
}
