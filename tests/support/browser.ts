import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** Debian's Chromium (or another system Chrome); undefined lets Playwright use its own browser if installed. */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PREFSCOPE_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}
