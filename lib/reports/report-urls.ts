// Report URLs as pages build them; no schema here, so client pages that save or list reports do not load zod.

/** Where a report opens in the dashboard. */
export function reportHref(project: string, report: { view: string; url: string }): string {
  return report.view === "lab" ? report.url : `/p/${encodeURIComponent(project)}${report.url}`;
}

/** The report URL of the page the browser shows: path and query relative to the project (the lab keeps its path). */
export function reportUrlFromLocation(project: string, pathname: string, search: string): string {
  const base = `/p/${encodeURIComponent(project)}`;
  const path = pathname === base || pathname === `${base}/` ? "" : pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : pathname;
  return `${path}${search === "?" ? "" : search}`;
}
