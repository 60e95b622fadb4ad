// A seeded generator so that a toy run is a pure function of its options: the same seed gives the same
// curves in a test, in the live lab, and in a paper figure. Math.random cannot be seeded.

/** mulberry32: 32-bit state, passes the statistical tests that matter at this scale, five lines long. */
export function createMulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller; 1 - u keeps log away from 0. */
export function createNormal(uniform: () => number): () => number {
  return () => {
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}
