// `npm test`: unit tests, integration tests against the built app on a real database, Playwright e2e in
// Chromium, and the Python client's tests; then one closing line with the totals.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";

const root = path.resolve(import.meta.dirname, "..");
const artifacts = path.join(root, "tests", ".artifacts");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
mkdirSync(artifacts, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedPhases = [];

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label} ━━`);
  const result = spawnSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function runVitest(project) {
  const out = path.join(artifacts, `vitest-${project}.json`);
  rmSync(out, { force: true });
  const status = run(`vitest: ${project}`, bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const report = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : null;
  if (!report) return record(project, status, { passed: 0, failed: 1, skipped: 0 });
  return record(project, status, { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests });
}

function runPlaywright() {
  const out = path.join(artifacts, "playwright.json");
  rmSync(out, { force: true });
  const status = run("playwright: e2e", bin("playwright"), ["test"]);
  const stats = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")).stats : null;
  if (!stats) return record("e2e", status, { passed: 0, failed: 1, skipped: 0 });
  return record("e2e", status, { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
}

function runPython() {
  const tests = path.join(root, "clients", "python", "tests");
  if (!existsSync(tests)) return;
  console.log("\n━━ python: clients/python ━━");
  const result = spawnSync("python3", ["-m", "unittest", "discover", "-s", "clients/python/tests", "-t", "clients/python"], { cwd: root, encoding: "utf8" });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const ran = Number(/Ran (\d+) tests?/.exec(result.stderr)?.[1] ?? 0);
  const count = (name) => Number(new RegExp(`${name}=(\\d+)`).exec(result.stderr)?.[1] ?? 0);
  const failed = count("failures") + count("errors");
  const skipped = count("skipped");
  record("python", result.status ?? 1, { passed: ran - failed - skipped, failed: failed || (result.status ? 1 : 0), skipped });
}

function record(phase, status, counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (status !== 0 || counts.failed > 0) failedPhases.push(phase);
}

runVitest("unit");
buildIfStale(root);
runVitest("integration");
runPlaywright();
runPython();

const database = process.env.DATABASE_URL ? "Postgres server (DATABASE_URL)" : "embedded PGlite";
console.log(`\nDatabase: ${database}${failedPhases.length ? `; failed: ${failedPhases.join(", ")}` : ""}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedPhases.length ? 1 : 0);
