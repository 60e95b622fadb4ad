import { defineConfig } from "@playwright/test";
import { chromiumExecutable } from "./tests/support/browser";

// Side-by-side runs (each with its own NEXT_DIST_DIR) keep their reports apart too.
const tag = process.env.NEXT_DIST_DIR ? `${process.env.NEXT_DIST_DIR.replace(/\W/g, "")}-` : "";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: `tests/.artifacts/${tag}playwright.json` }]],
  globalSetup: "./tests/e2e/global-setup.ts",
  outputDir: `tests/.artifacts/${tag}playwright`,
  use: {
    baseURL: process.env.PREFSCOPE_E2E_URL,
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: chromiumExecutable(),
      // Background networking reaches for hosts this machine cannot see; keep the browser quiet and local.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    screenshot: "only-on-failure",
  },
});
