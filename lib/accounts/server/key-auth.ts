import { AppError } from "@/lib/core/errors";
import { authenticateApiKey, type ApiKeyPrincipal } from "./api-keys";
import { limitApiKeyRate } from "@/lib/core/http/rate-limit";

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "Authorization header must be 'Bearer <api key>'");
  return match[1]!;
}

/** Writes need a project key with write rights. */
export async function requireWriteKey(request: Request): Promise<ApiKeyPrincipal> {
  const token = bearerToken(request);
  if (!token) throw new AppError("unauthorized", "Missing API key: send 'Authorization: Bearer <api key>'");
  const principal = await authenticateApiKey({ key: token });
  limitApiKeyRate(principal.keyId);
  if (principal.scope !== "write") throw new AppError("forbidden", "This API key is read-only");
  return principal;
}

/** Reads are open until accounts exist; a key, when sent, must be valid. */
export async function optionalReadKey(request: Request): Promise<ApiKeyPrincipal | null> {
  const token = bearerToken(request);
  if (!token) return null;
  const principal = await authenticateApiKey({ key: token });
  limitApiKeyRate(principal.keyId);
  return principal;
}
