import { json } from "@/lib/http/json";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handler";
import { parseOrThrow } from "@/lib/http/parse";
import { readJson } from "@/lib/http/read-body";
import { isLocalCli } from "@/lib/http/project-write";
import { createApiKey } from "@/lib/services/api-keys";
import { createKeySchema } from "@/lib/validation/keys";

// POST /api/internal/keys — the CLI's way in while this server holds the embedded database. It presents the
// token this server wrote into the database's lock file (mode 0600), which only a local user can read.
export const POST = handle(async (request) => {
  if (!isLocalCli(request)) throw new AppError("forbidden", "Local token required");
  const input = parseOrThrow(createKeySchema, await readJson(request));
  return json(await createApiKey(input), { status: 201 });
});
