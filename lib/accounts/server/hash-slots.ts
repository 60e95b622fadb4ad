import { setting } from "@/lib/core/config";
import { AppError } from "@/lib/core/errors";

/**
 * Password hashing takes turns. Each scrypt hash holds 128 MiB and a libuv worker thread for ~0.1–0.3 s, and
 * libuv's pool (4 threads) also runs gzip, file reads and DNS: 40 hashes at once took every thread and 1.26 GB, and
 * a cheap read waited 21 s. So at most `PREFSCOPE_HASH_CONCURRENCY` hashes run at once (default 2, leaving the
 * other threads free); up to `PREFSCOPE_HASH_QUEUE` more wait their turn (default 16); past that the request is
 * refused at once with 503 and Retry-After instead of piling up. Per process, like the rate limits.
 */
export interface HashSlotSettings {
  concurrency: number;
  queue: number;
}

export function hashSlotSettings(): HashSlotSettings {
  return { concurrency: setting("PREFSCOPE_HASH_CONCURRENCY"), queue: setting("PREFSCOPE_HASH_QUEUE") };
}

/** A semaphore with a bounded queue: `run` waits for a slot, or throws 503 when the queue is full. */
export class HashSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly settings: () => HashSlotSettings = hashSlotSettings) {}

  get busy(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const { concurrency, queue } = this.settings();
    if (this.running >= concurrency) {
      if (this.waiting.length >= queue) {
        throw new AppError("unavailable", "Too many sign-ins at once: password checks are queued full; retry shortly", [], { retryAfterSeconds: 1 });
      }
      // The slot is handed over by the one that finishes (running stays as it is), so nobody can jump the queue.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

// On globalThis: route bundles may each load this module, and the cap is for the whole process.
const holder = globalThis as typeof globalThis & { __prefscopeHashSlots?: HashSlots };

export function hashSlots(): HashSlots {
  holder.__prefscopeHashSlots ??= new HashSlots();
  return holder.__prefscopeHashSlots;
}
