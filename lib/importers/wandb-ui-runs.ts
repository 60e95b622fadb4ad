import { parseMetricText } from "./metric-value";
import { parsePythonLiteral } from "./python-literal";

// W&B's UI "Export CSV" of a runs table: the columns Name, State, Notes, User, Tags, Created, Runtime, Sweep (more
// such when shown: ID, Group, Job Type…), then the visible config and summary columns, with nothing that says
// which is which. A column named like a hyperparameter the diagnostics or the runs table read goes to config,
// every other to summary; the import says so in a note, since a config key not on the list lands in summary.

/** The run's own columns in the UI export (not config, not summary): kept under `config.wandb`. */
const RUN_COLUMNS = new Set(["Name", "State", "Notes", "User", "Tags", "Created", "Runtime", "Sweep", "ID", "Group", "Job Type", "Hostname", "Commit", "GitHub"]);

/**
 * Config keys by name: what the diagnostics read (`resolveLossParams`, `algorithmFromConfig`) and the
 * TrainingArguments / DPOConfig fields W&B's HF integration logs that a runs table shows most.
 */
export const HYPERPARAMETER_KEYS: ReadonlySet<string> = new Set([
  "algorithm",
  "loss_type",
  "beta",
  "β",
  "beta_w",
  "beta_l",
  "alpha",
  "rpo_alpha",
  "tau",
  "delta",
  "lambda",
  "label_smoothing",
  "learning_rate",
  "lr",
  "lr_scheduler_type",
  "warmup_steps",
  "warmup_ratio",
  "weight_decay",
  "num_train_epochs",
  "max_steps",
  "per_device_train_batch_size",
  "per_device_eval_batch_size",
  "gradient_accumulation_steps",
  "max_grad_norm",
  "max_length",
  "max_prompt_length",
  "max_completion_length",
  "seed",
  "optim",
  "bf16",
  "fp16",
  "model_name_or_path",
  "_name_or_path",
  "ref_model",
  "reference_free",
  "precompute_ref_log_probs",
  "use_weighting",
  "f_divergence_type",
  "sync_ref_model",
  "lora_r",
  "lora_alpha",
  "lora_dropout",
]);

export interface UiColumns {
  names: string[];
  name: number;
  run: number[];
  config: number[];
  summary: number[];
}

/** Whether a header is the UI export's: Name first, then the run's columns (quotes already stripped). */
export function isUiRunsHeader(fields: readonly string[]): boolean {
  const names = fields.map((f) => f.trim());
  return names[0] === "Name" && names.includes("State") && (names.includes("Created") || names.includes("Runtime"));
}

export function uiColumns(header: readonly string[]): UiColumns {
  const names = header.map((f) => f.trim());
  const columns: UiColumns = { names, name: 0, run: [], config: [], summary: [] };
  names.forEach((name, i) => {
    if (i === 0) return;
    if (RUN_COLUMNS.has(name)) columns.run.push(i);
    else if (HYPERPARAMETER_KEYS.has(name)) columns.config.push(i);
    else columns.summary.push(i);
  });
  return columns;
}

/** The note every UI-export import carries: what went where, and how to get an exact split. */
export function uiRunsNote(columns: UiColumns): string {
  const config = columns.config.map((i) => columns.names[i]).join(", ") || "none";
  return (
    `W&B's UI runs export does not say which columns are config: ${columns.config.length} named like hyperparameters went to config (${config}), ` +
    `the other ${columns.summary.length} to summary. For an exact split, export with W&B's API recipe (api.runs → summary, config and name → to_csv)`
  );
}

/** A cell as the UI wrote it: numbers (nan/inf included), true/false, a list or dict, else the text. */
function cellValue(cell: string): unknown {
  const text = cell.trim();
  const number = parseMetricText(text);
  if (number !== undefined) return number;
  if (text === "true" || text === "false") return text === "true";
  if (/^[[{]/.test(text)) {
    try {
      return parsePythonLiteral(text);
    } catch {
      // text that only looks like a list: kept as text
    }
  }
  return cell;
}

function pick(columns: UiColumns, fields: readonly string[], indexes: number[], key: (name: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of indexes) {
    const cell = fields[i]!;
    if (cell.trim() !== "") Object.defineProperty(out, key(columns.names[i]!), { value: cellValue(cell), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** One row of the UI export as a run: config (with the run's own columns under `wandb`) and summary. */
export function readUiRunsRow(columns: UiColumns, fields: readonly string[], fallback: string) {
  const run = pick(columns, fields, columns.run, (name) => name.toLowerCase().replaceAll(" ", "_"));
  const config = pick(columns, fields, columns.config, (name) => name);
  const summary = pick(columns, fields, columns.summary, (name) => name);
  return { name: fields[columns.name]!.trim() || fallback, config: Object.keys(run).length ? { ...config, wandb: run } : config, summary };
}
