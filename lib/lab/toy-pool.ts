import "server-only";
import { Worker } from "node:worker_threads";
import { setting } from "../core/config";
import { AppError } from "../core/errors";
import type { ToyModelOptions, ToyRun } from "../toy-model";

// The toy model is pure CPU (up to ~3 s for a 5,000-step lab run): run on the request thread, eight at once stalled
// every other response for 16 s. It runs here instead, in a few worker threads, with a bounded queue in front.

type Job = { options: ToyModelOptions; resolve: (run: ToyRun) => void; reject: (error: unknown) => void };

const RETRY_AFTER_S = 5;

/** `PREFSCOPE_LAB_WORKERS`: threads running lab models at once (default: the cores but one, 1 to 4). */
export function labWorkerCount(): number {
  return setting("PREFSCOPE_LAB_WORKERS");
}

/** `PREFSCOPE_LAB_QUEUE`: lab runs that may wait for a thread; past that a lab run gets 503 with Retry-After. */
export function labQueueLimit(): number {
  return setting("PREFSCOPE_LAB_QUEUE");
}

class ToyPool {
  private idle: Worker[] = [];
  private started = 0;
  private queue: Job[] = [];
  private nextId = 1;

  constructor(
    private readonly size: number,
    private readonly queueLimit: number,
  ) {}

  run(options: ToyModelOptions): Promise<ToyRun> {
    const waiting = this.queue.length + (this.idle.length === 0 && this.started >= this.size ? 1 : 0);
    if (waiting > this.queueLimit) {
      throw new AppError("unavailable", `The lab is busy (${this.size} runs computing, ${this.queue.length} waiting); try again in a few seconds`, [], {
        retryAfterSeconds: RETRY_AFTER_S,
      });
    }
    return new Promise<ToyRun>((resolve, reject) => {
      this.queue.push({ options, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && (this.idle.length > 0 || this.started < this.size)) {
      const worker = this.idle.pop() ?? this.spawn();
      this.dispatch(worker, this.queue.shift()!);
    }
  }

  private spawn(): Worker {
    this.started += 1;
    // Next.js bundles the worker from this `new URL(…, import.meta.url)` into the server build (TypeScript and the
    // toy model included), so the built app runs it with plain Node.
    const worker = new Worker(new URL("./toy-worker.ts", import.meta.url));
    worker.unref();
    return worker;
  }

  private dispatch(worker: Worker, job: Job): void {
    const id = this.nextId++;
    const done = () => {
      worker.off("message", onMessage);
      worker.off("error", onFailure);
      worker.off("exit", onFailure);
    };
    const onMessage = (message: { id: number; run?: ToyRun; error?: string }) => {
      if (message.id !== id) return;
      done();
      if (message.run) job.resolve(message.run);
      else job.reject(new Error(message.error ?? "toy model failed"));
      this.idle.push(worker);
      this.pump();
    };
    // A crashed thread is replaced; its job fails (the route answers 500 and stores nothing).
    const onFailure = (error: unknown) => {
      done();
      this.started -= 1;
      void worker.terminate();
      job.reject(error instanceof Error ? error : new Error(`toy model thread exited (${String(error)})`));
      this.pump();
    };
    worker.on("message", onMessage);
    worker.once("error", onFailure);
    worker.once("exit", onFailure);
    worker.postMessage({ id, options: job.options });
  }
}

// One pool per process, shared by every bundle Next.js builds.
const holder = globalThis as typeof globalThis & { __prefscopeToyPool?: ToyPool };

/** Runs the toy model on a worker thread; 503 (Retry-After) when every thread is busy and the queue is full. */
export function runToyModelOffThread(options: ToyModelOptions): Promise<ToyRun> {
  holder.__prefscopeToyPool ??= new ToyPool(labWorkerCount(), labQueueLimit());
  return holder.__prefscopeToyPool.run(options);
}
