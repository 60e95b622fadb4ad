import { describe, expect, it } from "vitest";
import { createProgressPrinter } from "./progress-line";

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { out: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe("createProgressPrinter", () => {
  it("redraws one line in place on a terminal, at most every 250 ms, and ends it with the last state", () => {
    let now = 0;
    const { out, written } = terminal(true);
    const printer = createProgressPrinter(out, true, () => now);
    printer.update({ bytes: 0, total: 4096, rows: 0 });
    now = 100;
    printer.update({ bytes: 1024, total: 4096, rows: 10 }); // held back
    now = 1000;
    printer.update({ bytes: 2048, total: 4096, rows: 20 });
    now = 1100;
    printer.update({ bytes: 4096, total: 4096, rows: 40 }); // held back, then written by done()
    printer.done();
    expect(written).toEqual([
      "\rimport: 0 B of 4.00 KiB (0%) · 0 rows\u001b[K",
      "\rimport: 2.00 KiB of 4.00 KiB (50%) · 20 rows · 2.00 KiB/s · 1 s left\u001b[K",
      "\rimport: 4.00 KiB of 4.00 KiB (100%) · 40 rows · 3.64 KiB/s · 0 s left\u001b[K\n",
    ]);
  });

  it("writes whole lines when forced onto a pipe, and nothing at all when not enabled", () => {
    const piped = terminal(false);
    const printer = createProgressPrinter(piped.out, true, () => 0);
    printer.update({ bytes: 5, total: 10, rows: 1 });
    printer.done();
    expect(piped.written).toEqual(["import: 5 B of 10 B (50%) · 1 row\n"]);

    const off = terminal(true);
    const silent = createProgressPrinter(off.out, false, () => 0);
    silent.update({ bytes: 5, total: 10, rows: 1 });
    silent.done();
    expect(off.written).toEqual([]);
  });
});
