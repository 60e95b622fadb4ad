import { parseArgs } from "node:util";
import { createApiKey, listApiKeys } from "../accounts/server/api-keys";
import { withDatabase } from "./with-database";

type CreatedKey = Awaited<ReturnType<typeof createApiKey>>;

async function createThroughServer(server: { url: string; token: string }, input: { project: string; name: string; scope: "write" | "read" }) {
  let response: Response;
  try {
    response = await fetch(`${server.url}/api/internal/keys`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-prefscope-local-token": server.token },
      body: JSON.stringify(input),
    });
  } catch {
    throw new Error(`A PrefScope server holds the embedded database but did not answer at ${server.url}. ` + `Wait until it has started, or stop it, then run this again.`);
  }
  const body = (await response.json()) as CreatedKey & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `server answered ${response.status}`);
  return body;
}

export async function runKeysCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { project: { type: "string" }, name: { type: "string", default: "" }, "read-only": { type: "boolean", default: false } },
  });
  if (!values.project || (action !== "create" && action !== "list")) {
    console.error("Usage: prefscope keys create --project NAME [--name NAME] [--read-only] | keys list --project NAME");
    return 2;
  }
  const project = values.project;
  if (action === "list") {
    const keys = await withDatabase(() => listApiKeys({ project }));
    for (const k of keys) console.log(`${k.id}\t${k.prefix}…\t${k.scope}\t${k.revoked_at ? "revoked" : "active"}\t${k.name}`);
    return 0;
  }
  const input = { project, name: values.name ?? "", scope: values["read-only"] ? ("read" as const) : ("write" as const) };
  const created = await withDatabase(
    () => createApiKey(input),
    (server) => createThroughServer(server, input),
  );
  console.error(`Created a ${created.scope} key for project "${created.project}". It is shown once; store it now:`);
  console.log(created.key);
  return 0;
}
