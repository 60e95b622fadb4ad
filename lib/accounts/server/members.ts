import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { ProjectRole } from "../roles";
import type { Member } from "../contract";
import { getDb, queryRows } from "@/lib/core/db";
import { projectMembers } from "@/lib/core/db/schema";
import { AppError } from "@/lib/core/errors";
import { getProjectByName } from "@/lib/projects/server/projects";
import { findUserByName } from "./users";

// The member as the accounts contract describes it.
export type ProjectMember = Member;

export async function getMemberRole({ projectId, userId }: { projectId: number; userId: number }): Promise<ProjectRole | null> {
  const db = await getDb();
  const [row] = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  return (row?.role as ProjectRole | undefined) ?? null;
}

export async function listMembers({ project }: { project: string }): Promise<ProjectMember[]> {
  const db = await getDb();
  const { id } = await getProjectByName({ name: project });
  return queryRows<ProjectMember>(
    db,
    sql`select u.id as user_id, u.username, m.role, u.is_admin from project_members m join users u on u.id = m.user_id
        where m.project_id = ${id} order by u.username`,
  );
}

/** Adds a member or changes their role. */
export async function setMember({ project, username, role }: { project: string; username: string; role: ProjectRole }): Promise<ProjectMember> {
  const db = await getDb();
  const { id: projectId } = await getProjectByName({ name: project });
  const user = await findUserByName({ username });
  if (!user) throw new AppError("not_found", `No user "${username}"`, ["username"]);
  await db
    .insert(projectMembers)
    .values({ projectId, userId: user.id, role })
    .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { role } });
  return { user_id: user.id, username: user.username, role, is_admin: user.is_admin };
}

export async function removeMember({ project, userId }: { project: string; userId: number }): Promise<void> {
  const db = await getDb();
  const { id: projectId } = await getProjectByName({ name: project });
  const removed = await db
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .returning({ userId: projectMembers.userId });
  if (removed.length === 0) throw new AppError("not_found", `User ${userId} is not a member of "${project}"`);
}
