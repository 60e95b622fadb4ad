// Fails when a file of the repository refers to a path outside it: the repo must work from a clone in an empty
// folder, so its tests, docs and README may only read what it holds. Run by `.ci/run` before the tests.
//
// Two rules, kept simple on purpose:
// 1. Known bad spellings anywhere in a line: the sibling folder of specs and fixtures the project was first
//    written next to (read relative to the working directory, so rule 2 cannot see it), the folder of the machine
//    it was written on (`/work`), and home folders (`/home/<user>`, `/Users/<user>`, `/root`, `C:\Users`).
// 2. Relative paths that climb out: a token that starts with `../` (after a quote, bracket, `(`, `=`, `,` or a
//    space, so `/runs/../keys` inside a URL is not one) is resolved against the folder of the file it is in, and
//    fails when it lands above the repository root. Relative imports inside the repo resolve inside it and pass.
// System paths (`/usr/bin/chromium`, `/etc/postgresql`) are the machine's, not files the project forgot, and
// pass. `tests/fixtures/` is exempt: real tool outputs kept byte for byte, whatever paths their writers recorded.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const EXEMPT = [/^tests\/fixtures\//];

/** The sibling folder's name, spelt so that this file does not name it. */
const SIBLING = `the ${".."}/${"shared"} folder beside the repo`;

/** [pattern, why]; written so that this file's own source does not match them. */
const BAD = [
  [/(^|[^\w.])\.\.\/shared\//, SIBLING],
  [/(^|[^\w])\/work\//, "a path on the machine the repo was written on"],
  [/(^|[^\w])\/(home|Users)\/[\w.-]+\//, "a home folder"],
  [/(^|[^\w])\/root\//, "root's home folder"],
  [/\b[A-Za-z]:\\Users\\/, "a Windows home folder"],
];

const RELATIVE = /(?:^|[\s"'`([=,])((?:\.\.\/)+[\w.@*{}/-]*|\.\.(?=["'`)\s]|$))/g;

/**
 * The outside paths one file's text refers to: `{line, text, why}` per finding. `file` is relative to the repo
 * root, with `/` separators.
 */
export function findOutsidePaths(file, text) {
  const found = [];
  const folder = path.posix.dirname(file);
  text.split("\n").forEach((line, i) => {
    for (const [pattern, why] of BAD) {
      const match = pattern.exec(line);
      if (match) found.push({ line: i + 1, text: match[0].replace(/^[^./\\\w]/, ""), why });
    }
    for (const match of line.matchAll(RELATIVE)) {
      const target = path.posix.normalize(path.posix.join(folder, match[1])).replace(/(.)\/$/, "$1");
      if (target === ".." || target.startsWith("../")) found.push({ line: i + 1, text: match[1], why: `resolves to ${target}, outside the repository` });
    }
  });
  return found;
}

/** Files git tracks, and new files it does not ignore (so the check works before a commit, too). */
function repoFiles(root) {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  return [...new Set(out.split("\0").filter(Boolean))];
}

export function checkRepo(root) {
  const problems = [];
  for (const file of repoFiles(root)) {
    if (EXEMPT.some((e) => e.test(file))) continue;
    let bytes;
    try {
      bytes = readFileSync(path.join(root, file));
    } catch {
      continue; // deleted in the work tree, not yet in the index
    }
    if (bytes.includes(0)) continue; // binary
    for (const p of findOutsidePaths(file, bytes.toString("utf8"))) problems.push(`${file}:${p.line}: ${p.text} (${p.why})`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "..");
  const problems = checkRepo(root);
  if (problems.length > 0) {
    console.error(`Files refer to paths outside the repository (a clone has nothing beside it):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  console.log("no-outside-paths: every path the repository refers to is inside it");
}
