"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { SortDirection } from "@/lib/runs/view/sort-rows";

export interface TableState {
  sort: string;
  direction: SortDirection;
  /** Grouping columns, outermost first (`group=config.scenario,algorithm`); empty for none. */
  group: string[];
}

/** Sort and grouping live in the URL with the filter and the columns: a table view is a link. */
export function useTableState(): [TableState, (next: Partial<TableState> & { cols?: string[] }) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state: TableState = {
    sort: params.get("sort") ?? "created",
    direction: params.get("dir") === "asc" ? "asc" : "desc",
    group: (params.get("group") ?? "").split(",").filter(Boolean),
  };
  const update = (next: Partial<TableState> & { cols?: string[] }) => {
    const query = new URLSearchParams(params);
    if (next.sort !== undefined) query.set("sort", next.sort);
    if (next.direction !== undefined) query.set("dir", next.direction);
    if (next.group !== undefined) {
      if (next.group.length) query.set("group", next.group.join(","));
      else query.delete("group");
    }
    if (next.cols) query.set("cols", next.cols.join(","));
    // Columns change what the server fetches; sorting and grouping happen here.
    if (next.cols) router.push(`${pathname}?${query}`, { scroll: false });
    else router.replace(`${pathname}?${query}`, { scroll: false });
  };
  return [state, update];
}
