"use client";

import { useState } from "react";
import { fetchJson } from "@/lib/core/fetch-json";
import { safeNextPath } from "@/lib/accounts/safe-next";

/** Username and password, posted as JSON; on success the browser goes to `next` with its new session cookie. */
export function CredentialsForm({ action, submitLabel, next, newPassword = false }: { action: string; submitLabel: string; next: string; newPassword?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setPending(true);
        setError(null);
        try {
          await fetchJson(action, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
          });
          // A full load: every server component renders again, now for the signed-in user. `next` is checked again
          // here: whatever put it in the page, the browser only ever goes to a path on this site.
          window.location.assign(safeNextPath(next));
        } catch (err) {
          setError((err as Error).message);
          setPending(false);
        }
      }}
    >
      <label className="block text-sm">
        Username
        <input name="username" required autoComplete="username" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5" />
      </label>
      <label className="block text-sm">
        Password
        <input
          name="password"
          type="password"
          required
          minLength={newPassword ? 10 : 1}
          autoComplete={newPassword ? "new-password" : "current-password"}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
        />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded bg-blue-600 px-3 py-1.5 text-white hover:bg-blue-700 disabled:opacity-50">
        {submitLabel}
      </button>
    </form>
  );
}
