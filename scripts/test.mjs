// `npm test`: unit tests, integration tests against the built app on a real database, Playwright e2e in
// Chromium, and the Python client's tests (under Debian's /usr/bin/python3, where `python3-torch` puts torch);
// then the skipped tests by name and one closing line with the totals and the database every phase ran on.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";

const root = path.resolve(import.meta.dirname, "..");
const artifacts = path.join(root, "tests", ".artifacts");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
// Side-by-side runs (each with its own NEXT_DIST_DIR) keep their reports apart, as playwright.config.ts does.
const tag = process.env.NEXT_DIST_DIR ? `${process.env.NEXT_DIST_DIR.replace(/\W/g, "")}-` : "";
// The system interpreter: Debian's python3-torch installs torch for it (a pyenv or venv python3 lacks it).
const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const database = process.env.DATABASE_URL ? "Postgres server (DATABASE_URL)" : "embedded PGlite";
mkdirSync(artifacts, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedPhases = [];
/** "phase: where › name (reason)" of every skipped test, printed before the totals. */
const skips = [];

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label} ━━`);
  const result = spawnSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function runVitest(project, files = [], note = "") {
  const out = path.join(artifacts, `${tag}vitest-${project}.json`);
  rmSync(out, { force: true });
  const args = ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...files];
  const status = run(`vitest: ${project}${note}`, bin("vitest"), args);
  const report = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : null;
  if (!report) return record(project, status, { passed: 0, failed: 1, skipped: 0 });
  // A skipped test's name says why (describe.skipIf("… (embedded database only)")): vitest keeps no reason.
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      if (!["passed", "failed"].includes(test.status)) skips.push(`${project}: ${path.relative(root, file.name)} › ${test.fullName}`);
    }
  }
  return record(project, status, { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests });
}

function runPlaywright() {
  const out = path.join(artifacts, `${tag}playwright.json`);
  rmSync(out, { force: true });
  const status = run("playwright: e2e", bin("playwright"), ["test"]);
  const report = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : null;
  if (!report?.stats) return record("e2e", status, { passed: 0, failed: 1, skipped: 0 });
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== "skipped") continue;
        const reason = test.annotations.find((a) => a.type === "skip")?.description;
        skips.push(`e2e: ${spec.file} › ${[...titles, spec.title].join(" › ")}${reason ? ` (${reason})` : ""}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report.suites) visit(suite, []);
  const { stats } = report;
  return record("e2e", status, { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
}

function runPython() {
  const tests = path.join(root, "clients", "python", "tests");
  if (!existsSync(tests)) return;
  const version = spawnSync(python, ["--version"], { encoding: "utf8" }).stdout?.trim() ?? "not found";
  console.log(`\n━━ python: clients/python (${python}, ${version}) on ${database} ━━`);
  // -v: one line a test, so a skip shows its reason (`test_x (module.Class.test_x) ... skipped 'why'`).
  const result = spawnSync(python, ["-m", "unittest", "discover", "-v", "-s", "clients/python/tests", "-t", "clients/python"], { cwd: root, encoding: "utf8" });
  process.stdout.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  const output = result.stderr ?? "";
  const ran = Number(/Ran (\d+) tests?/.exec(output)?.[1] ?? 0);
  const count = (name) => Number(new RegExp(`${name}=(\\d+)`).exec(output)?.[1] ?? 0);
  const failed = count("failures") + count("errors");
  const skipped = count("skipped");
  for (const [, name, reason] of output.matchAll(/^(\S+ \(\S+\))(?:\n[^\n]*)? \.\.\. skipped '(.*)'$/gm)) skips.push(`python: ${name} (${reason})`);
  record("python", result.status ?? 1, { passed: ran - failed - skipped, failed: failed || (result.status ? 1 : 0), skipped });
}

function record(phase, status, counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (status !== 0 || counts.failed > 0) failedPhases.push(phase);
}

/** The unit test files that open the database DATABASE_URL names (`testDatabasePerFile`); the others open none. */
function unitFilesOnTheDatabase() {
  return readdirSync(path.join(root, "lib"), { recursive: true })
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => path.join("lib", name))
    .filter((file) => readFileSync(path.join(root, file), "utf8").includes("testDatabasePerFile()"));
}

// PREFSCOPE_UNIT=database (CI's second pass, on another database): only the unit tests that open one.
if (process.env.PREFSCOPE_UNIT === "database") runVitest("unit", unitFilesOnTheDatabase(), " (the files that open the database)");
else runVitest("unit");
buildIfStale(root);
runVitest("integration");
runPlaywright();
runPython();

if (skips.length) console.log(`\nSkipped (${skips.length}):\n${skips.map((s) => `  ${s}`).join("\n")}`);
console.log(
  `\nDatabase: ${database} (every phase ran on it, Python included; unit tests that open no database need none)${failedPhases.length ? `; failed: ${failedPhases.join(", ")}` : ""}`,
);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedPhases.length ? 1 : 0);
