"use client";

import { useEffect, useState, type RefObject } from "react";

/** Charts waiting off-screen: drawn one per idle period, after the ones in view. */
const waiting: (() => void)[] = [];
let scheduled = false;

function drawNextWhenIdle(): void {
  if (scheduled) return;
  scheduled = true;
  const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 50));
  idle(() => {
    scheduled = false;
    waiting.shift()?.();
    if (waiting.length > 0) drawNextWhenIdle();
  });
}

/**
 * Whether a chart should be drawn yet: at once when it is in (or near) the viewport, otherwise when the page is idle,
 * one chart at a time. A page of 30 charts shows the ones in view first and stays responsive while the rest follow
 * (drawing them all at once held the first one back until the last was done).
 */
export function useDrawSoon(ref: RefObject<Element | null>): boolean {
  const [draw, setDraw] = useState(false);
  useEffect(() => {
    const node = ref.current;
    if (draw || !node) return;
    const show = () => setDraw(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), { rootMargin: "200px" });
    observer.observe(node);
    waiting.push(show);
    drawNextWhenIdle();
    return () => {
      observer.disconnect();
      const at = waiting.indexOf(show);
      if (at >= 0) waiting.splice(at, 1);
    };
  }, [ref, draw]);
  return draw;
}
