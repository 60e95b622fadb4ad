import { describeCell } from "./table-format";
import type { PivotTable } from "./table-pivot";

/**
 * A results table as Markdown (GitHub tables), CSV (RFC 4180, full-precision numbers) or LaTeX (booktabs), the
 * three places a researcher pastes one: a PR or wiki page, a spreadsheet, the paper.
 */

export type ExportCell =
  { kind: "text"; text: string } | { kind: "stat"; mean: string; std: string | null; note: string | null; best: boolean; raw: { mean: number | null; std: number | null } };

export interface ExportTable {
  caption?: string;
  header: string[];
  rows: ExportCell[][];
}

export type ExportFormat = "markdown" | "csv" | "latex";

const text = (value: string): ExportCell => ({ kind: "text", text: value });

/** Header: what a row is, n (runs in the row), then the columns. */
export function pivotToExport(pivot: PivotTable, caption?: string): ExportTable {
  return {
    caption,
    header: [pivot.rowHeader, "n", ...pivot.columns.map((c) => c.label)],
    rows: pivot.rows.map((row) => [
      text(row.label),
      text(String(row.runs.length)),
      ...row.cells.map((cell): ExportCell => ({ kind: "stat", ...describeCell(cell, row.runs.length), best: cell.best, raw: { mean: cell.mean, std: cell.std } })),
    ]),
  };
}

// ---- Markdown ----

/** Characters that would end a cell (|), break the row (newlines) or start inline formatting. */
export function escapeMarkdown(value: string): string {
  return value.replace(/\r?\n|\r/g, " ").replace(/[\\|*_`<>[\]]/g, (c) => `\\${c}`);
}

function markdownCell(cell: ExportCell): string {
  if (cell.kind === "text") return escapeMarkdown(cell.text);
  const value = `${cell.mean}${cell.std !== null ? ` ± ${cell.std}` : ""}`;
  return `${cell.best ? `**${value}**` : value}${cell.note ? ` (${escapeMarkdown(cell.note)})` : ""}`;
}

function markdownTable(table: ExportTable): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const align = table.header.map((_, i) => (i === 0 ? "---" : "---:"));
  const body = [line(table.header.map(escapeMarkdown)), line(align), ...table.rows.map((r) => line(r.map(markdownCell)))];
  return [...(table.caption ? [`*${escapeMarkdown(table.caption)}*`, ""] : []), ...body].join("\n");
}

export function toMarkdown(tables: ExportTable[]): string {
  return `${tables.map(markdownTable).join("\n\n")}\n`;
}

// ---- CSV ----

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
export function escapeCsv(value: string, { isText = true } = {}): string {
  let out = value;
  if (isText && /^[=+@\t\r]|^-(?![\d.])/.test(out)) out = `'${out}`;
  return /[",\r\n]|^\s|\s$/.test(out) ? `"${out.replace(/"/g, '""')}"` : out;
}

const rawNumber = (value: number | null) => (value === null ? "" : String(value));

function csvTable(table: ExportTable): string[] {
  // Each statistic column becomes "<col>" (mean, full precision) and "<col> std"; "<col> note" when any row has one.
  const columns = table.header.map((name, c) => {
    const cells = table.rows.map((r) => r[c]!);
    const stat = cells.some((cell) => cell.kind === "stat");
    const note = stat && cells.some((cell) => cell.kind === "stat" && cell.note);
    return { name, stat, note };
  });
  const header = columns.flatMap((col) => (col.stat ? [col.name, `${col.name} std`, ...(col.note ? [`${col.name} note`] : [])] : [col.name]));
  const rows = table.rows.map((row) =>
    columns.flatMap((col, c) => {
      const cell = row[c]!;
      if (cell.kind === "text") return col.stat ? [escapeCsv(cell.text), "", ...(col.note ? [""] : [])] : [escapeCsv(cell.text)];
      // A mean of null with a non-finite note is all-NaN (or ±Inf): keep the word, not an empty field.
      const mean = cell.raw.mean === null && cell.mean !== "—" ? cell.mean : rawNumber(cell.raw.mean);
      return [escapeCsv(mean, { isText: false }), rawNumber(cell.raw.std), ...(col.note ? [escapeCsv(cell.note ?? "")] : [])];
    }),
  );
  return [header.map((h) => escapeCsv(h)).join(","), ...rows.map((r) => r.join(","))];
}

export function toCsv(tables: ExportTable[]): string {
  return `${tables.map((t) => [...(t.caption ? [escapeCsv(t.caption)] : []), ...csvTable(t)].join("\r\n")).join("\r\n\r\n")}\r\n`;
}

// ---- LaTeX ----

const LATEX_SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
};

export function escapeLatex(value: string): string {
  return value.replace(/\r?\n|\r/g, " ").replace(/[\\&%$#_{}~^<>]/g, (c) => LATEX_SPECIAL[c]!);
}

function latexCell(cell: ExportCell): string {
  if (cell.kind === "text") return escapeLatex(cell.text);
  // Numbers go into math mode (a real minus, \pm); words such as NaN stay text.
  const numeric = /^-?\d/.test(cell.mean);
  let value = numeric ? `${cell.mean}${cell.std !== null ? ` \\pm ${cell.std}` : ""}` : escapeLatex(cell.mean);
  if (numeric) value = cell.best ? `$\\mathbf{${value}}$` : `$${value}$`;
  else if (cell.best) value = `\\textbf{${value}}`;
  return `${value}${cell.note ? ` (${escapeLatex(cell.note)})` : ""}`;
}

function latexTable(table: ExportTable): string {
  const spec = table.header.map((_, i) => (i === 0 ? "l" : "r")).join("");
  return [
    "\\begin{table}[t]",
    "  \\centering",
    ...(table.caption ? [`  \\caption{${escapeLatex(table.caption)}}`] : []),
    `  \\begin{tabular}{${spec}}`,
    "    \\toprule",
    `    ${table.header.map(escapeLatex).join(" & ")} \\\\`,
    "    \\midrule",
    ...table.rows.map((row) => `    ${row.map(latexCell).join(" & ")} \\\\`),
    "    \\bottomrule",
    "  \\end{tabular}",
    "\\end{table}",
  ].join("\n");
}

export function toLatex(tables: ExportTable[]): string {
  return `% needs \\usepackage{booktabs}\n${tables.map(latexTable).join("\n\n")}\n`;
}

export function exportTables(format: ExportFormat, tables: ExportTable[]): string {
  if (format === "markdown") return toMarkdown(tables);
  if (format === "csv") return toCsv(tables);
  return toLatex(tables);
}
