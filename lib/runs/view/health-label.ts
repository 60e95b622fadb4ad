/** "7 min", "45 s", "3 h": how long a run has been silent, in the unit a reader takes in at once. */
export function formatSilence(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s} s`;
  if (s < 120 * 60) return `${Math.floor(s / 60)} min`;
  return `${Math.floor(s / 3600)} h`;
}

/** The tooltip of a stale or crashed run's badge: "no data or heartbeat for 7 min". */
export function silenceTitle(lastSeenAt: string, now: number): string {
  return `no data or heartbeat for ${formatSilence((now - Date.parse(lastSeenAt)) / 1000)}`;
}
