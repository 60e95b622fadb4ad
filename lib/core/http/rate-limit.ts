import { setting } from "../config";
import { AppError } from "../errors";

/**
 * Requests per API key: a token bucket per key, refilled at `PREFSCOPE_RATE_LIMIT_RPS` up to
 * `PREFSCOPE_RATE_LIMIT_BURST` tokens (0 for either disables the limit). Buckets live in this process's memory,
 * so with N app instances behind a load balancer a key may make up to N× the rate; the limit guards the
 * database against one runaway client, it is not a quota.
 */
export interface RateLimitSettings {
  rps: number;
  burst: number;
}

export function rateLimitSettings(): RateLimitSettings {
  return {
    rps: setting("PREFSCOPE_RATE_LIMIT_RPS"),
    burst: setting("PREFSCOPE_RATE_LIMIT_BURST"),
  };
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in ms. */
  at: number;
}

/** Buckets by key; one that has refilled is as good as none, so idle keys are dropped now and then. */
export class TokenBuckets {
  private readonly buckets = new Map<string | number, Bucket>();
  private lastSweep = 0;

  constructor(private readonly settings: () => RateLimitSettings = rateLimitSettings) {}

  /** Takes one token for `key`; returns 0 when granted, else the whole seconds (≥ 1) until one is free. */
  take(key: string | number, now = Date.now()): number {
    const { rps, burst: setBurst } = this.settings();
    if (rps <= 0 || setBurst <= 0) return 0;
    const burst = Math.max(1, setBurst);
    this.sweep(now, rps, burst);
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * rps);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rps));
  }

  private sweep(now: number, rps: number, burst: number): void {
    const refill = (burst / rps) * 1000;
    if (now - this.lastSweep < Math.max(refill, 60_000)) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= refill) this.buckets.delete(key);
  }
}

const perKey = new TokenBuckets();

/** Throws 429 `rate_limited` with `Retry-After` when this API key has used up its burst. */
export function limitApiKeyRate(keyId: number): void {
  const wait = perKey.take(keyId);
  if (wait > 0) {
    throw new AppError("rate_limited", `Too many requests with this API key; retry in ${wait} s`, [], { retryAfterSeconds: wait });
  }
}
