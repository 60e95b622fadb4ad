"use client";

import { useRef, type KeyboardEvent, type PointerEvent } from "react";
import { heightToProbability, probabilityToHeight, responseGroup, setProbability, type ResponseGroup } from "@/lib/lab/distribution";

const BAR_COLORS: Record<ResponseGroup, string> = { chosen: "bg-blue-500", rejected: "bg-red-500", unseen: "bg-slate-400" };
const LABEL_COLORS: Record<ResponseGroup, string> = { chosen: "text-blue-700", rejected: "text-red-700", unseen: "text-slate-500" };
/** Gridlines where the square-root scale puts round probabilities. */
const GRID = [0.01, 0.1, 0.25, 0.5, 1];

/**
 * The ten starting probabilities as bars to drag (or to step with the arrow keys); the others rescale as one
 * moves, so the numbers always sum to 1. Heights are √p, which keeps 0.01 and 0.001 far enough apart to grab.
 */
export function DistributionEditor({ value, onChange }: { value: number[]; onChange: (next: number[]) => void }) {
  // Each drag rescales from the distribution it started on, so dragging back restores the other bars.
  const dragBase = useRef<number[]>(value);

  const setFromPointer = (index: number, event: PointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    onChange(setProbability(dragBase.current, index, heightToProbability((rect.bottom - event.clientY) / rect.height)));
  };

  const onKeyDown = (index: number, event: KeyboardEvent<HTMLDivElement>) => {
    const stepBy = event.shiftKey ? 0.1 : 0.02;
    const height = probabilityToHeight(value[index]!);
    const next = { ArrowUp: height + stepBy, ArrowRight: height + stepBy, ArrowDown: height - stepBy, ArrowLeft: height - stepBy, Home: 0, End: 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onChange(setProbability(value, index, heightToProbability(next)));
  };

  const sum = value.reduce((a, b) => a + b, 0);
  return (
    <div>
      <div className="flex gap-1.5">
        <div className="relative mt-5 h-44 w-7 shrink-0 text-right text-[10px] text-slate-500" aria-hidden>
          {GRID.map((p) => (
            <span key={p} className="absolute right-0 translate-y-1/2" style={{ bottom: `${probabilityToHeight(p) * 100}%` }}>
              {p}
            </span>
          ))}
        </div>
        {value.map((p, index) => {
          const group = responseGroup(index);
          return (
            <div key={index} className="flex min-w-0 flex-1 flex-col items-center">
              <span className={`h-5 font-mono text-[10px] leading-5 tabular-nums ${LABEL_COLORS[group]}`} data-testid={`probability-${index + 1}`}>
                {p.toFixed(3)}
              </span>
              <div
                role="slider"
                tabIndex={0}
                aria-label={`Response ${index + 1} (${group})`}
                aria-valuemin={0}
                aria-valuemax={1}
                aria-valuenow={Number(p.toFixed(4))}
                aria-valuetext={p.toFixed(3)}
                className="relative h-44 w-full cursor-ns-resize touch-none rounded-sm bg-slate-50 ring-1 ring-slate-200 outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
                onPointerDown={(event) => {
                  event.currentTarget.setPointerCapture(event.pointerId);
                  dragBase.current = value;
                  setFromPointer(index, event);
                }}
                onPointerMove={(event) => {
                  if (event.currentTarget.hasPointerCapture(event.pointerId)) setFromPointer(index, event);
                }}
                onKeyDown={(event) => onKeyDown(index, event)}
              >
                {GRID.slice(0, -1).map((g) => (
                  <div key={g} className="absolute inset-x-0 border-t border-dashed border-slate-200" style={{ bottom: `${probabilityToHeight(g) * 100}%` }} />
                ))}
                <div className={`absolute inset-x-0.5 bottom-0 rounded-t-sm ${BAR_COLORS[group]}`} style={{ height: `${probabilityToHeight(p) * 100}%` }} />
              </div>
              <span className="mt-1 text-xs text-slate-600">{index + 1}</span>
            </div>
          );
        })}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-2.5 gap-y-1 pl-8 text-xs text-slate-600">
        <Legend color="bg-blue-500" label="chosen" />
        <Legend color="bg-red-500" label="rejected" />
        <Legend color="bg-slate-400" label="unseen (no pair)" />
        <span className="ml-auto font-mono tabular-nums" data-testid="distribution-sum">
          Σ = {sum.toFixed(3)}
        </span>
      </div>
    </div>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span className={`inline-block h-2.5 w-2.5 rounded-sm ${color}`} />
      {label}
    </span>
  );
}
