"use client";

import { useState } from "react";
import { useMembers, useRemoveMember, useSetMember } from "@/lib/accounts/hooks";
import { PROJECT_ROLES, type ProjectRole } from "@/lib/accounts/roles";

const ROLE_HELP: Record<ProjectRole, string> = {
  viewer: "sees runs, views and reports",
  editor: "also saves reports, shares links, imports runs, saves lab runs",
  admin: "also manages API keys, settings and members",
};

/** Who is in the project. Local mode has no users, so the panel says how to turn accounts on instead. */
export function MembersPanel({ project, canManage }: { project: string; canManage: boolean }) {
  const members = useMembers(project);
  const setMember = useSetMember(project);
  const remove = useRemoveMember(project);
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<ProjectRole>("viewer");
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="members-heading">
      <h2 id="members-heading" className="mb-1 font-semibold">
        Members
      </h2>
      <p className="mb-3 text-xs text-slate-500">{PROJECT_ROLES.map((r) => `${r}: ${ROLE_HELP[r]}`).join(" · ")}. Site admins are admins of every project.</p>
      {canManage && (
        <form
          className="mb-3 flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setMember.mutate({ username, role }, { onSuccess: () => setUsername("") });
          }}
        >
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            placeholder="username"
            aria-label="Member username"
            className="rounded border border-slate-300 px-2 py-1 text-sm"
          />
          <select value={role} onChange={(e) => setRole(e.target.value as ProjectRole)} aria-label="Member role" className="rounded border border-slate-300 px-2 py-1 text-sm">
            {PROJECT_ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <button type="submit" disabled={setMember.isPending || !username} className="rounded bg-blue-600 px-3 py-1 text-sm text-white hover:bg-blue-700 disabled:opacity-50">
            Add or change
          </button>
        </form>
      )}
      {(setMember.error ?? remove.error) && <p className="mb-2 text-sm text-red-700">{(setMember.error ?? remove.error)!.message}</p>}
      {members.data?.length === 0 && <p className="text-sm text-slate-600">No members yet: in local mode everyone on this machine is an admin.</p>}
      <ul className="divide-y divide-slate-100 text-sm">
        {members.data?.map((m) => (
          <li key={m.user_id} className="flex items-center gap-3 py-1.5">
            <span className="font-medium">{m.username}</span>
            <span className="text-slate-600">{m.role}</span>
            {canManage && (
              <button type="button" onClick={() => remove.mutate(m.user_id)} className="ml-auto text-xs text-red-700 hover:underline">
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
