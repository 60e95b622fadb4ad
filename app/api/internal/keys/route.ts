import { json } from "@/lib/http/json";
import { timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handler";
import { parseOrThrow } from "@/lib/http/parse";
import { readJson } from "@/lib/http/read-body";
import { localToken } from "@/lib/server/boot";
import { createApiKey } from "@/lib/services/api-keys";
import { createKeySchema } from "@/lib/validation/keys";

function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

// POST /api/internal/keys — the CLI's way in while this server holds the embedded database. It presents the
// token this server wrote into the database's lock file (mode 0600), which only a local user can read.
export const POST = handle(async (request) => {
  const token = localToken();
  const presented = request.headers.get("x-prefscope-local-token") ?? "";
  if (!token || !sameSecret(presented, token)) throw new AppError("forbidden", "Local token required");
  const input = parseOrThrow(createKeySchema, await readJson(request));
  return json(await createApiKey(input), { status: 201 });
});
