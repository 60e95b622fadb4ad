import { setting } from "@/lib/core/config";
import { AppError } from "@/lib/core/errors";
import type { RequestLike } from "./access";

/**
 * Failed sign-ins, counted per client address and per username in fixed windows of `PREFSCOPE_SIGNIN_WINDOW_S`
 * seconds (default 900). Past `PREFSCOPE_SIGNIN_MAX_PER_IP` (default 30) failures from one address, or
 * `PREFSCOPE_SIGNIN_MAX_PER_USER` (default 10) for one username, further attempts get 429 with Retry-After until
 * the window ends — before any password is hashed. A window opens with its first failure and always ends, so a
 * guesser can hold a username shut only while they keep guessing, one window at a time; a success clears the
 * username's count. An attempt counts from its start (so a burst of concurrent guesses is cut off too) and is given
 * back when it succeeds or was never checked. 0 turns a limit off. Counts live in this process's memory: with N
 * app instances an attacker gets up to N× the attempts.
 *
 * The address is the last hop of X-Forwarded-For, which Next.js fills in with the socket's address when the
 * request has none. A client that reaches Next.js directly can send its own X-Forwarded-For and pick its key, so
 * the per-address limit binds only behind a reverse proxy that appends the client address; the per-username limit
 * and the cap on concurrent hashes (hash-slots) bind either way.
 */
export interface SignInLimits {
  windowSeconds: number;
  perIp: number;
  perUser: number;
}

export function signInLimits(): SignInLimits {
  return {
    windowSeconds: setting("PREFSCOPE_SIGNIN_WINDOW_S"),
    perIp: setting("PREFSCOPE_SIGNIN_MAX_PER_IP"),
    perUser: setting("PREFSCOPE_SIGNIN_MAX_PER_USER"),
  };
}

interface Window {
  count: number;
  /** When the window ends, in ms. */
  endsAt: number;
}

/** Counts per key in fixed windows; at most `capacity` keys (the oldest are forgotten first). */
export class FailureWindows {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly capacity = 50_000) {}

  /** Whole seconds (≥ 1) until `key` may try again when it has reached `limit`; 0 when it may try now. */
  wait(key: string, limit: number, now: number): number {
    const window = this.current(key, now);
    if (limit <= 0 || !window || window.count < limit) return 0;
    return Math.max(1, Math.ceil((window.endsAt - now) / 1000));
  }

  add(key: string, windowSeconds: number, now: number): void {
    const window = this.current(key, now);
    if (window) {
      window.count++;
      return;
    }
    if (this.windows.size >= this.capacity) this.evict(now);
    this.windows.set(key, { count: 1, endsAt: now + windowSeconds * 1000 });
  }

  giveBack(key: string, now: number): void {
    const window = this.current(key, now);
    if (window && --window.count <= 0) this.windows.delete(key);
  }

  clear(key: string): void {
    this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && window.endsAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private evict(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    // Still full (a flood of fresh keys): forget the oldest tenth. Map order is insertion order.
    let drop = this.windows.size >= this.capacity ? Math.ceil(this.capacity / 10) : 0;
    for (const key of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(key);
    }
  }
}

/** The client's address: the last X-Forwarded-For hop (see above), else "unknown". */
export function clientAddress(request: RequestLike): string {
  const hops = (request.headers.get("x-forwarded-for") ?? "").split(",");
  return hops[hops.length - 1]!.trim().slice(0, 64) || "unknown";
}

export interface SignInAttempt {
  /** The password was right: the username starts afresh, and the address gets its attempt back. */
  succeeded(): void;
  /** The attempt ended with `error`: a wrong password counts; a refusal before any check (busy) is given back. */
  failed(error: unknown): void;
}

/** Sign-in attempts by address and username; one per process. */
export class SignInThrottle {
  readonly byIp = new FailureWindows();
  readonly byUser = new FailureWindows();

  constructor(
    private readonly limits: () => SignInLimits = signInLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Throws 429 naming what is throttled; else counts the attempt until it is settled. */
  begin(address: string, username: string): SignInAttempt {
    const { windowSeconds, perIp, perUser } = this.limits();
    const now = this.clock();
    const user = username.toLowerCase();
    const ipWait = this.byIp.wait(address, perIp, now);
    if (ipWait > 0) {
      throw new AppError("rate_limited", `Too many failed sign-ins from this address; retry in ${ipWait} s`, [], { retryAfterSeconds: ipWait });
    }
    const userWait = this.byUser.wait(user, perUser, now);
    if (userWait > 0) {
      throw new AppError("rate_limited", `Too many failed sign-ins for this username; retry in ${userWait} s`, ["username"], { retryAfterSeconds: userWait });
    }
    if (windowSeconds <= 0) return { succeeded: () => undefined, failed: () => undefined };
    if (perIp > 0) this.byIp.add(address, windowSeconds, now);
    if (perUser > 0) this.byUser.add(user, windowSeconds, now);
    let settled = false;
    const settle = (counts: boolean, clearUser: boolean) => {
      if (settled) return;
      settled = true;
      if (counts) return;
      const at = this.clock();
      if (perIp > 0) this.byIp.giveBack(address, at);
      if (clearUser) this.byUser.clear(user);
      else if (perUser > 0) this.byUser.giveBack(user, at);
    };
    return {
      succeeded: () => settle(false, true),
      failed: (error) => settle(error instanceof AppError && error.code === "unauthorized", false),
    };
  }
}

const holder = globalThis as typeof globalThis & { __prefscopeSignInThrottle?: SignInThrottle };

/** Starts a sign-in (or a current-password check) for `username` from this request's address. */
export function beginSignIn(request: RequestLike, username: string): SignInAttempt {
  holder.__prefscopeSignInThrottle ??= new SignInThrottle();
  return holder.__prefscopeSignInThrottle.begin(clientAddress(request), username);
}
