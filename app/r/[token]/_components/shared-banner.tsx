import type { SharedReport } from "@/lib/reports/server/share-links";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** Says what the reader is looking at: a shared, read-only report, live or frozen, with its author's note. */
export function SharedBanner({ report, link }: Pick<SharedReport, "report" | "link">) {
  const mode = link.mode === "frozen" ? `frozen at ${when(link.created_at)}` : "live";
  return (
    <header className="space-y-2">
      <p className="rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-2 text-sm text-indigo-900" data-testid="shared-banner">
        <strong>Shared report</strong> · {report.title} · {mode}
        {link.expires_at && <span className="text-indigo-700"> · link expires {when(link.expires_at)}</span>}
        <span className="float-right text-indigo-700">
          read-only · Pref<span className="font-semibold">Scope</span>
        </span>
      </p>
      <h1 className="text-2xl font-semibold">{report.title}</h1>
      {report.note && (
        <p className="whitespace-pre-wrap text-slate-700" data-testid="shared-note">
          {report.note}
        </p>
      )}
    </header>
  );
}
