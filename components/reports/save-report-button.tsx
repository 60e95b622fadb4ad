"use client";

import Link from "next/link";
import { useState } from "react";
import { useCreateReport } from "@/lib/reports/hooks";
import { reportUrlFromLocation } from "@/lib/reports/report-urls";

/**
 * Saves the page the browser shows as a report: its URL (path and query, so filters and selections come with
 * it), a title and a note. The view kind follows from the URL on the server.
 */
export function SaveReportButton({ project, defaultTitle = "", className = "" }: { project: string; defaultTitle?: string; className?: string }) {
  const create = useCreateReport(project);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(defaultTitle);
  const [note, setNote] = useState("");

  const save = () => {
    const url = reportUrlFromLocation(project, window.location.pathname, window.location.search);
    create.mutate({ title, note, url }, { onSuccess: () => setOpen(false) });
  };

  return (
    <div className={`relative ${className}`}>
      <button
        type="button"
        onClick={() => {
          create.reset();
          setOpen((o) => !o);
        }}
        aria-expanded={open}
        className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:border-slate-500"
      >
        Save as report
      </button>
      {create.isSuccess && !open && (
        <span role="status" className="ml-2 text-sm text-emerald-700">
          Saved ·{" "}
          <Link href={`/p/${encodeURIComponent(project)}/reports`} className="text-blue-700 hover:underline">
            Reports
          </Link>
        </span>
      )}
      {open && (
        <form
          aria-label="Save as report"
          className="absolute right-0 z-20 mt-2 w-80 space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label className="block">
            <span className="text-slate-600">Title</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="block">
            <span className="text-slate-600">Note</span>
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={10_000} className="mt-1 w-full rounded border border-slate-300 px-2 py-1" />
          </label>
          {create.error && <p className="text-red-700">{create.error.message}</p>}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => setOpen(false)} className="px-2 py-1 text-slate-600 hover:text-slate-900">
              Cancel
            </button>
            <button type="submit" disabled={create.isPending} className="rounded bg-blue-600 px-3 py-1 text-white hover:bg-blue-700 disabled:opacity-50">
              Save report
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
