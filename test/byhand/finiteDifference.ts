// Central finite differences in float64, the independent check of every analytic gradient:
//   ∂f/∂xᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h, with error O(h²) where f is smooth.

const STEP = 1e-6;

/** x with h added to entry i. */
function nudged(x: readonly number[], i: number, h: number): number[] {
  return x.map((xj, j) => (j === i ? xj + h : xj));
}

/** The numeric gradient of a scalar function of a vector. */
export function numericGradient(f: (x: number[]) => number, x: readonly number[]): number[] {
  return x.map((_, i) => (f(nudged(x, i, STEP)) - f(nudged(x, i, -STEP))) / (2 * STEP));
}

/** The numeric Jacobian of a vector function of a vector: row i is the gradient of output i. */
export function numericJacobian(f: (x: number[]) => number[], x: readonly number[]): number[][] {
  const columns = x.map((_, j) => {
    const up = f(nudged(x, j, STEP));
    const down = f(nudged(x, j, -STEP));
    return up.map((u, i) => (u - down[i]) / (2 * STEP));
  });
  return columns[0].map((_, i) => columns.map((column) => column[i]));
}

/** Rows of a matrix laid end to end, and back: lets a vector check cover [N][D] arguments. */
export function flatten(rows: readonly number[][]): number[] {
  return rows.flat();
}

export function unflatten(flat: readonly number[], columns: number): number[][] {
  const rows: number[][] = [];
  for (let start = 0; start < flat.length; start += columns) rows.push(flat.slice(start, start + columns));
  return rows;
}

/** Asserts two vectors agree entry by entry to |a − b| ≤ tol (1 + |b|). */
export function expectClose(actual: readonly number[], expected: readonly number[], tol = 1e-6): void {
  if (actual.length !== expected.length) {
    throw new Error(`length ${actual.length} differs from expected ${expected.length}`);
  }
  actual.forEach((a, i) => {
    if (!(Math.abs(a - expected[i]) <= tol * (1 + Math.abs(expected[i])))) {
      throw new Error(
        `entry ${i}: got ${a}, expected ${expected[i]} (tolerance ${tol})\n` +
          `actual:   [${actual.join(", ")}]\nexpected: [${expected.join(", ")}]`,
      );
    }
  });
}
