"use client";

import { useState } from "react";
import { fetchJson } from "@/lib/core/fetch-json";
import type { User, UserList } from "@/lib/accounts/contract";

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Site admins add people (with a first password they pass on), make admins, and disable accounts. */
export function UsersAdmin({ initialUsers, selfId }: { initialUsers: User[]; selfId: number | null }) {
  const [users, setUsers] = useState(initialUsers);
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      setUsers((await fetchJson<UserList>("/api/v1/users")).users);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          void act(() =>
            fetchJson("/api/v1/users", json("POST", { username: data.get("username"), password: data.get("password"), is_admin: data.get("is_admin") === "on" })),
          ).then(() => form.reset());
        }}
      >
        <input name="username" required placeholder="username" aria-label="New username" className="rounded border border-slate-300 px-2 py-1 text-sm" />
        <input
          name="password"
          type="password"
          required
          minLength={10}
          placeholder="first password (≥ 10 characters)"
          aria-label="New password"
          autoComplete="new-password"
          className="rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <label className="flex items-center gap-1 text-sm">
          <input name="is_admin" type="checkbox" /> admin
        </label>
        <button type="submit" className="rounded bg-blue-600 px-3 py-1 text-sm text-white hover:bg-blue-700">
          Add user
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <table className="w-full rounded-lg bg-white text-sm shadow-sm">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="p-2">User</th>
            <th className="p-2">Role</th>
            <th className="p-2">Status</th>
            <th className="p-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id}>
              <td className="p-2 font-medium">{u.username}</td>
              <td className="p-2">{u.is_admin ? "site admin" : "user"}</td>
              <td className="p-2">{u.disabled ? "disabled" : "active"}</td>
              <td className="space-x-3 p-2 text-right">
                {u.id !== selfId && (
                  <>
                    <button
                      type="button"
                      className="text-blue-700 hover:underline"
                      onClick={() => act(() => fetchJson(`/api/v1/users/${u.id}`, json("PATCH", { is_admin: !u.is_admin })))}
                    >
                      {u.is_admin ? "Remove admin" : "Make admin"}
                    </button>
                    <button
                      type="button"
                      className="text-red-700 hover:underline"
                      onClick={() => act(() => fetchJson(`/api/v1/users/${u.id}`, json("PATCH", { disabled: !u.disabled })))}
                    >
                      {u.disabled ? "Enable" : "Disable"}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
