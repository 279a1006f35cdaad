// Timing repeated runs. The clock is a parameter, so the logic is testable without one.

export interface Repetitions {
  /** Untimed rounds first. */
  warmup: number;
  /** At most this many timed rounds. */
  reps: number;
  /**
   * Stop after the round in which the timed runs reach this many milliseconds in all (at least
   * one round is always timed), so that a slow backend does not stretch the run for minutes.
   */
  budgetMs: number;
}

/**
 * Runs every contender `warmup` times untimed, then times rounds in which each contender runs once,
 * interleaved (a, b, a, b, …) so that a machine whose load changes during the run slows every
 * contender alike; `reps` rounds, or fewer once `budgetMs` is spent. Returns each contender's timed
 * runs in milliseconds (as many for each).
 * @throws RangeError when warmup < 0, reps < 1 or budgetMs ≤ 0.
 */
export function timeInterleaved(
  contenders: Readonly<Record<string, () => void>>,
  { warmup, reps, budgetMs }: Repetitions,
  now: () => number = () => performance.now(),
): Record<string, number[]> {
  if (!(warmup >= 0) || !(reps >= 1) || !(budgetMs > 0)) {
    throw new RangeError(
      `timeInterleaved: expected warmup ≥ 0, reps ≥ 1 and budgetMs > 0, got ${warmup}, ${reps} and ${budgetMs}`,
    );
  }
  const names = Object.keys(contenders);
  for (let i = 0; i < warmup; i++) for (const name of names) contenders[name]();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  let spent = 0;
  for (let i = 0; i < reps && spent < budgetMs; i++) {
    for (const name of names) {
      const start = now();
      contenders[name]();
      const elapsed = now() - start;
      samples[name].push(elapsed);
      spent += elapsed;
    }
  }
  return samples;
}
