// Printing of the pages section (issue 14): each page's figures against their targets.
import type { benchPages } from "./pages";
import { heading, kb, line, mb, ms } from "./report";
import { RUN_PAGE_STEPS } from "./run-page";

/** Issue 14's figures: per page, its first chart (or rows) and first screen against their targets, and the JavaScript it loaded. */
export function printPages({ seedMs, plotlyAlone: alone, pages }: Awaited<ReturnType<typeof benchPages>>) {
  heading(
    `Pages in Chromium, 1400×900, cold browser cache (median of 3 visits after a first one, which also warms the server; the run pages' runs have ${RUN_PAGE_STEPS} steps); app started and seeded in ${(seedMs / 1000).toFixed(1)} s:`,
  );
  line(
    "Plotly alone: first chart drawn",
    ms(alone.firstMs),
    `a bare page with Plotly's script and one 8-run overlay, no app: script in at ${ms(alone.scriptMs)}, its first draw ${ms(alone.drawMs)} (the floor of every chart page here)`,
  );
  for (const p of pages) {
    const m = p.median;
    console.log(`${p.label} (${p.path.length > 60 ? `${p.path.slice(0, 57)}…` : p.path})`);
    const plotly = Number.isNaN(m.plotlyMs) ? "" : `; Plotly's script in at ${ms(m.plotlyMs)}`;
    const html = `HTML first byte ${ms(m.htmlStartMs)}, last ${ms(m.htmlEndMs)} (${kb(m.htmlBytes)} sent)${plotly}`;
    // A chart page that misses says by how much it trails Plotly alone: the app's own share of its first chart.
    const share = p.rows || m.firstMs <= 1000 ? "" : `; ${ms(m.firstMs - alone.firstMs)} after Plotly alone`;
    line(p.rows ? "  first rows" : "  first chart drawn", ms(m.firstMs), `${html}; first visit ${ms(p.first.firstMs)}${share}`, "≤ 1,000 ms", m.firstMs <= 1000);
    line("  first screen drawn", ms(m.foldMs), `charts in view: ${m.inView}; first visit ${ms(p.first.foldMs)}`, "≤ 1,500 ms", m.foldMs <= 1500);
    const compressed = `${mb(m.jsSentBytes)} compressed, ${m.scripts} files; ${p.errors.length} console errors in 4 visits`;
    line("  JavaScript loaded (decoded)", mb(m.jsBytes), compressed, p.runPage ? "≤ 1.5 MB" : undefined, m.jsBytes <= 1.5e6);
    if (p.manyRuns) line("  requests for series", String(m.seriesRequests), "one for every run's series (GET /runs/series)", "1", m.seriesRequests === 1);
    if (m.allMs !== undefined)
      line(
        "  loaded charts drawn",
        ms(m.allMs),
        `${m.charts} charts from ${m.metricRequests} request(s) for points, requested at ${ms(m.pointsStartMs!)} and in at ${ms(m.pointsEndMs!)}; hydrated at ${ms(m.hydratedMs!)}`,
      );
  }
  for (const p of pages.filter((p) => p.errors.length > 0)) console.log(`console errors on ${p.label}: ${[...new Set(p.errors)].slice(0, 5).join(" | ")}`);
}
