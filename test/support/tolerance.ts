// The float32 tolerance, written once: tfjs computes in float32, the references (PyTorch in float64,
// hand arithmetic) are exact to far more digits. No vitest here, so the parity CLI can use it too.

/** |a − b| ≤ atol + rtol·|b|. */
export interface Tolerance {
  atol: number;
  rtol: number;
}

/** float32 results against float64 references. */
export const FLOAT32: Tolerance = { atol: 1e-5, rtol: 1e-4 };

/** Whether `actual` is within `tolerance` of `expected`; NaN only equals NaN, infinities are exact. */
export function close(actual: number, expected: number, { atol, rtol }: Tolerance = FLOAT32): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.isNaN(actual) && Number.isNaN(expected);
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}
