import { handle } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { requireProject } from "@/lib/accounts/server/project-write";
import { countRuns } from "@/lib/runs/server/run-list";
import { listProjectColumnNames, listRunsTableRowsJson } from "@/lib/runs/server/runs-table";
import { runsTableQuerySchema } from "@/lib/runs/contract";

type Context = { params: Promise<{ project: string }> };

// GET /api/v1/projects/:project/runs-table — every run the filter selects with only the config keys and metric
// aggregates named (`config=beta,seed&metrics=loss.last`): what the runs page loads after its first page
export const GET = handle(async (request, { params }: Context) => {
  const project = await requireProject(request, (await params).project, "read");
  const query = parseOrThrow(runsTableQuerySchema, searchParamsObject(request));
  const filter = { project: project.name, projectId: project.id, q: query.q || undefined, flag: query.flag, archived: query.archived };
  const runs = await listRunsTableRowsJson({ ...filter, configKeys: query.config, metrics: query.metrics });
  const total = await countRuns(filter);
  const { configKeys, metricNames } = await listProjectColumnNames({ projectId: project.id });
  // The rows are JSON the database wrote; the rest is spliced around them rather than parsed and written again.
  const rest = JSON.stringify({ total, config_keys: configKeys, metric_names: metricNames });
  return new Response(`{"runs":${runs},${rest.slice(1)}`, { headers: { "content-type": "application/json" } });
});
