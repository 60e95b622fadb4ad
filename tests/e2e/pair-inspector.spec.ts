import { expect, test } from "./support";

// The run page's pair inspector: rank a step's pairs, filter by quadrant and text, open one pair's texts and trajectory.
test("the pair inspector ranks, filters and opens a pair with its texts and log-prob trajectory", async ({ page, request }) => {
  const project = `pairs${Date.now()}`;
  const created = await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" }, headers: { "sec-fetch-site": "same-origin" } });
  expect(created.status()).toBe(201);
  const headers = { authorization: `Bearer ${(await created.json()).key}` };
  const run = await request.post("/api/v1/runs", { headers, data: { project, name: "inspected", algorithm: "dpo", config: { beta: 0.1 } } });
  const id = (await run.json()).id as string;
  // Pair i's chosen log-prob moves by (i - 12) per 10 steps, its rejected one always falls: at the last step pairs
  // 0–11 are "both down", 12–29 "chosen up, rejected down", and pair 0 falls the furthest.
  const rows = [0, 10, 20].flatMap((step) =>
    Array.from({ length: 30 }, (_, i) => ({
      step,
      pair_id: `p${String(i).padStart(2, "0")}`,
      logp_chosen: -30 + ((i - 12) * step) / 10,
      logp_rejected: -35 - step / 10 - i / 100,
      ref_logp_chosen: -30,
      ref_logp_rejected: -35,
    })),
  );
  expect((await request.post(`/api/v1/runs/${id}/sequences`, { headers, data: { rows } })).status()).toBe(200);
  const pairs = Array.from({ length: 30 }, (_, i) => ({
    pair_id: `p${String(i).padStart(2, "0")}`,
    prompt: `How do I brew ${i % 2 ? "coffee" : "tea"}? (${i})`,
    chosen: `Carefully, step ${i}.`,
    rejected: `Badly ${i}.`,
  }));
  expect((await request.post(`/api/v1/runs/${id}/pairs`, { headers, data: { pairs } })).status()).toBe(200);

  await page.goto(`/p/${project}/runs/${id}`);
  const inspector = page.getByTestId("pair-inspector");
  const table = inspector.getByTestId("pair-table");
  const firstId = table.locator("tbody tr").first().locator("td").first();
  await expect(firstId).toHaveText("p00", { timeout: 60_000 });
  await expect(inspector.getByTestId("pair-count")).toHaveText("1–20 of 30 pairs at step 20");

  await inspector.getByLabel("Order").selectOption("desc");
  await expect(firstId).toHaveText("p29");
  await inspector.getByLabel("Quadrant").selectOption("both_down");
  await expect(inspector.getByTestId("pair-count")).toHaveText("1–12 of 12 pairs at step 20");
  await expect(firstId).toHaveText("p11");
  await inspector.getByLabel("Search pairs").fill("COFFEE");
  await inspector.getByRole("button", { name: "Search" }).click();
  await expect(inspector.getByTestId("pair-count")).toHaveText("1–6 of 6 pairs at step 20");
  await inspector.getByLabel("Step").selectOption("0");
  // At step 0 nothing has moved: Δ = 0 counts as up, so no pair is "both down".
  await expect(inspector.getByTestId("pair-count")).toHaveText("no pairs match");
  await inspector.getByLabel("Quadrant").selectOption("");
  await inspector.getByLabel("Step").selectOption("20");
  await expect(firstId).toHaveText("p29");

  await table.getByRole("button", { name: "p29" }).click();
  const detail = inspector.getByTestId("pair-detail");
  await expect(detail.getByTestId("pair-prompt")).toHaveText("How do I brew coffee? (29)");
  await expect(detail.getByTestId("pair-chosen")).toHaveText("Carefully, step 29.");
  await expect(detail.getByTestId("pair-rejected")).toHaveText("Badly 29.");
  await detail.getByTestId("pair-trajectory").scrollIntoViewIfNeeded();
  await expect(detail.getByTestId("pair-trajectory").locator(".scatterlayer .trace")).toHaveCount(4, { timeout: 60_000 });
});

test("compare shows one pair across runs, with its texts, and names the runs that never logged it", async ({ page, request }) => {
  const project = `paircmp${Date.now()}`;
  const created = await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" }, headers: { "sec-fetch-site": "same-origin" } });
  const headers = { authorization: `Bearer ${(await created.json()).key}` };
  const ids: string[] = [];
  for (const [name, pairIds] of [
    ["dpo", ["shared", "dpo-only"]],
    ["dpo-sft", ["shared"]],
    ["other", ["other-only"]],
  ] as const) {
    const run = await request.post("/api/v1/runs", { headers, data: { project, name, algorithm: name === "dpo-sft" ? "dpo_sft" : "dpo" } });
    const id = (await run.json()).id as string;
    const rows = [0, 5, 10].flatMap((step) =>
      pairIds.map((pair_id) => ({ step, pair_id, logp_chosen: -10 - step / 5, logp_rejected: -12 - step, ref_logp_chosen: -10, ref_logp_rejected: -12 })),
    );
    expect((await request.post(`/api/v1/runs/${id}/sequences`, { headers, data: { rows } })).status()).toBe(200);
    ids.push(id);
  }
  const texts = { pairs: [{ pair_id: "shared", prompt: "Which way to the sea?", chosen: "West, past the mill.", rejected: "Nowhere." }] };
  expect((await request.post(`/api/v1/runs/${ids[0]}/pairs`, { headers, data: texts })).status()).toBe(200);

  await page.goto(`/p/${project}/compare?runs=${ids.join(",")}`);
  const panel = page.getByTestId("pair-across-runs");
  const input = panel.getByLabel("Pair id");
  // The live stream is up once React has hydrated the page: a form submitted before that would reload it instead.
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live", { timeout: 60_000 });
  await input.fill("shared");
  await panel.getByRole("button", { name: "Show pair" }).click();
  await expect(panel.getByText("Which way to the sea?")).toBeVisible();
  await expect(panel.getByText("not logged by: other")).toBeVisible();
  await expect(panel.getByTestId("pair-across-runs-chart").locator(".scatterlayer .trace")).toHaveCount(4, { timeout: 60_000 });
});
