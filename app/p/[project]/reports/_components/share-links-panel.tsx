"use client";

import { useState } from "react";
import { useCreateShareLink, useRevokeShareLink, type Report } from "@/lib/reports/hooks";
import type { ShareMode } from "@/lib/reports/contract";
import { NewShareLink } from "./new-share-link";

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "never");

/** A report's share links: create (live or frozen, optionally expiring), list and revoke. */
export function ShareLinksPanel({ project, report }: { project: string; report: Report }) {
  const create = useCreateShareLink(project);
  const revoke = useRevokeShareLink(project);
  const [mode, setMode] = useState<ShareMode>("live");
  const [days, setDays] = useState("");

  return (
    <section className="mt-3 border-t border-slate-100 pt-3 text-sm" aria-label={`Share links of ${report.title}`}>
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ reportId: report.id, mode, expires_in_days: days ? Number(days) : null });
        }}
      >
        <span className="font-medium">Share links</span>
        <select value={mode} onChange={(e) => setMode(e.target.value as ShareMode)} aria-label="Link mode" className="rounded border border-slate-300 px-2 py-1">
          <option value="live">live — data as of each visit</option>
          <option value="frozen">frozen — data as of now</option>
        </select>
        <input
          type="number"
          min={1}
          max={3650}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          placeholder="never expires"
          aria-label="Expires in days"
          className="w-36 rounded border border-slate-300 px-2 py-1"
        />
        <span className="text-slate-500">days</span>
        <button type="submit" disabled={create.isPending} className="rounded bg-blue-600 px-3 py-1 text-white hover:bg-blue-700 disabled:opacity-50">
          {create.isPending && mode === "frozen" ? "Freezing…" : "Create share link"}
        </button>
      </form>
      {create.error && <p className="mt-2 text-red-700">{create.error.message}</p>}
      {create.data && <NewShareLink url={create.data.url} onDismiss={create.reset} />}
      {report.share_links.length > 0 && (
        <table className="mt-2 w-full">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">Link</th>
              <th>Mode</th>
              <th>Created</th>
              <th>Expires</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {report.share_links.map((link) => (
              <tr key={link.id} data-link={link.prefix} className={link.state === "active" ? "" : "text-slate-500"}>
                <td className="py-1 font-mono">/r/{link.prefix}…</td>
                <td>{link.mode}</td>
                <td>{day(link.created_at)}</td>
                <td>{day(link.expires_at)}</td>
                <td>{link.state === "revoked" ? `revoked ${day(link.revoked_at)}` : link.state}</td>
                <td className="text-right">
                  {link.state === "active" && (
                    <button type="button" onClick={() => revoke.mutate({ reportId: report.id, linkId: link.id })} className="text-red-700 hover:underline">
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoke.error && <p className="mt-2 text-red-700">{revoke.error.message}</p>}
    </section>
  );
}
