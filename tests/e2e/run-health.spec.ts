import { expect, test } from "./support";
import { startApp, type AppServer } from "../support/app-server";
import { createTestDatabase } from "../support/test-database";

// An app of this file's own, where a run is stale after 2 s of silence (the suite's app keeps the 5 min default,
// so the other specs' running runs stay `running`).
const PROJECT = "health-e2e";
let app: AppServer;
let database: Awaited<ReturnType<typeof createTestDatabase>>;

test.beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp({ env: { PREFSCOPE_RUN_STALE_AFTER_S: "2", PREFSCOPE_RUN_HEALTH_SWEEP_S: "0.5", ...(database ? { DATABASE_URL: database.url } : {}) } });
});

test.afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

test("a silent running run shows as stale in the runs table and on its page, and as running again after a heartbeat", async ({ page, request }) => {
  const key = (await (await request.post(`${app.url}/api/v1/projects/${PROJECT}/keys`, { data: {} })).json()).key as string;
  const headers = { authorization: `Bearer ${key}` };
  const id = (await (await request.post(`${app.url}/api/v1/runs`, { headers, data: { project: PROJECT, name: "gone-quiet" } })).json()).id as string;
  await request.post(`${app.url}/api/v1/runs/${id}/metrics`, { headers, data: { rows: [{ step: 0, values: { loss: 1 } }] } });
  await expect.poll(async () => (await (await request.get(`${app.url}/api/v1/runs/${id}`)).json()).health, { timeout: 30_000 }).toBe("stale");

  await page.goto(`${app.url}/p/${PROJECT}`);
  const row = page
    .getByTestId("runs-table")
    .locator("tr")
    .filter({ has: page.getByRole("link", { name: "gone-quiet" }) });
  const badge = row.locator('[data-health="stale"]');
  await expect(badge).toHaveText("stale");
  await expect(badge).toHaveAttribute("title", /^no data or heartbeat for \d+ s$/);

  await page.goto(`${app.url}/p/${PROJECT}/runs/${id}`);
  await expect(page.locator('[data-health="stale"]')).toHaveText("stale");

  // Heartbeats (every 200 ms, as a client would send them, only faster): the run is live again, the table says `running`.
  expect((await request.post(`${app.url}/api/v1/runs/${id}/heartbeat`, { headers })).status()).toBe(200);
  const beating = setInterval(() => void request.post(`${app.url}/api/v1/runs/${id}/heartbeat`, { headers }).catch(() => undefined), 200);
  try {
    await page.goto(`${app.url}/p/${PROJECT}`);
    await expect(row).toContainText("running");
    await expect(row.locator("[data-health]")).toHaveCount(0);
  } finally {
    clearInterval(beating);
  }
});

test("an open run page turns stale by itself when its client stops logging, and live again when it resumes", async ({ page, request }) => {
  const key = (await (await request.post(`${app.url}/api/v1/projects/${PROJECT}/keys`, { data: {} })).json()).key as string;
  const headers = { authorization: `Bearer ${key}` };
  const id = (await (await request.post(`${app.url}/api/v1/runs`, { headers, data: { project: PROJECT, name: "stops-live" } })).json()).id as string;
  const log = (step: number) => request.post(`${app.url}/api/v1/runs/${id}/metrics`, { headers, data: { rows: [{ step, values: { loss: 1 / (step + 1) } }] } });
  await log(0);
  await page.goto(`${app.url}/p/${PROJECT}/runs/${id}`);
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  // The client logs while the page is open, then stops: the page says so once the silence passes 2 s.
  for (let step = 1; step <= 3; step++) expect((await log(step)).status()).toBe(200);
  await expect(page.locator('figure[data-metric="loss"]').getByTestId("point-count")).toHaveText(/^4 points/);
  await expect(page.locator('header [data-health="stale"]')).toHaveText("stale", { timeout: 30_000 });
  await log(4);
  await expect(page.locator('header [data-health="stale"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
