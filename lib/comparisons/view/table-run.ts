import { setOwn } from "@/lib/core/view/own-keys";
import type { RunLike } from "@/lib/runs/view/run-columns";
import type { RunHealth } from "@/lib/runs/contract";

/** What the runs table needs of a run: the rest (summary, nested config, timestamps) stays on the server. */
export type TableRun = RunLike & { id: string; archived_at?: string | null; health: RunHealth | null; last_seen_at: string };

export function toTableRun<T extends TableRun>(run: T, configKeys: readonly string[]): TableRun {
  // Config keys are user text: own keys only ("constructor" is a config key here, not Object's).
  const config: Record<string, unknown> = {};
  for (const key of configKeys) if (Object.hasOwn(run.config, key)) setOwn(config, key, run.config[key]);
  return {
    id: run.id,
    name: run.name,
    algorithm: run.algorithm,
    status: run.status,
    health: run.health,
    last_seen_at: run.last_seen_at,
    group: run.group,
    tags: run.tags,
    created_at: run.created_at,
    archived_at: run.archived_at ?? null,
    config,
    flags: run.flags,
    metrics: run.metrics,
    diagnostics: run.diagnostics ?? {},
  };
}
