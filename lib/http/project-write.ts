import { AppError } from "../errors";
import { localToken } from "../server/boot";
import { findProjectByName, getOrCreateProject } from "../services/projects";
import { requireWriteKey } from "./auth";
import { sameSecret } from "./same-secret";

/** The local CLI, presenting the token this server wrote into the embedded database's lock file. */
export function isLocalCli(request: Request): boolean {
  const token = localToken();
  return Boolean(token) && sameSecret(request.headers.get("x-prefscope-local-token") ?? "", token!);
}

/**
 * Writes to a project from a key, from the local CLI, or — until accounts exist — from the dashboard itself: a
 * browser marks its own same-origin requests (`Sec-Fetch-Site`), which another site's page cannot forge.
 */
export async function requireProjectWrite(request: Request, project: string): Promise<number> {
  const trusted = isLocalCli(request) || (!request.headers.get("authorization") && request.headers.get("sec-fetch-site") === "same-origin");
  if (!trusted) {
    const principal = await requireWriteKey(request);
    const found = await findProjectByName({ name: project });
    if (!found || found.id !== principal.projectId) throw new AppError("forbidden", "This API key belongs to another project", ["project"]);
    return principal.projectId;
  }
  return (await getOrCreateProject({ name: project })).id;
}
