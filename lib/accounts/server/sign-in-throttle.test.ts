import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { clientAddress, FailureWindows, SignInThrottle } from "./sign-in-throttle";

const wrong = new AppError("unauthorized", "Wrong username or password");
const busy = new AppError("unavailable", "busy");

function throttle(limits = { windowSeconds: 60, perIp: 5, perUser: 3 }) {
  let now = 1_000_000;
  const t = new SignInThrottle(
    () => limits,
    () => now,
  );
  return { t, advance: (ms: number) => (now += ms) };
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error("not refused");
}

describe("SignInThrottle", () => {
  it("refuses a username after its failures, from any address, until its window ends", () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 3; i++) t.begin(`a${i}`, "Ann").failed(wrong);
    const error = refusal(() => t.begin("b", "ann"));
    expect([error.status, error.path, error.options.retryAfterSeconds]).toEqual([429, ["username"], 60]);
    expect(error.message).toMatch(/username/);
    advance(59_000);
    expect(refusal(() => t.begin("b", "ann")).options.retryAfterSeconds).toBe(1);
    advance(1_000);
    expect(() => t.begin("b", "ann").succeeded()).not.toThrow();
  });

  it("refuses an address after its failures over many usernames; successes and busy refusals give the attempt back", () => {
    const { t } = throttle();
    for (let i = 0; i < 20; i++) t.begin("ip", "root").succeeded();
    for (let i = 0; i < 20; i++) t.begin("ip", `u${i}`).failed(busy);
    for (let i = 0; i < 5; i++) t.begin("ip", `g${i}`).failed(wrong);
    const error = refusal(() => t.begin("ip", "root"));
    expect([error.status, error.path]).toEqual([429, []]);
    expect(error.message).toMatch(/address/);
    expect(() => t.begin("other", "root")).not.toThrow();
  });

  it("counts attempts in flight: a concurrent burst stops at the limit", () => {
    const { t } = throttle();
    const started = [];
    let refused = 0;
    for (let i = 0; i < 12; i++) {
      try {
        started.push(t.begin("ip", `burst${i}`));
      } catch {
        refused++;
      }
    }
    expect([started.length, refused]).toEqual([5, 7]);
  });

  it("clears a username's count on success, and settles an attempt once", () => {
    const { t } = throttle();
    t.begin("a", "ann").failed(wrong);
    t.begin("a", "ann").failed(wrong);
    const ok = t.begin("a", "ann");
    ok.succeeded();
    ok.failed(wrong);
    for (let i = 0; i < 3; i++) t.begin("b", "ann").failed(wrong);
    expect(refusal(() => t.begin("c", "ann")).status).toBe(429);
  });

  it("is off when a limit is 0", () => {
    const { t } = throttle({ windowSeconds: 60, perIp: 0, perUser: 0 });
    for (let i = 0; i < 100; i++) t.begin("ip", "ann").failed(wrong);
  });
});

describe("FailureWindows", () => {
  it("forgets the oldest keys when full", () => {
    const w = new FailureWindows(10);
    for (let i = 0; i < 25; i++) w.add(`k${i}`, 60, 0);
    expect(w.size).toBeLessThanOrEqual(10);
    expect(w.wait("k24", 1, 0)).toBe(60);
  });
});

describe("clientAddress", () => {
  const of = (xff: string | null) => clientAddress({ method: "POST", headers: new Headers(xff === null ? {} : { "x-forwarded-for": xff }) });
  it("takes the last X-Forwarded-For hop (the one the nearest proxy added)", () => {
    expect(of("203.0.113.9")).toBe("203.0.113.9");
    expect(of("1.1.1.1, 10.0.0.2")).toBe("10.0.0.2");
    expect(of(null)).toBe("unknown");
    expect(of(" , ")).toBe("unknown");
  });
});
