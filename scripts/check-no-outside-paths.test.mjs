import { describe, expect, it } from "vitest";
import { findOutsidePaths } from "./check-no-outside-paths.mjs";

// The bad spellings are put together from pieces, so this file does not trip the check it tests.
const up = "../";
const work = `/${"work"}/`;

describe("findOutsidePaths", () => {
  it("flags the sibling shared folder, the machine's folder and home folders", () => {
    const found = (text) => findOutsidePaths("lib/importers/test-support.ts", text).map((p) => p.why);
    expect(found(`path.resolve(process.cwd(), "${up}shared/data/fixtures")`)).toEqual([`the ${up}shared folder beside the repo`]);
    expect(found(`const spec = "${work}shared/spec/api.md";`)).toHaveLength(1);
    expect(found(`open("/${"home"}/alice/runs")`)).toHaveLength(1);
    expect(found(`open("/${"Users"}/bob/runs")`)).toHaveLength(1);
    expect(found(`cd /${"root"}/project`)).toHaveLength(1);
  });

  it("resolves relative paths against the file's folder and flags those that leave the repository", () => {
    const file = "tests/integration/import.test.ts";
    expect(findOutsidePaths(file, `path.resolve(import.meta.dirname, "${up}${up}${up}other/data")`)).toEqual([
      { line: 1, text: `${up}${up}${up}other/data`, why: "resolves to ../other/data, outside the repository" },
    ]);
    expect(findOutsidePaths("README.md", `see [the spec](${up}spec/api.md)`)).toHaveLength(1);
    expect(findOutsidePaths("docs/api.md", `see [security](${up}README.md) and ${up}${up}elsewhere`)).toHaveLength(1);
    expect(findOutsidePaths(file, `x\ny = "${up}${up}${up}"`)).toEqual([{ line: 2, text: `${up}${up}${up}`, why: "resolves to .., outside the repository" }]);
  });

  it("passes relative paths inside the repository, URLs that contain ../ and system paths", () => {
    const file = "tests/integration/reports.test.ts";
    expect(findOutsidePaths(file, `import { startApp } from "${up}support/app-server";`)).toEqual([]);
    expect(findOutsidePaths(file, `path.resolve(import.meta.dirname, "${up}fixtures")`)).toEqual([]);
    expect(findOutsidePaths(file, `await fetch(\`\${base}/api/v1/projects/demo/reports/${up}keys\`)`)).toEqual([]);
    expect(findOutsidePaths(".ci/run", "[ ! -x /usr/bin/chromium ] && ls /etc/postgresql")).toEqual([]);
    expect(findOutsidePaths("lib/pages/tables-view.ts", `import { x } from "${up}${up}plots/format";`)).toEqual([]);
  });
});
