// `pretest`: the e2e suite needs Chromium. Use a system Chrome (Debian's chromium) or Playwright's own build when
// one is installed; as root on a machine with neither, install Debian's `chromium` package, since
// `npx playwright install` cannot download here.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const SYSTEM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

function playwrightsOwn() {
  try {
    const path = createRequire(import.meta.url)("playwright-core").chromium.executablePath();
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const fromEnv = process.env.PREFSCOPE_CHROMIUM;
const found = (fromEnv && existsSync(fromEnv) ? fromEnv : null) ?? SYSTEM.find((p) => existsSync(p)) ?? playwrightsOwn();

if (found) {
  console.log(`Browser for the e2e tests: ${found}`);
} else if (process.getuid?.() === 0) {
  console.log("No Chromium found: installing Debian's chromium package…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
} else {
  console.error("No Chromium found. Install it (Debian: sudo apt-get install chromium) or set PREFSCOPE_CHROMIUM to a Chrome binary.");
  process.exit(1);
}
