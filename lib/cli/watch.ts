import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { init, type PrefScopeRun } from "@/clients/ts";
import { setting } from "../core/config";
import { embeddedDataDir, selectedDriver } from "../core/db/driver";
import { readEmbeddedLock } from "../core/db/embedded-lock";
import type { ImportBatch } from "../importers";
import { describeProblem } from "../importers/problem-text";
import { algorithmFromConfig } from "../diagnostics/loss-params";
import { liftTrainingArgs } from "../importers/training-args";
import { firstLoggedStep } from "./event-trainings";
import { FileFollower } from "./file-follower";
import { describeConfigFiles, readConfigFiles } from "./neighbour-config";
import { createKeyThroughServer } from "./server-key";
import { findSources, type WatchSource } from "./watch-sources";

const USAGE = "Usage: prefscope watch DIR... --project NAME [--interval 2] [--idle-finish SECONDS] [--step-key KEY] [--url URL --api-key KEY]";

/** Keys a Trainer logs once, at the end of training: seeing one means the training is over. */
const END_KEYS = ["train_runtime", "train/train_runtime"];

/** The same folder watched again (a restart of `watch`) logs into the same run: its id comes from where it is. */
function runIdFor(project: string, key: string): string {
  const hex = createHash("sha256").update(`prefscope-watch\0${project}\0${key}`).digest("hex");
  // An RFC 9562 version-8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Followed {
  source: WatchSource;
  run: PrefScopeRun;
  followers: Map<string, FileFollower>;
  rows: number;
  lastGrowth: number;
  done: boolean;
  /** The config files read into the run so far (a model's config.json appears at the first checkpoint). */
  configFiles: string[];
  /** What the config files beside the logs say, and what the logs themselves said (TrainingArguments, lifted). */
  known: { neighbour: Record<string, unknown>; logged: Record<string, unknown> };
  /** The algorithm the run was given, or named later: undefined until the config says one. */
  algorithm: string | undefined;
}

/** Follows training logs under folders, each log dir / training / JSONL or CSV file as a live run. */
class Watcher {
  private readonly followed = new Map<string, Followed>();
  /** Each event file's first step, once it logs one (it never changes): read once, not at every poll. */
  private readonly firstSteps = new Map<string, number>();
  /** Files left out (said once, not at every poll). */
  private readonly skipped = new Set<string>();

  constructor(
    private readonly o: { roots: string[]; project: string; url: string; apiKey: string; idleFinishS: number; stepKey?: string },
    private readonly print: (line: string) => void,
  ) {}

  poll(): void {
    const adopted = new Map([...this.followed].map(([key, f]) => [key, f.source]));
    const skip = (file: string, why: string) => {
      if (this.skipped.has(file)) return;
      this.skipped.add(file);
      this.print(`skipping ${file}: ${why}`);
    };
    for (const source of findSources(this.o.roots, adopted, (file) => this.firstStep(file), skip)) {
      const known = this.followed.get(source.key);
      if (known) known.source = source;
      else this.adopt(source);
    }
    for (const f of this.followed.values()) if (!f.done) this.follow(f);
  }

  private firstStep(file: string): number | undefined {
    const known = this.firstSteps.get(file);
    if (known !== undefined) return known;
    const step = firstLoggedStep(file);
    if (step !== undefined) this.firstSteps.set(file, step);
    return step;
  }

  /** Leaves every run as it is (running: a later `watch` carries on) once what was read is delivered. */
  async stop(): Promise<void> {
    await Promise.all([...this.followed.values()].map((f) => f.run.flush(30_000)));
  }

  private adopt(source: WatchSource): void {
    // The first read comes before the run is made, so the arguments logged at the top of the files name it.
    const followers = new Map(source.files.map((file) => [file, this.follower(file, source)]));
    const first = this.read(followers);
    const known = { neighbour: this.neighbourConfig(source, source.configFiles) ?? {}, logged: liftTrainingArgs(first.config ?? {}) };
    const config = { ...known.neighbour, ...known.logged };
    const algorithm = algorithmFromConfig(config);
    const run = init({
      id: runIdFor(this.o.project, source.key),
      url: this.o.url,
      apiKey: this.o.apiKey,
      project: this.o.project,
      name: source.name,
      algorithm,
      config: { ...config, imported_from: source.key, import_format: source.format },
      tags: ["watched"],
    });
    const f: Followed = { source, run, followers, rows: 0, lastGrowth: Date.now(), done: false, configFiles: source.configFiles, known, algorithm };
    this.followed.set(source.key, f);
    this.print(`watching ${source.key} (${source.format}) → ${this.o.url}/p/${encodeURIComponent(this.o.project)}/runs/${run.id}`);
    this.deliver(f, first);
  }

  private follow(f: Followed): void {
    if (f.source.configFiles.some((file) => !f.configFiles.includes(file))) {
      f.configFiles = f.source.configFiles;
      const config = this.neighbourConfig(f.source, f.configFiles);
      if (config) {
        f.run.update({ config });
        f.known.neighbour = config;
        this.nameAlgorithm(f);
      }
    }
    for (const file of f.source.files) if (!f.followers.has(file)) f.followers.set(file, this.follower(file, f.source));
    // A training's trainer state moves from checkpoint to checkpoint, then to the final one: only the latest is read.
    if (f.source.format === "trainer_state") for (const file of f.followers.keys()) if (!f.source.files.includes(file)) f.followers.delete(file);
    const batch = this.read(f.followers);
    if (batch.rows.length > 0 || batch.config || batch.summary) this.deliver(f, batch);
    else if (this.o.idleFinishS > 0 && Date.now() - f.lastGrowth > this.o.idleFinishS * 1000) this.finish(f, `no new records for ${this.o.idleFinishS} s`);
  }

  /** The config the files beside a source's logs give, said once per reading. */
  private neighbourConfig(source: WatchSource, files: string[]): Record<string, unknown> | undefined {
    const { config, read } = readConfigFiles(files, (file, message) => this.print(`skipped ${file}: ${message}`));
    if (read.length) this.print(`config for ${source.name}: ${describeConfigFiles(read, process.cwd())}`);
    return config;
  }

  private follower(file: string, source: WatchSource): FileFollower {
    return new FileFollower(file, source.format, this.o.stepKey ? [this.o.stepKey] : undefined);
  }

  private read(followers: Map<string, FileFollower>): ImportBatch {
    const out: ImportBatch = { rows: [], problems: [] };
    for (const follower of followers.values()) {
      const batch = follower.poll();
      if (!batch) continue;
      out.rows.push(...batch.rows);
      out.problems.push(...batch.problems);
      if (batch.config && Object.keys(batch.config).length) out.config = { ...out.config, ...batch.config };
      if (batch.summary && Object.keys(batch.summary).length) out.summary = { ...out.summary, ...batch.summary };
    }
    return out;
  }

  private deliver(f: Followed, batch: ImportBatch): void {
    for (const problem of batch.problems) this.print(`  problem: ${describeProblem(problem)}`);
    for (const row of batch.rows) f.run.log(row.values, row.step, row.time);
    if (batch.config) {
      const config = liftTrainingArgs(batch.config);
      f.run.update({ config });
      f.known.logged = { ...f.known.logged, ...config };
      this.nameAlgorithm(f);
    }
    if (batch.summary) f.run.update({ summary: batch.summary });
    f.rows += batch.rows.length;
    if (batch.rows.length > 0) f.lastGrowth = Date.now();
    const ended = END_KEYS.some((key) => (batch.summary && key in batch.summary) || batch.rows.some((row) => key in row.values));
    if (ended) this.finish(f, "training logged its end");
  }

  /**
   * Names the run's algorithm once its config says one, when it had none at creation: TensorBoard's TrainingArguments
   * (TRL's loss_type) can come after the first scalars, a training_args.json after the run began. The server keeps
   * an algorithm the run has (the PATCH fills an empty one only), so a name given elsewhere is never replaced.
   */
  private nameAlgorithm(f: Followed): void {
    if (f.algorithm !== undefined) return;
    f.algorithm = algorithmFromConfig({ ...f.known.neighbour, ...f.known.logged });
    if (f.algorithm !== undefined) f.run.update({ algorithm: f.algorithm });
  }

  private finish(f: Followed, why: string): void {
    f.done = true;
    void f.run
      .finish("finished", 60_000)
      .then((delivered) => this.print(`${f.source.name}: finished (${why}; ${f.rows} records${delivered ? "" : ", some spooled for `prefscope sync`"})`));
  }
}

/** Where to send: --url/--api-key (or PREFSCOPE_URL/PREFSCOPE_API_KEY), else the server holding the embedded database. */
async function connection(values: { url?: string; "api-key"?: string }, project: string): Promise<{ url: string; apiKey: string }> {
  const url = values.url ?? setting("PREFSCOPE_URL");
  const apiKey = values["api-key"] ?? setting("PREFSCOPE_API_KEY");
  if (url && apiKey) return { url, apiKey };
  const holder = selectedDriver() === "pglite" ? readEmbeddedLock(embeddedDataDir()) : null;
  if (holder?.role === "server" && holder.url && holder.token)
    return { url: holder.url, apiKey: await createKeyThroughServer({ url: holder.url, token: holder.token }, project, "prefscope watch") };
  throw new Error("watch sends through a running PrefScope server: start one (`npm start`) or pass --url and --api-key");
}

/** `prefscope watch DIR… --project NAME`: follows logs as training writes them, until interrupted. */
export async function runWatchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      project: { type: "string" },
      interval: { type: "string", default: "2" },
      "idle-finish": { type: "string", default: "0" },
      "step-key": { type: "string" },
      url: { type: "string" },
      "api-key": { type: "string" },
    },
  });
  const interval = Number(values.interval);
  const idleFinishS = Number(values["idle-finish"]);
  if (positionals.length === 0 || !values.project || !(interval > 0) || !(idleFinishS >= 0)) {
    console.error(USAGE);
    return 2;
  }
  const { url, apiKey } = await connection(values, values.project);
  const watcher = new Watcher({ roots: positionals, project: values.project, url, apiKey, idleFinishS, stepKey: values["step-key"] }, (line) => console.log(line));
  console.log(`watching ${positionals.join(", ")} every ${interval} s (Ctrl-C to stop; runs stay open for the next watch)`);
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    watcher.poll();
    timer = setTimeout(tick, interval * 1000);
  };
  tick();
  await stopped;
  clearTimeout(timer);
  await watcher.stop();
  return 0;
}
