"use client";

import { useEffect, useRef, useState } from "react";
import { useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { ApiSeries, MetricsResponse, RunsSeriesResponse } from "../metrics/contract";
import type { LiveEventName, LiveFlagsEvent, LiveMetricsEvent, LiveRunPatch, LiveRunsEvent, LiveSequencesEvent } from "./contract";
import { mergePoints } from "./view/merge-points";
import { createTrailingThrottle } from "../core/view/trailing-throttle";

export type LiveState = "connecting" | "live" | "reconnecting";

type RunsSeries = RunsSeriesResponse["runs"];
type Handlers = Partial<Record<LiveEventName, (data: unknown) => void>>;

/**
 * One server-sent event stream while the component is mounted. The browser reconnects by itself and sends the last
 * event id it saw; the server replays from there. `state` says whether updates are flowing.
 */
export function useEventStream(url: string | null, handlers: Handlers): { state: LiveState; events: number } {
  const [state, setState] = useState<LiveState>("connecting");
  const [events, setEvents] = useState(0);
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    const names: LiveEventName[] = ["ready", "metrics", "flags", "sequences", "runs", "reset"];
    for (const name of names) {
      source.addEventListener(name, (event) => {
        if (name === "ready") setState("live");
        else setEvents((n) => n + 1);
        latest.current[name]?.(JSON.parse((event as MessageEvent<string>).data));
      });
    }
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "connecting" : "reconnecting");
    return () => source.close();
  }, [url]);
  return { state, events };
}

function patchSeries(series: ApiSeries, incoming: Map<string, ApiSeries["points"]>): ApiSeries {
  const points = incoming.get(series.key);
  return points ? mergePoints(series, points) : series;
}

/** Points of a `metrics` event into every cached read of the run: its pages of charts, zoomed ranges, overlays. */
function applyMetrics(client: QueryClient, event: LiveMetricsEvent): void {
  const incoming = new Map(event.series.map((s) => [s.key, s.points]));
  // Pages: ["runs", id, "metrics", "pages", maxPoints, x, match, pageSize].
  for (const [key, data] of client.getQueriesData<InfiniteData<MetricsResponse>>({ queryKey: ["runs", event.run, "metrics", "pages"] })) {
    if (!data) continue;
    client.setQueryData<InfiniteData<MetricsResponse>>(key, { ...data, pages: data.pages.map((p) => ({ ...p, series: p.series.map((s) => patchSeries(s, incoming)) })) });
    // A key new to the run that this view would list: read its pages again, once. Only when every page is loaded
    // (a key on a page not loaded yet is no news), and never while the user is loading the next one.
    const complete = data.pages.at(-1)?.next_offset === null;
    const match = String(key[6] ?? "");
    const held = new Set(data.pages.flatMap((p) => p.series.map((s) => s.key)));
    const fresh = event.series.some((s) => !held.has(s.key) && s.key.includes(match));
    if (complete && fresh) void client.invalidateQueries({ queryKey: key, exact: true });
  }
  for (const [key, data] of client.getQueriesData<ApiSeries>({ queryKey: ["runs", event.run, "metrics"] })) {
    // Zoomed reads: ["runs", id, "metrics", name, [from, to], x, maxPoints].
    const range = key[4] as [number, number] | null;
    if (!data || !Array.isArray(range) || key[3] === "pages") continue;
    const points = incoming.get(String(key[3]));
    if (points) client.setQueryData<ApiSeries>(key, mergePoints(data, points, range));
  }
  // Overlays: ["runs", "series", runIds, keys, maxPoints], one entry for several runs.
  for (const [key, data] of client.getQueriesData<RunsSeries>({ queryKey: ["runs", "series"] })) {
    if (data?.some((r) => r.run_id === event.run))
      client.setQueryData<RunsSeries>(
        key,
        data.map((r) => (r.run_id === event.run ? { ...r, series: r.series.map((s) => patchSeries(s, incoming)) } : r)),
      );
  }
}

/**
 * The page's progress signal: once a `metrics` event is in the query cache (so the charts redraw with it), a
 * `prefscope:live` event on `window` names the run and the highest step it brought. Benchmarks and tests wait on it
 * rather than scraping the charts.
 */
function announceMetrics(event: LiveMetricsEvent): void {
  let step = -Infinity;
  for (const s of event.series) for (const p of s.points) step = Math.max(step, p.step);
  window.dispatchEvent(new CustomEvent("prefscope:live", { detail: { event: "metrics", run: event.run, step } }));
}

function applyFlags(client: QueryClient, event: LiveFlagsEvent): void {
  if (event.diagnostics) client.setQueryData(["runs", event.run, "diagnostics"], event.diagnostics);
}

/** Pair views of a run are read again at most this often while its pairs stream in. */
const SEQUENCES_REFRESH_MS = 5_000;

/**
 * Keeps the cached reads of some runs (points, diagnostics, pair views) up to date from the project's live stream.
 * `since` is the change id the page was rendered at. Returns the stream's state and the rows of runs that changed.
 */
export function useLiveRuns({ project, runs, since, onRunChanged }: { project: string; runs: string[]; since?: number; onRunChanged?: (patch: LiveRunPatch) => void }) {
  const client = useQueryClient();
  const params = new URLSearchParams();
  if (runs.length) params.set("runs", runs.join(","));
  if (since !== undefined) params.set("since", String(since));
  // Pair views are read again at most every few seconds per run however fast pairs arrive, and once more after
  // the last batch of a burst (a dropped event would leave the last pairs unshown).
  const sequenceThrottles = useRef(new Map<string, ReturnType<typeof createTrailingThrottle>>());
  useEffect(() => {
    const throttles = sequenceThrottles.current;
    return () => {
      for (const throttle of throttles.values()) throttle.cancel();
      throttles.clear();
    };
  }, []);
  return useEventStream(`/api/v1/projects/${encodeURIComponent(project)}/live?${params}`, {
    metrics: (data) => {
      applyMetrics(client, data as LiveMetricsEvent);
      announceMetrics(data as LiveMetricsEvent);
    },
    flags: (data) => applyFlags(client, data as LiveFlagsEvent),
    sequences: (data) => {
      const run = (data as LiveSequencesEvent).run;
      let throttle = sequenceThrottles.current.get(run);
      if (!throttle) {
        throttle = createTrailingThrottle(() => void client.invalidateQueries({ queryKey: ["runs", run, "sequences"] }), SEQUENCES_REFRESH_MS);
        sequenceThrottles.current.set(run, throttle);
      }
      throttle.call();
    },
    runs: (data) => {
      for (const patch of (data as LiveRunsEvent).runs) onRunChanged?.(patch);
    },
    reset: () => void client.invalidateQueries({ queryKey: ["runs"] }),
  });
}

/**
 * The project's run rows as the live stream reports them, by run id. A run the table does not know (new, or moved
 * into its filter) makes it read its rows again, once per run, through `onUnknownRun`.
 */
export function useLiveRows({ project, since, knownIds, onUnknownRun }: { project: string; since?: number; knownIds: ReadonlySet<string>; onUnknownRun: () => void }) {
  const [patches, setPatches] = useState<ReadonlyMap<string, LiveRunPatch>>(new Map());
  const asked = useRef(new Set<string>());
  const known = useRef(knownIds);
  useEffect(() => {
    known.current = knownIds;
  });
  const live = useLiveRuns({
    project,
    runs: [],
    since,
    onRunChanged: (patch) => {
      setPatches((before) => new Map(before).set(patch.id, patch));
      if (!known.current.has(patch.id) && !asked.current.has(patch.id)) {
        asked.current.add(patch.id);
        onUnknownRun();
      }
    },
  });
  return { ...live, patches };
}

/** Points of a `metrics` event into a shared run's series (read through the link's token). */
function applySharedMetrics(client: QueryClient, token: string, event: LiveMetricsEvent): void {
  const incoming = new Map(event.series.map((s) => [s.key, s.points]));
  const key = ["share", token, "metrics"];
  const data = client.getQueryData<{ series: ApiSeries[] }>(key);
  if (!data) return;
  if (event.series.some((s) => !data.series.some((d) => d.key === s.key))) void client.invalidateQueries({ queryKey: key });
  client.setQueryData(key, { ...data, series: data.series.map((s) => patchSeries(s, incoming)) });
}

/** Server-rendered parts of a shared page are rendered again at most this often, however fast their runs change. */
const SHARED_REFRESH_MS = 5_000;

/**
 * A live share link's page, kept current: a run report's charts and diagnostics take the pushed points and flags;
 * the server-rendered parts (badges, a runs report's rows, a drawn view's charts and tables) are rendered again,
 * at most every few seconds, and once more after the last change of a burst.
 */
export function useSharedLive(token: string, since: number, refresh: () => void) {
  const client = useQueryClient();
  const latestRefresh = useRef(refresh);
  useEffect(() => {
    latestRefresh.current = refresh;
  });
  const throttle = useRef<ReturnType<typeof createTrailingThrottle> | null>(null);
  useEffect(() => {
    const created = createTrailingThrottle(() => latestRefresh.current(), SHARED_REFRESH_MS);
    throttle.current = created;
    // A refresh due after the page is gone would render a page nobody sees.
    return () => created.cancel();
  }, []);
  const refreshSoon = () => throttle.current?.call();
  return useEventStream(`/api/v1/share/${encodeURIComponent(token)}/live?since=${since}`, {
    metrics: (data) => applySharedMetrics(client, token, data as LiveMetricsEvent),
    flags: (data) => {
      const event = data as LiveFlagsEvent;
      if (event.diagnostics) {
        const { flags, series, unavailable, summary } = event.diagnostics;
        client.setQueryData(["share", token, "diagnostics"], { flags, series, unavailable, summary });
      }
      refreshSoon();
    },
    runs: refreshSoon,
    reset: () => {
      void client.invalidateQueries({ queryKey: ["share", token] });
      refresh();
    },
  });
}
