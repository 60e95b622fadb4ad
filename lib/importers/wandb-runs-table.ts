import { CsvRecordSplitter } from "./csv-records";
import { parsePythonLiteral, PythonLiteralError } from "./python-literal";
import { isUiRunsHeader, readUiRunsRow, uiRunsNote, type UiColumns, uiColumns } from "./wandb-ui-runs";
import type { ImportProblem } from "./types";

// A W&B runs table exported to CSV: one row per run, giving its config and summary (no history, so no metric
// rows). W&B's documented recipe (api.runs → a DataFrame of summary/config/name → to_csv) writes the header
// `,summary,config,name` (pandas' index first, with an empty name) and each dict as its Python repr; index=False
// drops the index column, a script may order the columns otherwise or write the dicts with json.dumps. The UI's
// "Export CSV" of the runs table is read by `wandb-ui-runs.ts`.

/** One run of the table, with its 1-based CSV line. */
export interface RunsTableRun {
  name: string;
  line: number;
  config: Record<string, unknown>;
  summary: Record<string, unknown>;
}

export interface RunsTable {
  runs: RunsTableRun[];
  /** Rows that gave no run, with their line, and what the whole file's reading noted. */
  problems: ImportProblem[];
}

/** The header's names, pandas' index column (`""` or `Unnamed: 0` first) left out as null. */
function headerNames(fields: readonly string[]): (string | null)[] {
  return fields.map((f, i) => (i === 0 && (f.trim() === "" || f.trim() === "Unnamed: 0") ? null : f.trim().toLowerCase()));
}

/** Whether a header is the API recipe's: `summary` and `config` columns, in any order. */
export function isRecipeHeader(fields: readonly string[]): boolean {
  const names = headerNames(fields);
  return names.includes("summary") && names.includes("config");
}

/** The header line's fields, as far as the sniffed bytes reach (quotes around a name allowed). */
export function headerFields(firstLine: string): string[] {
  return firstLine.split(",").map((f) => f.trim().replace(/^"(.*)"$/, "$1"));
}

/** Whether the sniffed first line is a runs table's header: the recipe's, or the UI export's. */
export function isRunsTableHeader(firstLine: string): boolean {
  const fields = headerFields(firstLine);
  return isRecipeHeader(fields) || isUiRunsHeader(fields);
}

function readDict(cell: string, column: string): Record<string, unknown> {
  if (cell.trim() === "") return {};
  let value: unknown;
  try {
    value = parsePythonLiteral(cell);
  } catch (error) {
    if (error instanceof PythonLiteralError) throw new Error(`${column} cell is not a Python dict or JSON object: ${error.message}`);
    throw error;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${column} cell is not a dict`);
  return value as Record<string, unknown>;
}

type Reader = { kind: "recipe"; width: number; summary: number; config: number; name: number | undefined } | { kind: "ui"; columns: UiColumns };

/** Reads a runs-table export whole (one row per run: small beside any history); `base` names unnamed rows. */
export function parseRunsTable(bytes: Uint8Array | Uint8Array[], base: string): RunsTable {
  const splitter = new CsvRecordSplitter();
  const runs: RunsTableRun[] = [];
  const problems: ImportProblem[] = [];
  let reader: Reader | undefined;
  let unusable = false;
  let row = 0;
  const onRecord = (fields: string[], line: number) => {
    if (unusable) return;
    if (reader === undefined) {
      const names = headerNames(fields);
      if (isRecipeHeader(fields)) {
        const name = names.indexOf("name");
        reader = { kind: "recipe", width: fields.length, summary: names.indexOf("summary"), config: names.indexOf("config"), name: name < 0 ? undefined : name };
      } else if (isUiRunsHeader(fields)) {
        reader = { kind: "ui", columns: uiColumns(fields) };
        problems.push({ line, message: uiRunsNote(reader.columns) });
      } else {
        unusable = true;
        problems.push({ line, message: "header has neither summary and config columns nor W&B's runs-table columns (Name, State, …); nothing imported" });
      }
      return;
    }
    row++;
    const fallback = `${base} row ${row}`;
    if (reader.kind === "ui") {
      const width = reader.columns.names.length;
      if (fields.length !== width) return void problems.push({ line, message: `${fields.length} fields where the header has ${width}; row skipped` });
      return void runs.push({ line, ...readUiRunsRow(reader.columns, fields, fallback) });
    }
    if (fields.length !== reader.width) return void problems.push({ line, message: `${fields.length} fields where the header has ${reader.width}; row skipped` });
    try {
      const summary = readDict(fields[reader.summary]!, "summary");
      const config = readDict(fields[reader.config]!, "config");
      const name = reader.name === undefined ? "" : fields[reader.name]!.trim();
      runs.push({ name: name || fallback, line, config, summary });
    } catch (error) {
      problems.push({ line, message: `${(error as Error).message}; row skipped` });
    }
  };
  for (const chunk of Array.isArray(bytes) ? bytes : [bytes]) splitter.push(chunk, onRecord);
  splitter.end(onRecord, (problem) => problems.push(problem));
  return { runs, problems };
}
