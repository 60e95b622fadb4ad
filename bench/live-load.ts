// What viewers cost the server: database transactions per second on a run written 10 batches/s with 0, 1 and
// 50 viewers, and the app's memory with 200 open streams and with a client that stops reading for minutes.
import postgres from "postgres";
import { EventStreamClient } from "../tests/support/event-stream-client";
import type { AppServer } from "../tests/support/app-server";
import { cpuSeconds, createBenchRun, openRawStream, rssMb, sleep, writeSteadily, type BenchRun, type RawStream } from "./live-support";

const PER_SECOND = 10;
const STEPS = 10;
const KEYS = Array.from({ length: 10 }, (_, k) => `live/metric_${k}`);
/** The stalled client's run is written heavier (about 0.4 MB/s of events), so a buffer without bound would show. */
const STALL_STEPS = 20;
const STALL_KEYS = Array.from({ length: 25 }, (_, k) => `live/metric_${k}`);
/** Postgres backends send their counters to pg_stat_database at most every second, and within 10 s once idle. */
const STATS_SETTLE_MS = 11_000;

export interface LoadFigures {
  viewers: number;
  batches: number;
  seconds: number;
  /** Transactions (committed + rolled back) of the bench database per second; null on PGlite. */
  xactPerSecond: number | null;
  xactPerBatch: number | null;
  /** CPU seconds the app used per second of writing. */
  cpuShare: number;
}

/** Transactions of one database so far, read from another database on the server so the reads do not count. */
async function transactions(admin: postgres.Sql, database: string): Promise<number> {
  const [row] = await admin<{ n: string }[]>`select xact_commit + xact_rollback as n from pg_stat_database where datname = ${database}`;
  return Number(row!.n);
}

async function followers(app: AppServer, target: BenchRun, count: number): Promise<EventStreamClient[]> {
  const url = `${app.url}/api/v1/projects/${target.project}/live?runs=${target.run}`;
  const clients = await Promise.all(Array.from({ length: count }, () => EventStreamClient.open(url)));
  await Promise.all(clients.map((c) => c.next((e) => e.event === "ready")));
  return clients;
}

/**
 * One case: `viewers` clients follow a run (points, flags, its row) while it is written for `seconds`. On Postgres
 * the count is exact: the database is left quiet until every backend has reported, before and after the writing.
 */
async function measureLoad(app: AppServer, stats: { admin: postgres.Sql; database: string } | null, viewers: number, seconds: number, firstStep: number) {
  const target = await createBenchRun(app.url, `bench-live-${viewers}`);
  const clients = await followers(app, target, viewers);
  try {
    if (stats) await sleep(STATS_SETTLE_MS);
    const before = stats ? await transactions(stats.admin, stats.database) : 0;
    const cpuBefore = cpuSeconds(app.process.pid!);
    const writer = writeSteadily(target, { perSecond: PER_SECOND, steps: STEPS, keys: KEYS, firstStep });
    await sleep(seconds * 1000);
    const written = await writer.stop();
    // The viewers have what was written: every batch's points reached them (the feed's reads are done).
    const last = written.nextStep - 1;
    await Promise.all(clients.map((c) => c.next((e) => e.event === "metrics" && e.data.series.some((s: { points: { step: number }[] }) => s.points.some((p) => p.step === last)))));
    const cpu = cpuSeconds(app.process.pid!) - cpuBefore;
    if (stats) await sleep(STATS_SETTLE_MS);
    const xacts = stats ? (await transactions(stats.admin, stats.database)) - before : null;
    return {
      viewers,
      batches: written.batches,
      seconds: written.seconds,
      xactPerSecond: xacts === null ? null : xacts / written.seconds,
      xactPerBatch: xacts === null ? null : xacts / written.batches,
      cpuShare: cpu / written.seconds,
    } satisfies LoadFigures;
  } finally {
    for (const c of clients) c.close();
  }
}

/** Queries per second with 0 (baseline), 1 and 50 viewers of the written run. */
export async function benchViewerLoad(app: AppServer, databaseUrl: string | null, seconds: number): Promise<LoadFigures[]> {
  const admin = databaseUrl ? postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} }) : null;
  const stats = admin ? { admin, database: new URL(databaseUrl!).pathname.slice(1) } : null;
  try {
    const out: LoadFigures[] = [];
    for (const viewers of [0, 1, 50]) out.push(await measureLoad(app, stats, viewers, seconds, 0));
    return out;
  } finally {
    await admin?.end();
  }
}

export interface MemoryFigures {
  idleMb: number;
  streams: number;
  /** Peak while the streams were open and the run written, after they opened. */
  withStreamsMb: number;
  stall: {
    seconds: number;
    startMb: number;
    peakMb: number;
    endMb: number;
    stalledBytes: number;
    /** What the reading viewer was sent meanwhile (events' data): what the stalled one would have had to hold. */
    sentBytes: number;
    resetSeen: boolean;
    viewerKeptUp: boolean;
  };
}

/**
 * The app's resident memory: idle, then with `streams` raw streams following a run written 10 batches/s, then over
 * `stallSeconds` of writing with one client that stopped reading (and one that reads, to show the feed still flows).
 * Its buffer is bounded: the stalled client's events past PREFSCOPE_LIVE_BUFFER_BYTES are dropped for a `reset`.
 */
export async function benchLiveMemory(app: AppServer, { streams, stallSeconds }: { streams: number; stallSeconds: number }): Promise<MemoryFigures> {
  const pid = app.process.pid!;
  const target = await createBenchRun(app.url, "bench-live-memory");
  const path = `/api/v1/projects/${target.project}/live?runs=${target.run}`;
  const idleMb = rssMb(pid);

  const open: RawStream[] = [];
  let step = 0;
  let withStreamsMb = idleMb;
  try {
    for (let i = 0; i < streams; i += 20) open.push(...(await Promise.all(Array.from({ length: Math.min(20, streams - i) }, () => openRawStream(app.url, path)))));
    const writer = writeSteadily(target, { perSecond: PER_SECOND, steps: STEPS, keys: KEYS });
    for (let i = 0; i < 10; i++) {
      await sleep(1000);
      withStreamsMb = Math.max(withStreamsMb, rssMb(pid));
    }
    step = (await writer.stop()).nextStep;
  } finally {
    for (const s of open.splice(0)) s.close();
  }

  const stalled = await openRawStream(app.url, path);
  stalled.stall();
  const reader = await EventStreamClient.open(`${app.url}${path}`);
  try {
    await reader.next((e) => e.event === "ready");
    const writer = writeSteadily(target, { perSecond: PER_SECOND, steps: STALL_STEPS, keys: STALL_KEYS, firstStep: step });
    // The first seconds fill the socket buffers and the server's queue for the stalled client: start after them.
    await sleep(Math.min(15, stallSeconds / 4) * 1000);
    const startMb = rssMb(pid);
    let peakMb = startMb;
    const until = performance.now() + stallSeconds * 1000;
    while (performance.now() < until) {
      await sleep(Math.min(5000, Math.max(0, until - performance.now())));
      peakMb = Math.max(peakMb, rssMb(pid));
    }
    const endMb = rssMb(pid);
    const last = (await writer.stop()).nextStep - 1;
    const viewerKeptUp = await Promise.race([
      reader.next((e) => e.event === "metrics" && e.data.series.some((s: { points: { step: number }[] }) => s.points.some((p) => p.step === last))).then(() => true),
      sleep(30_000).then(() => false),
    ]);
    const stalledBytes = stalled.bytes();
    const sentBytes = reader.events.reduce((sum, e) => sum + JSON.stringify(e.data).length, 0);
    // Reading again, the stalled client drains what was queued for it and is then told it missed events.
    const resetSeen = await stalled.resumeUntil("event: reset", 60_000);
    return { idleMb, streams, withStreamsMb, stall: { seconds: stallSeconds, startMb, peakMb, endMb, stalledBytes, sentBytes, resetSeen, viewerKeptUp } };
  } finally {
    stalled.close();
    reader.close();
  }
}
