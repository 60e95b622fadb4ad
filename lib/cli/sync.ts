import { parseArgs } from "node:util";
import { resolveSpoolDir, syncDirectory } from "@/clients/ts";

/** `prefscope sync [DIR] [--url URL] [--api-key KEY]`: upload runs spooled by either client. */
export async function runSyncCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { url: { type: "string" }, "api-key": { type: "string" } } });
  const reports = await syncDirectory(resolveSpoolDir(positionals[0]), { url: values.url, apiKey: values["api-key"] });
  for (const r of reports) {
    console.log(`${r.path}: ${r.sent} sent${r.rejected.length ? `, ${r.rejected.length} refused` : ""}${r.error ? `; stopped: ${r.error}` : ""}`);
    for (const line of r.rejected) console.log(`  refused ${line}`);
  }
  if (reports.length === 0) console.log("Nothing spooled.");
  return reports.some((r) => r.error) ? 1 : 0;
}
