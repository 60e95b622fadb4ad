import { resolvePrincipal } from "@/lib/accounts/server/access";
import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { accountsEnabled } from "@/lib/accounts/server/users";

// GET /api/v1/auth/me — who this request is: {mode: "local" | "accounts", user | null, key | null}
export const GET = handle(async (request) => {
  const principal = await resolvePrincipal(request);
  return json({
    mode: (await accountsEnabled()) ? "accounts" : "local",
    user: principal.kind === "user" ? principal.user : null,
    key: principal.kind === "key" ? { id: principal.key.keyId, scope: principal.key.scope } : null,
  });
});
