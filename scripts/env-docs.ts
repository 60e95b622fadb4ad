// `npm run docs:env`: writes README's table of environment variables from the schema in lib/core/config.ts.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withEnvTable } from "../lib/core/config-table";

const readme = path.resolve(import.meta.dirname, "..", "README.md");
const before = readFileSync(readme, "utf8");
const after = withEnvTable(before);
if (after === before) console.log("README.md: the table of environment variables is up to date");
else {
  writeFileSync(readme, after);
  console.log("README.md: table of environment variables rewritten from lib/core/config.ts");
}
