/**
 * Numbers as a tutorial prints them. A loss computed in float32 reads 0.17999997735 and the same
 * arithmetic in float64 reads 0.17999999999999994; both are 0.18 to the digits that matter.
 */

/** A number, or arrays of them at any depth. */
export type PrintedNumbers = number | readonly PrintedNumbers[];

/**
 * Rounds to `digits` significant digits (default 6), element by element at any depth, for
 * printing; NaN and ±Infinity pass through unchanged. Assert on the unrounded values.
 * @throws RangeError unless `digits` is an integer in [1, 21].
 */
export function rounded(value: number, digits?: number): number;
export function rounded(value: readonly number[], digits?: number): number[];
export function rounded(value: readonly (readonly number[])[], digits?: number): number[][];
export function rounded(value: PrintedNumbers, digits = 6): PrintedNumbers {
  if (!Number.isInteger(digits) || digits < 1 || digits > 21) {
    throw new RangeError(`rounded: digits: expected an integer in [1, 21], got ${digits}`);
  }
  return roundEach(value, digits);
}

function roundEach(value: PrintedNumbers, digits: number): PrintedNumbers {
  if (typeof value === "number") return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
  return value.map((item) => roundEach(item, digits));
}
