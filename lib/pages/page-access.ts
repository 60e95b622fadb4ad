import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { ProjectRole } from "../accounts/roles";
import { AppError } from "../core/errors";
import { projectRoleOf, resolvePrincipal, type Principal } from "../accounts/server/access";
import { findProjectByName, listProjects, type Project } from "../projects/server/projects";
import type { ArchivedFilter } from "../runs/contract";

/**
 * Every page asks here itself (not in a layout: a client-side navigation re-renders only the page segment, so a
 * layout's check would not run for it).
 */
export async function pagePrincipal(): Promise<Principal> {
  const request = { method: "GET", headers: await headers() };
  return resolvePrincipal(request).catch((error: unknown): Principal => {
    // Local mode refuses other host names (DNS rebinding): such a page gets nothing, as if it did not exist.
    if (error instanceof AppError && error.code === "forbidden") notFound();
    // A revoked or unknown key in a page request is nobody: the sign-in page.
    if (error instanceof AppError && error.code === "unauthorized") return { kind: "anonymous" };
    throw error;
  });
}

/** Anyone signed in (or local mode); the others go to the sign-in page and come back to `path`. */
export async function requireSignedIn(path: string): Promise<Principal> {
  const principal = await pagePrincipal();
  if (principal.kind === "anonymous") redirect(`/login?next=${encodeURIComponent(path)}`);
  return principal;
}

/** A project's page: its row and the viewer's role; 404 for whoever may not see it (as if it did not exist). */
export async function requireProjectPage(name: string, path: string): Promise<{ project: Project; role: ProjectRole; principal: Principal }> {
  const principal = await requireSignedIn(path);
  const project = await findProjectByName({ name });
  if (!project) notFound();
  const role = await projectRoleOf(principal, project.id);
  if (!role) notFound();
  return { project, role, principal };
}

/** The projects a principal may open (archived ones only when asked). */
export function listVisibleProjects(principal: Principal, archived: ArchivedFilter = "exclude") {
  if (principal.kind === "user" && !principal.user.is_admin) return listProjects({ memberId: principal.user.id, archived });
  if (principal.kind === "key") return listProjects({ projectId: principal.key.projectId, archived });
  return principal.kind === "anonymous" ? Promise.resolve([]) : listProjects({ archived });
}
