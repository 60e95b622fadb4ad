import { parseArgs } from "node:util";
import { resolveSpoolDir, syncDirectory } from "@/clients/ts";

/** `prefscope sync [DIR] [--url URL] [--api-key KEY]`: upload runs spooled by either client. */
export async function runSyncCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { url: { type: "string" }, "api-key": { type: "string" } } });
  const reports = await syncDirectory(resolveSpoolDir(positionals[0]), { url: values.url, apiKey: values["api-key"] });
  for (const r of reports) {
    const status = r.error ? `stopped: ${r.error} (run sync again to resume)` : "uploaded";
    console.log(`${r.path}: ${r.sent} requests sent (batches newly stored: ${r.stored}, already there: ${r.duplicates}), ${status}`);
    for (const line of r.rejected) console.error(`  refused by the server and dropped: ${line}`);
  }
  if (reports.length === 0) console.log("Nothing spooled.");
  return reports.some((r) => r.error) ? 1 : 0;
}
