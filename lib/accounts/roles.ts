/** Project roles, weakest first; each includes what the ones before it may do. */
export const PROJECT_ROLES = ["viewer", "editor", "admin"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export function roleAtLeast(role: ProjectRole | null | undefined, required: ProjectRole): boolean {
  return role != null && PROJECT_ROLES.indexOf(role) >= PROJECT_ROLES.indexOf(required);
}
