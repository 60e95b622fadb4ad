import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { migratePglite, migratePostgres } from "../lib/core/db/migrate";
import { createPglite } from "../lib/core/db/pglite-client";

export const SEEDED_METRICS = ["loss", "rewards/chosen", "rewards/rejected", "rewards/accuracies", "rewards/margins", "logps/chosen", "logps/rejected", "grad_norm"];

/**
 * One project of `count` runs, built by the database itself (generate_series), so 10,000 runs take a second:
 * a Trainer-sized config, tags, a summary, flags with their evidence on a third of the runs, and the series
 * summaries of eight TRL metrics per run (what the runs table reads).
 */
function seedStatements(project: string, count: number): string[] {
  const pick = (values: string[], by: string) => `(array[${values.join(",")}])[1 + (${by})]`;
  const flag = (property: string, severity: string) =>
    `jsonb_build_object('property', '${property}', 'severity', ${severity}, 'first_step', 40 * (i % 25),
      'evidence', jsonb_build_object('drop_ratio', (3 + (i % 17) / 3.0)::float8, 'chosen_change', (-(i % 13) / 2.0)::float8, 'rejected_change', -(i % 29),
        'both_down_share', ((i % 100) / 100.0)::float8, 'window_points', 12, 'threshold_drop_ratio', 3, 'threshold_min_points', 3, 'threshold_share', 0.8))`;
  return [
    `insert into projects (name) values ('${project}')`,
    `insert into runs (id, project_id, name, "group", algorithm, config, tags, status, summary, flags, flag_level, flags_computed_at, created_at, updated_at, finished_at)
     select gen_random_uuid(), (select id from projects where name = '${project}'), 'run-' || lpad(i::text, 5, '0'), 'sweep-' || (i % 20),
       ${pick(["'dpo'", "'ipo'", "'slic'", "'flex_dpo'"], "i % 4")},
       jsonb_build_object('beta', ${pick(["0.01", "0.05", "0.1", "0.5"], "i % 4")}, 'learning_rate', (5e-7 * (1 + i % 3))::float8, 'seed', i % 5,
         'scenario', 1 + i % 4, 'model_name_or_path', 'EleutherAI/pythia-' || ${pick(["'160m'", "'410m'", "'1b'"], "i % 3")},
         'per_device_train_batch_size', 8, 'gradient_accumulation_steps', 4, 'max_length', 512, 'max_prompt_length', 256,
         'warmup_ratio', 0.1, 'loss_type', 'sigmoid', 'output_dir', '/scratch/prefscope/runs/run-' || i, 'dataset_name', 'Anthropic/hh-rlhf',
         'lr_scheduler_type', 'cosine', 'num_train_epochs', 3, 'bf16', true, 'optim', 'adamw_torch', 'weight_decay', 0.0,
         'max_grad_norm', 1.0, 'logging_steps', 10, 'report_to', 'none', 'label_smoothing', 0.0, 'precompute_ref_log_probs', false),
       array['sweep', 'seed-' || (i % 5)], ${pick(["'finished'", "'finished'", "'running'", "'failed'"], "i % 4")},
       jsonb_build_object('train_loss', (0.3 + (i % 50) / 100.0)::float8, 'train_runtime', 3600 + i, 'train_samples_per_second', 12.5, 'total_flos', 1.2e17, 'epoch', 3.0),
       case when i % 3 = 0 then jsonb_build_array(${flag("drastic_drop", "'warning'")}, ${flag("degradation", "'info'")})
            when i % 3 = 1 then jsonb_build_array(${flag("dispersion", "'critical'")}) else '[]'::jsonb end,
       case i % 3 when 0 then 2 when 1 then 3 else 0 end, now(), now() - i * interval '1 second', now(), now()
     from generate_series(1, ${count}) i`,
    `insert into metric_keys (run_id, name, count, first_step, first_value, last_step, last_value, min_value, max_value)
     select r.id, n.name, 1000, 0, random(), 999, random(), -random(), 1 + random()
     from runs r join projects p on p.id = r.project_id cross join unnest(array[${SEEDED_METRICS.map((m) => `'${m}'`).join(",")}]) n(name)
     where p.name = '${project}'`,
    "analyze",
  ];
}

/** Seeds the projects into a fresh PGlite folder (returned) or into the Postgres database at `url`. */
export async function seedRunsProjects(url: string | null, projects: Record<string, number>): Promise<string | null> {
  const statements = Object.entries(projects).flatMap(([name, count]) => seedStatements(name, count));
  if (url) {
    await migratePostgres(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      for (const statement of statements) await sql.unsafe(statement);
    } finally {
      await sql.end();
    }
    return null;
  }
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "prefscope-bench-runs-")), "db");
  const db = await createPglite({ dataDir: dir });
  try {
    await migratePglite(db);
    for (const statement of statements) await db.exec(statement);
  } finally {
    await db.close();
  }
  return dir;
}
