const FIXED: Record<string, string> = { dpo: "#2563eb", reward_model: "#dc2626" };
const PALETTE = ["#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"];

/** DPO blue and the reward model red everywhere on the page; other methods by a stable hash of their name. */
export function methodColor(method: string): string {
  if (FIXED[method]) return FIXED[method];
  let hash = 0;
  for (const ch of method) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
