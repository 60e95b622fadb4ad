import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { HashSlots } from "./hash-slots";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("HashSlots", () => {
  it("runs at most `concurrency` at once, queues `queue` more in order, and refuses the rest with 503", async () => {
    const slots = new HashSlots(() => ({ concurrency: 2, queue: 3 }));
    const gates = Array.from({ length: 5 }, gate);
    const order: number[] = [];
    const runs = gates.map((g, i) => slots.run(async () => (order.push(i), await g.opened, i)));
    await Promise.resolve();
    expect(slots.busy).toEqual({ running: 2, waiting: 3 });
    const refused = await slots.run(async () => 99).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect([(refused as AppError).status, (refused as AppError).options.retryAfterSeconds]).toEqual([503, 1]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(slots.busy).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the slot when the work fails", async () => {
    const slots = new HashSlots(() => ({ concurrency: 1, queue: 0 }));
    await expect(slots.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await slots.run(async () => 7)).toBe(7);
  });
});
