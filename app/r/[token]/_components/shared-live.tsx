"use client";

import { useRouter } from "next/navigation";
import { LiveIndicator } from "@/components/live/live-indicator";
import { useSharedLive } from "@/lib/live/hooks";

/** A live link follows its run (or the rows of the runs its runs report lists or its drawn view draws) as they are written. */
export function SharedLive({ token, since }: { token: string; since: number }) {
  const router = useRouter();
  const live = useSharedLive(token, since, () => router.refresh());
  return <LiveIndicator state={live.state} events={live.events} />;
}
