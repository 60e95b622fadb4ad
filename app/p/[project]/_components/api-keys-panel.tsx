"use client";

import { useState } from "react";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "@/lib/accounts/hooks";

export function ApiKeysPanel({ project }: { project: string }) {
  const keys = useApiKeys(project);
  const create = useCreateApiKey(project);
  const revoke = useRevokeApiKey(project);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"write" | "read">("write");

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="keys-heading">
      <h2 id="keys-heading" className="mb-3 font-semibold">
        API keys
      </h2>
      <form
        className="mb-3 flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, scope });
        }}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Key name (e.g. gpu-node-3)"
          className="rounded border border-slate-300 px-2 py-1 text-sm"
          aria-label="Key name"
        />
        <select value={scope} onChange={(e) => setScope(e.target.value as "write" | "read")} className="rounded border border-slate-300 px-2 py-1 text-sm" aria-label="Key scope">
          <option value="write">write</option>
          <option value="read">read-only</option>
        </select>
        <button type="submit" disabled={create.isPending} className="rounded bg-blue-600 px-3 py-1 text-sm text-white hover:bg-blue-700 disabled:opacity-50">
          Create key
        </button>
      </form>
      {create.data && (
        <div className="mb-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          Copy this key now; it is not shown again:
          <code data-testid="new-api-key" className="mt-1 block select-all break-all font-mono">
            {create.data.key}
          </code>
        </div>
      )}
      {create.error && <p className="mb-2 text-sm text-red-700">{create.error.message}</p>}
      <table className="w-full text-sm">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1">Key</th>
            <th>Name</th>
            <th>Scope</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.data?.map((k) => (
            <tr key={k.id} className={k.revoked_at ? "text-slate-500 line-through" : ""}>
              <td className="py-1 font-mono">{k.prefix}…</td>
              <td>{k.name || "—"}</td>
              <td>{k.scope}</td>
              <td>{k.created_at.slice(0, 16).replace("T", " ")}</td>
              <td>{k.last_used_at?.slice(0, 16).replace("T", " ") ?? "never"}</td>
              <td className="text-right">
                {!k.revoked_at && (
                  <button type="button" onClick={() => revoke.mutate(k.id)} className="text-red-700 hover:underline">
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
