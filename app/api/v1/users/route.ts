import { requireSiteAdmin } from "@/lib/accounts/server/access";
import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { createUser, listUsers } from "@/lib/accounts/server/users";
import { createUserSchema } from "@/lib/accounts/contract";

// GET /api/v1/users — everyone who can sign in (site admins only)
export const GET = handle(async (request) => {
  await requireSiteAdmin(request);
  return json({ users: await listUsers() });
});

// POST /api/v1/users — {username, password, is_admin?}: a new user (site admins; in local mode the first one is an admin)
export const POST = handle(async (request) => {
  const principal = await requireSiteAdmin(request);
  const input = parseOrThrow(createUserSchema, await readJson(request));
  const isAdmin = input.is_admin || principal.kind === "local";
  return json({ user: await createUser({ username: input.username, password: input.password, isAdmin }) }, { status: 201 });
});
