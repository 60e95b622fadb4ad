import { roleAtLeast, type ProjectRole } from "../roles";
import { CSRF_HEADER, csrfTokenFor, readCookie, SESSION_COOKIE } from "./tokens";
import { AppError } from "@/lib/core/errors";
import type { ApiKeyPrincipal } from "./api-keys";
import { getMemberRole } from "./members";
import { findSessionUser } from "./sessions";
import { accountsEnabled, type User } from "./users";
import { optionalReadKey } from "./key-auth";
import { isLoopbackHost } from "@/lib/core/http/loopback";
import { isLocalCli } from "./local-cli";
import { sameSecret } from "@/lib/core/http/same-secret";
import { fromThisSite } from "@/lib/core/http/same-site";

/** What a request needs of a project: to read it, to add to it (reports, links, imports), or to run it. */
export type Need = "read" | "edit" | "admin";
const ROLE_FOR: Record<Need, ProjectRole> = { read: "viewer", edit: "editor", admin: "admin" };

/**
 * Who is asking. `local`: no user exists yet, so PrefScope runs for whoever is on this machine — `trusted` unless a
 * browser says another site's page sent a change.
 */
export type Principal = { kind: "local"; trusted: boolean } | { kind: "user"; user: User; csrfOk: boolean } | { kind: "key"; key: ApiKeyPrincipal } | { kind: "anonymous" };

export type RequestLike = Pick<Request, "method" | "headers">;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const resolved = new WeakMap<RequestLike, Promise<Principal>>();

/** Resolves a request's principal once (a route may ask several times; a key is counted and rate-limited once). */
export function resolvePrincipal(request: RequestLike): Promise<Principal> {
  let principal = resolved.get(request);
  if (!principal) resolved.set(request, (principal = resolve(request)));
  return principal;
}

async function resolve(request: RequestLike): Promise<Principal> {
  const key = await optionalReadKey(request as Request);
  if (key) return { kind: "key", key };
  if (isLocalCli(request as Request)) return { kind: "local", trusted: true };
  const safe = SAFE_METHODS.has(request.method);
  if (!(await accountsEnabled())) {
    // A DNS-rebinding page reaches a loopback server under its own host name: local mode answers loopback names only.
    if (!isLoopbackHost(request.headers.get("host"))) {
      throw new AppError("forbidden", "PrefScope is in local mode (no users yet) and answers on loopback addresses only; create an admin to let others in");
    }
    // Whoever is on this machine may do anything; a browser says when another site's page is asking (Sec-Fetch-Site,
    // or Origin where a browser sends no Sec-Fetch-Site).
    return { kind: "local", trusted: safe || fromThisSite(request) };
  }
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  const user = token ? await findSessionUser({ token }) : null;
  if (!user) return { kind: "anonymous" };
  return { kind: "user", user, csrfOk: safe || sameSecret(request.headers.get(CSRF_HEADER) ?? "", csrfTokenFor(token!)) };
}

/** The principal's role in a project, as the dashboard shows it: null when it has none. */
export async function projectRoleOf(principal: Principal, projectId: number): Promise<ProjectRole | null> {
  switch (principal.kind) {
    case "local":
      return "admin";
    case "user":
      return principal.user.is_admin ? "admin" : getMemberRole({ projectId, userId: principal.user.id });
    case "key":
      return principal.key.projectId === projectId ? (principal.key.scope === "write" ? "editor" : "viewer") : null;
    default:
      return null;
  }
}

/** Throws the refusal a principal gets for a project: 401 who are you, 403 not allowed, 404 not yours to see. */
export async function assertProjectAccess(principal: Principal, project: { id: number; name: string }, need: Need): Promise<void> {
  switch (principal.kind) {
    case "anonymous":
      throw new AppError("unauthorized", "Sign in, or send 'Authorization: Bearer <api key>'");
    case "local":
      if (need !== "read" && !principal.trusted) throw new AppError("forbidden", "Another site's page cannot change PrefScope");
      return;
    case "key":
      if (principal.key.projectId !== project.id) throw new AppError("forbidden", "This API key belongs to another project");
      if (need === "edit" && principal.key.scope !== "write") throw new AppError("forbidden", "This API key is read-only");
      if (need === "admin") throw new AppError("forbidden", "Keys, members and settings are managed by a project admin, not an API key");
      return;
    case "user": {
      const role = await projectRoleOf(principal, project.id);
      if (!role) throw new AppError("not_found", `Project "${project.name}" does not exist`, ["project"]);
      if (!roleAtLeast(role, ROLE_FOR[need])) throw new AppError("forbidden", `This needs the ${ROLE_FOR[need]} role in this project; you are ${role}`);
      if (need !== "read" && !principal.csrfOk) throw new AppError("forbidden", `Missing or wrong ${CSRF_HEADER} header`);
    }
  }
}

export async function requireProjectAccess(request: RequestLike, project: { id: number; name: string }, need: Need): Promise<Principal> {
  const principal = await resolvePrincipal(request);
  await assertProjectAccess(principal, project, need);
  return principal;
}

/** Site-wide actions (users, new projects): local mode's dashboard or CLI, or a site admin. */
export async function requireSiteAdmin(request: RequestLike): Promise<Principal> {
  const principal = await resolvePrincipal(request);
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in as an admin");
  if (principal.kind === "local" && principal.trusted) return principal;
  if (principal.kind === "user" && principal.user.is_admin) {
    if (!principal.csrfOk && !SAFE_METHODS.has(request.method)) throw new AppError("forbidden", `Missing or wrong ${CSRF_HEADER} header`);
    return principal;
  }
  throw new AppError("forbidden", "Only an admin can do this");
}
