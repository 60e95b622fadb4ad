import { describeVariables } from "./config";

/*
 * README's "## Environment" table, generated from the schema in config.ts (`npm run docs:env` writes it;
 * config.test.ts fails when the committed README differs).
 */

const HEADING = "## Environment";
const HEADER = ["| variable | default | meaning |", "|---|---|---|"];

const cell = (text: string) => text.replaceAll("|", "\\|");

/** The table, one row per variable in the schema's order. */
export function renderEnvTable(): string {
  const rows = describeVariables().map((v) => `| \`${v.name}\` | ${cell(v.default)} | ${cell(v.doc)} |`);
  return [...HEADER, ...rows].join("\n");
}

/** Where the table sits in README: the lines starting with `|` right after the heading's blank line. */
function locate(readme: string): { start: number; end: number } {
  const heading = readme.indexOf(`\n${HEADING}\n`);
  if (heading === -1) throw new Error(`README has no "${HEADING}" section`);
  const start = readme.indexOf("\n|", heading + HEADING.length + 1) + 1;
  if (start === 0) throw new Error(`README's "${HEADING}" section has no table`);
  let end = start;
  while (readme.startsWith("|", end)) {
    const next = readme.indexOf("\n", end);
    end = next === -1 ? readme.length : next + 1;
  }
  return { start, end };
}

/** The table README holds now, as written. */
export function readEnvTable(readme: string): string {
  const { start, end } = locate(readme);
  return readme.slice(start, end).trimEnd();
}

/** README with its table replaced by the generated one. */
export function withEnvTable(readme: string): string {
  const { start, end } = locate(readme);
  return `${readme.slice(0, start)}${renderEnvTable()}\n${readme.slice(end)}`;
}

/** A table's rows as cells (the header and its rule left out), `\|` read back as `|`. */
export function tableRows(table: string): string[][] {
  return table
    .split("\n")
    .slice(HEADER.length)
    .map((line) =>
      line
        .replace(/^\|\s*/, "")
        .replace(/\s*\|$/, "")
        .split(/\s*(?<!\\)\|\s*/)
        .map((c) => c.replaceAll("\\|", "|")),
    );
}
