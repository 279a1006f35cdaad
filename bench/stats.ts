// Summaries of repeated timings and the ratios between them. Pure: no tfjs, no clock.

/** The spread of one measurement's repeated runs, in milliseconds. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many timed runs (after warm-up) the summary covers. */
  runs: number;
}

/**
 * Median, minimum and maximum of timed runs. The median of an even count is the mean of the two
 * middle values.
 * @throws RangeError when there are no samples or one is not a finite number.
 */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError("summarize: expected at least one sample, got none");
  const bad = samples.find((s) => !Number.isFinite(s));
  if (bad !== undefined) throw new RangeError(`summarize: expected finite samples, got ${bad}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** numerator / denominator, or null when either is missing or the denominator is not positive. */
export function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || !(denominator > 0)) return null;
  return numerator / denominator;
}

/**
 * Whether two computed loss values are the same loss: |a − b| ≤ 1e-5 + 1e-2·|b|. Loose on purpose:
 * a float32 mean of 4 million terms accumulated one by one drifts by a few 1e-3 (tfjs's sums do),
 * while a wrong formula or reduction is off by far more.
 */
export function valuesAgree(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-5 + 1e-2 * Math.abs(b);
}
