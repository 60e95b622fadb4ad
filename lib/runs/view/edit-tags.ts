/** A run's tags after a bulk edit: removed ones gone, added ones after the rest (each once, in the order given). */
export function editTags(tags: string[], add: string[] = [], remove: string[] = []): string[] {
  const removed = new Set(remove);
  const kept = tags.filter((t) => !removed.has(t));
  for (const tag of add) if (!kept.includes(tag)) kept.push(tag);
  return kept;
}
