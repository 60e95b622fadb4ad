import { expect, test } from "./support";

test("an empty project shows how to log its first run, and the run appears without a reload", async ({ page, request }) => {
  const project = `empty-${Date.now()}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  await page.goto(`/p/${project}`);
  const quickstart = page.getByTestId("project-quickstart");
  await expect(quickstart.getByRole("heading", { name: `No runs in ${project} yet` })).toBeVisible();
  await expect(quickstart).toContainText(`PrefScopeCallback(project="${project}")`);
  await expect(quickstart).toContainText(`npx prefscope import PATH --project '${project}'`);
  // A filter that matches nothing is not an empty project.
  await page.goto(`/p/${project}?q=${encodeURIComponent("algorithm = dpo")}`);
  await expect(page.getByText("No runs match.")).toBeVisible();
  await expect(page.getByTestId("project-quickstart")).toHaveCount(0);

  await page.goto(`/p/${project}`);
  await expect(quickstart).toBeVisible();
  const created = await request.post("/api/v1/runs", { headers: { authorization: `Bearer ${key}` }, data: { project, name: "first-run", algorithm: "dpo" } });
  expect(created.status()).toBe(201);
  await expect(page.getByTestId("runs-table").getByRole("link", { name: "first-run" })).toBeVisible();
  await expect(page.getByTestId("project-quickstart")).toHaveCount(0);
});

test("an unknown project or run answers 404 with a way back", async ({ page, pageProblems }) => {
  pageProblems.expect({ status: 404 });
  for (const path of ["/p/no-such-project", "/p/demo/runs/00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
    await page.getByRole("link", { name: "← All projects" }).click();
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  }
});
