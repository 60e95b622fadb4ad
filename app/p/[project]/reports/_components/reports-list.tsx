"use client";

import Link from "next/link";
import { useState } from "react";
import { useDeleteReport, useReports, type Report } from "@/lib/reports/hooks";
import { reportHref } from "@/lib/reports/report-urls";
import { ShareLinksPanel } from "./share-links-panel";

const day = (iso: string) => iso.slice(0, 16).replace("T", " ");

function DeleteReport({ project, report }: { project: string; report: Report }) {
  const remove = useDeleteReport(project);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="text-red-700 hover:underline">
        Delete
      </button>
    );
  }
  // Deleting also kills every share link of the report: say so before doing it.
  return (
    <span className="flex items-center gap-2">
      <span className="text-slate-600">Delete it and its links?</span>
      <button type="button" disabled={remove.isPending} onClick={() => remove.mutate(report.id)} className="rounded bg-red-600 px-2 py-0.5 text-white hover:bg-red-700">
        Delete report
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="text-slate-600 hover:text-slate-900">
        Cancel
      </button>
      {remove.error && <span className="text-red-700">{remove.error.message}</span>}
    </span>
  );
}

/** The project's saved views, each with its share links. */
export function ReportsList({ project, initialReports }: { project: string; initialReports: Report[] }) {
  const reports = useReports(project, initialReports);
  if (reports.error) return <p className="text-red-700">Could not load reports: {reports.error.message}</p>;
  const list = reports.data ?? [];
  if (list.length === 0) {
    return <p className="text-slate-600">No reports yet. Use “Save as report” on the runs table or on a run to keep a view, with a note, and share it.</p>;
  }
  return (
    <ul className="space-y-4" data-testid="reports-list">
      {list.map((report) => (
        <li key={report.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-report={report.id}>
          <div className="flex flex-wrap items-baseline gap-3">
            <h2 className="text-lg font-semibold">{report.title}</h2>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{report.view}</span>
            <span className="text-xs text-slate-500">saved {day(report.created_at)}</span>
            {report.run_deleted && (
              <span className="rounded bg-red-50 px-2 py-0.5 text-xs text-red-800" data-testid="report-run-deleted">
                run deleted
              </span>
            )}
            <span className="ml-auto flex items-center gap-4 text-sm">
              <Link href={reportHref(project, report)} className="text-blue-700 hover:underline">
                Open
              </Link>
              <DeleteReport project={project} report={report} />
            </span>
          </div>
          {report.note && <p className="mt-1 whitespace-pre-wrap text-sm text-slate-700">{report.note}</p>}
          <p className="mt-1 break-all font-mono text-xs text-slate-500">{report.url || "(runs table)"}</p>
          <ShareLinksPanel project={project} report={report} />
        </li>
      ))}
    </ul>
  );
}
