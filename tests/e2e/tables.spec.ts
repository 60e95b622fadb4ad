import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support";

const shots = "tests/.artifacts/screenshots";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** Per scenario, the mean of a metric's last value over the scenario-table runs, computed here from the runs API. */
async function expectedMeans(request: APIRequestContext, key: string): Promise<Map<string, { mean: number; n: number }>> {
  const query = new URLSearchParams({ project: "demo", q: "tag:scenario-table", limit: "1000", summary_keys: key });
  const { runs } = await (await request.get(`/api/v1/runs?${query}`)).json();
  const byScenario = new Map<string, number[]>();
  for (const run of runs) byScenario.set(String(run.config.scenario), [...(byScenario.get(String(run.config.scenario)) ?? []), run.metrics[key].last]);
  return new Map([...byScenario].map(([s, values]) => [s, { mean: values.reduce((a, b) => a + b, 0) / values.length, n: values.length }]));
}

/** "**-1.234 ± 0.012**" → -1.234 and the precision it was printed with. */
function parseMean(cell: string): { value: number; step: number } {
  const match = /(-?\d+(?:\.(\d+))?) ± /.exec(cell.replace(/\*/g, ""));
  if (!match) throw new Error(`no mean ± std in "${cell}"`);
  return { value: Number(match[1]), step: 10 ** -(match[2]?.length ?? 0) };
}

/** The first Markdown table of a text: header cells and data rows, each a list of cells. */
function firstMarkdownTable(markdown: string): { header: string[]; rows: string[][] } {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("|"));
  const table = lines.slice(start, end === -1 ? undefined : end);
  const cells = (line: string) => line.slice(2, -2).split(" | ");
  expect(table[1]).toMatch(/^\| --- \|( ---: \|)+$/);
  return { header: cells(table[0]!), rows: table.slice(2).map(cells) };
}

test("scenario table: 4 scenarios × 3 seeds as mean ± std, copied as Markdown, with the paper's Table 1 under it", async ({ page, request }) => {
  const expected = await expectedMeans(request, "eval/pref_accuracy");
  expect([...expected.keys()].sort()).toEqual(["1", "2", "3", "4"]);

  await page.goto("/p/demo/tables");
  await page.getByRole("link", { name: "Scenario table" }).click();
  await expect(page).toHaveURL(/preset=scenario/);
  const table = page.getByTestId("results-table");
  await expect(table.locator("tbody tr")).toHaveCount(4);
  expect(await table.locator("tbody th").allInnerTexts()).toEqual(["1", "2", "3", "4"]);
  expect(await table.getByTestId("row-n").allInnerTexts()).toEqual(["3", "3", "3", "3"]);
  await expect(table.locator("thead")).toContainText("logps/chosen (first)");
  await expect(table.locator("thead")).toContainText("eval/pref_accuracy (last)");
  for (const row of await table.locator("tbody tr").all()) await expect(row.locator("td").nth(1)).toContainText("±");
  // logps/chosen (last) is higher-is-better: its highest mean is marked, and only that one.
  const chosenLast = table.locator("tbody tr td:nth-of-type(3)");
  const means = (await chosenLast.allInnerTexts()).map((t) => parseMean(t).value);
  const marked = await chosenLast.evaluateAll((cells) => cells.map((c) => c.hasAttribute("data-best")));
  expect(marked).toEqual(means.map((m) => m === Math.max(...means)));
  await expect(page.getByRole("link", { name: "Scenario table" })).toHaveAttribute("aria-current", "true");

  // The preset brings the paper's Table 1; take it away to copy the team's table alone.
  const reference = page.getByTestId("reference-table");
  await expect(reference.locator("tbody tr")).toHaveCount(4);
  await page.getByLabel("Reference rows").selectOption("");
  await expect(reference).toHaveCount(0);
  await expect(page).toHaveURL(/ref=(&|$)/);

  await page.getByRole("button", { name: "Copy Markdown" }).click();
  await expect(page.getByRole("status")).toContainText("Copied Markdown");
  const markdown = await page.getByTestId("table-export").inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);
  const { header, rows } = firstMarkdownTable(markdown);
  expect(header.slice(0, 2)).toEqual(["scenario", "n"]);
  expect(rows).toHaveLength(4);
  const accuracy = header.indexOf("eval/pref\\_accuracy (last)");
  expect(accuracy).toBeGreaterThan(1);
  for (const row of rows) {
    const want = expected.get(row[0]!)!;
    expect(row[1]).toBe(String(want.n));
    const got = parseMean(row[accuracy]!);
    expect(Math.abs(got.value - want.mean)).toBeLessThanOrEqual(got.step / 2 + 1e-9);
  }

  // Add the paper's reference rows back: greyed, labelled "paper", with the published numbers.
  await page.getByLabel("Reference rows").selectOption("table1_logprobs");
  await expect(reference.locator("tbody tr")).toHaveCount(4);
  await expect(reference.locator("tbody tr").first()).toContainText("paper");
  await expect(reference.locator("tbody tr").first()).toContainText("Scenario 1");
  await expect(reference.locator("tbody tr").first()).toContainText("-0.9181");
  await expect(reference.locator("thead")).toContainText("13B chosen (after DPO)");
  await page.screenshot({ path: `${shots}/tables-scenario.png`, fullPage: true });

  await page.getByRole("button", { name: "Copy LaTeX" }).click();
  const latex = await page.getByTestId("table-export").inputValue();
  expect(latex.match(/\\begin\{tabular\}/g)).toHaveLength(2);
  expect(latex).toContain("eval/pref\\_accuracy (last)");
  expect(latex).toContain("\\caption{paper");
});

test("method table groups by algorithm; edits go to the URL and survive a reload", async ({ page }) => {
  await page.goto("/p/demo/tables?preset=method");
  const table = page.getByTestId("results-table");
  await expect(table.locator("tbody tr")).toHaveCount(4);
  expect(await table.locator("tbody th").allInnerTexts()).toEqual(["dpo", "dpo_sft", "ipo", "slic"]);
  expect(await table.getByTestId("row-n").allInnerTexts()).toEqual(["3", "3", "3", "3"]);
  await expect(page.getByTestId("reference-table")).toContainText("Flex-DPO");

  await page.getByLabel("Step of toy/unseen_mass").selectOption("max");
  await expect(table.locator("thead")).toContainText("toy/unseen_mass (max)");
  await expect(page).toHaveURL(/col=max%3Alower%3Atoy%2Funseen_mass/);
  await page.getByLabel("Group rows by").selectOption("run");
  await expect(table.locator("tbody tr")).toHaveCount(12);
  await page.reload();
  await expect(table.locator("tbody tr")).toHaveCount(12);
  await expect(table.locator("thead")).toContainText("toy/unseen_mass (max)");
  await expect(table.locator("tbody tr").first().getByRole("link")).toHaveAttribute("href", /\/p\/demo\/runs\//);
  await page.screenshot({ path: `${shots}/tables-method-runs.png`, fullPage: true });
});

test("a filter the query language rejects is shown, not a server error", async ({ page }) => {
  await page.goto("/p/demo/tables?q=config.beta%20%3C&group=group&col=last:lower:loss&ref=");
  await expect(page.locator('p[role="alert"]')).toBeVisible();
  await expect(page.getByLabel("Filter runs")).toHaveAttribute("aria-invalid", "true");
});
