"use client";

import { fetchJson } from "@/lib/core/fetch-json";

export function SignOutButton() {
  return (
    <button
      type="button"
      className="text-slate-600 hover:text-slate-900"
      onClick={async () => {
        await fetchJson("/api/v1/auth/logout", { method: "POST" }).catch(() => undefined);
        // A full load, so no page keeps the signed-out user's data in memory.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/login");
      }}
    >
      Sign out
    </button>
  );
}
