"use client";

import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { tableStateToSearch, type TableState } from "@/lib/comparisons/view/table-state";

/**
 * Writes a table state to the URL (the page re-renders on the server). The controls show the new state at once
 * (optimistic) rather than snapping back until the server answers; `pending` while it is under way.
 */
export function useTableNavigation(state: TableState) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [current, setCurrent] = useOptimistic(state);
  const apply = (next: TableState) =>
    startTransition(() => {
      setCurrent(next);
      router.push(`?${tableStateToSearch(next)}`, { scroll: false });
    });
  return { state: current, apply, pending };
}
