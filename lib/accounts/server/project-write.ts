import { AppError } from "@/lib/core/errors";
import { findProjectByName, getOrCreateProject, getProjectByName, type Project } from "@/lib/projects/server/projects";
import { requireProjectAccess, resolvePrincipal, type Need, type RequestLike } from "./access";

/** The named project when the request may do `need` there (401/403/404 otherwise). */
export async function requireProject(request: RequestLike, name: string, need: Need): Promise<Project> {
  const principal = await resolvePrincipal(request);
  const project = await findProjectByName({ name });
  // Say "does not exist" only to whoever could see it if it did: the others get the refusal they would get anyway.
  if (!project) {
    if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in, or send 'Authorization: Bearer <api key>'");
    if (principal.kind === "key") throw new AppError("forbidden", "This API key belongs to another project", ["project"]);
    return getProjectByName({ name });
  }
  await requireProjectAccess(request, project, need);
  return project;
}

/**
 * Adds to a project (reports, share links, imports, lab runs): an editor or a write key — or, in local mode, the
 * dashboard itself (a browser marks its own same-origin requests, which another site's page cannot forge) or the
 * CLI. A project that does not exist yet is created for whoever may create projects (local mode, a site admin).
 */
export async function requireProjectWrite(request: RequestLike, name: string): Promise<number> {
  if (await mayCreateProject(request, name)) return (await getOrCreateProject({ name })).id;
  return (await requireProject(request, name, "edit")).id;
}

/** Key management: a project admin's — or whoever may create the project, when it does not exist yet. */
export async function requireProjectAdminOrCreator(request: RequestLike, name: string): Promise<void> {
  if (!(await mayCreateProject(request, name))) await requireProject(request, name, "admin");
}

async function mayCreateProject(request: RequestLike, name: string): Promise<boolean> {
  const principal = await resolvePrincipal(request);
  const creator = (principal.kind === "local" && principal.trusted) || (principal.kind === "user" && principal.user.is_admin && principal.csrfOk);
  return creator && !(await findProjectByName({ name }));
}
