"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { withSearchParam } from "@/lib/comparisons/view/overlay-params";

/**
 * One query parameter as state. Writing goes through history.pushState, which Next.js syncs with
 * useSearchParams: the URL (and Back) follow, without a server round trip for state the browser alone draws.
 */
export function useUrlParam(key: string): [string | null, (value: string | null) => void] {
  const params = useSearchParams();
  const set = useCallback((value: string | null) => window.history.pushState(null, "", withSearchParam(window.location.search, key, value)), [key]);
  return [params.get(key), set];
}
