"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { iterateToyModel, type ToyRecord } from "@/lib/toy-model";
import { stepsDue } from "@/lib/lab/live-pace";
import { appendToyRecords, emptyLabSeries, type LabSeries } from "@/lib/lab/live-series";
import { toLiveToyOptions } from "@/lib/lab/toy-options";
import type { LabSetup } from "@/lib/lab/contract";

export type ToyRunStatus = "idle" | "running" | "done" | "stopped";

export interface ToyRunView {
  /** The setup being drawn; null before the first run. */
  setup: LabSetup | null;
  series: LabSeries;
  /** The last step on screen. */
  step: number;
  status: ToyRunStatus;
  /** Counts runs, so what belongs to one run (a save result) can reset with the next. */
  runNumber: number;
}

const IDLE: ToyRunView = { setup: null, series: emptyLabSeries(), step: 0, status: "idle", runNumber: 0 };

/**
 * Runs the toy model in the browser a chunk of steps per animation frame, paced by wall time (live-pace.ts),
 * so the charts fill over a few seconds and the page stays responsive; stop() keeps what was drawn.
 */
export function useToyRun() {
  const [view, setView] = useState<ToyRunView>(IDLE);
  const frame = useRef<number | null>(null);
  const runs = useRef(0);

  const cancel = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  const start = useCallback(
    (setup: LabSetup) => {
      cancel();
      const records = iterateToyModel(toLiveToyOptions(setup));
      let series = emptyLabSeries();
      let step = -1;
      let startedAt: number | null = null;
      runs.current += 1;
      const runNumber = runs.current;
      setView({ setup, series, step: 0, status: "running", runNumber });
      const tick = (now: number) => {
        startedAt ??= now;
        const due = stepsDue(now - startedAt, setup.steps);
        const chunk: ToyRecord[] = [];
        while (step < due) {
          const next = records.next();
          if (next.done) break;
          chunk.push(next.value);
          step = next.value.step;
        }
        series = appendToyRecords(series, chunk);
        const done = step >= setup.steps;
        setView({ setup, series, step: Math.max(step, 0), status: done ? "done" : "running", runNumber });
        frame.current = done ? null : requestAnimationFrame(tick);
      };
      frame.current = requestAnimationFrame(tick);
    },
    [cancel],
  );

  const stop = useCallback(() => {
    cancel();
    setView((v) => (v.status === "running" ? { ...v, status: "stopped" } : v));
  }, [cancel]);

  return { view, start, stop };
}
