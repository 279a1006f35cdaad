/**
 * A small seeded random source for the demo datasets: the same seed gives the same numbers on
 * every machine, so a notebook's printed values can be asserted.
 *
 * Uniform numbers come from mulberry32 (a 32-bit generator by Tommy Ettinger: one state word,
 * full period 2^32, good enough for demos, not for cryptography). Normal numbers come from the
 * Box–Muller transform, which turns two uniforms u1, u2 into two independent standard normals
 *
 *   z0 = √(−2 ln u1) · cos(2π u2),   z1 = √(−2 ln u1) · sin(2π u2).
 */
export interface Random {
  /** A uniform number in [0, 1). */
  uniform(): number;
  /** A normal number with the given mean (default 0) and standard deviation (default 1). */
  normal(mean?: number, std?: number): number;
  /** A uniform integer in [0, n). */
  integer(n: number): number;
  /** A new array with the items of `items` in a uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: returns a function giving the next uniform number in [0, 1) on each call. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded random source. `seed` is any integer (taken modulo 2^32).
 * @throws RangeError when `seed` is not an integer.
 */
export function seededRandom(seed: number): Random {
  if (!Number.isInteger(seed)) {
    throw new RangeError(`seededRandom: seed: expected an integer, got ${seed}`);
  }
  const next = mulberry32(seed);
  let spareNormal: number | null = null;

  function standardNormal(): number {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return z;
    }
    const u1 = 1 - next(); // in (0, 1]: the logarithm stays finite
    const u2 = next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }

  return {
    uniform: next,
    normal: (mean = 0, std = 1) => mean + std * standardNormal(),
    integer: (n) => Math.floor(next() * n),
    shuffle<T>(items: readonly T[]): T[] {
      const result = items.slice();
      for (let i = result.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [result[i], result[j]] = [result[j], result[i]];
      }
      return result;
    },
  };
}
