import { json } from "@/lib/core/http/json";
import { AppError } from "@/lib/core/errors";
import { handle } from "@/lib/core/http/handler";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { isLocalCli } from "@/lib/accounts/server/local-cli";
import { createApiKey } from "@/lib/accounts/server/api-keys";
import { createKeySchema } from "@/lib/accounts/contract";

// POST /api/internal/keys — the CLI's way in while this server holds the embedded database. It presents the
// token this server wrote into the database's lock file (mode 0600), which only a local user can read.
export const POST = handle(async (request) => {
  if (!isLocalCli(request)) throw new AppError("forbidden", "Local token required");
  const input = parseOrThrow(createKeySchema, await readJson(request));
  return json(await createApiKey(input), { status: 201 });
});
