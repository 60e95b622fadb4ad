// The inspector's orderings and quadrants, apart from the contract's schemas: the inspector (a client component)
// needs the lists, and importing them from contract.ts put zod (114 kB) in the run page's JavaScript.

/** How the inspector ranks pairs; each is one column of `rankedPairSchema`. */
export const PAIR_SORTS = ["d_chosen", "d_rejected", "leaked", "margin", "grad_ratio"] as const;
export type PairSort = (typeof PAIR_SORTS)[number];
/** The sign quadrants of (Δ log πw, Δ log πl); a change of exactly 0 counts as up, a non-finite one as in none. */
export const PAIR_QUADRANTS = ["both_down", "chosen_up_rejected_down", "both_up", "chosen_down_rejected_up"] as const;
export type PairQuadrant = (typeof PAIR_QUADRANTS)[number];
