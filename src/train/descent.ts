// What the training loops share: plain gradient descent, seeded initial weights, option checks,
// and reading trained weights back as plain arrays. Not re-exported: building blocks only.
import * as tf from "@tensorflow/tfjs-core";
import { seededRandom } from "../data/random";

/**
 * Minimises `objective` over `variables` with `steps` steps of plain gradient descent
 * (θ ← θ − learningRate · ∂objective/∂θ). Returns the objective before each step and after the
 * last: steps + 1 values. `afterStep` sees the variables after each step (to record a history).
 */
export function descend(
  objective: () => tf.Scalar,
  variables: tf.Variable[],
  { learningRate, steps }: { learningRate: number; steps: number },
  afterStep: () => void = () => {},
): number[] {
  const optimizer = tf.train.sgd(learningRate);
  const history: number[] = [];
  try {
    for (let step = 0; step < steps; step++) {
      const cost = optimizer.minimize(objective, true, variables) as tf.Scalar;
      history.push(cost.dataSync()[0]);
      cost.dispose();
      afterStep();
    }
    history.push(tf.tidy(() => objective().dataSync()[0]));
  } finally {
    optimizer.dispose();
  }
  return history;
}

/**
 * A trainable variable holding the value `create` makes. The value tensor itself is disposed
 * (tf.variable copies the reference, so a bare tf.variable(tf.zeros(...)) would leak one).
 */
export function variableOf(create: () => tf.Tensor): tf.Variable {
  return tf.tidy(() => tf.variable(create()));
}

/** A [rows, columns] variable of normal numbers with standard deviation `std`, drawn from `seed`. */
export function seededMatrix(seed: number, rows: number, columns: number, std: number): tf.Variable {
  const random = seededRandom(seed);
  const values = Float32Array.from({ length: rows * columns }, () => random.normal(0, std));
  return variableOf(() => tf.tensor2d(values, [rows, columns]));
}

/** A variable of zeros, for biases. */
export function zeros(shape: number[]): tf.Variable {
  return variableOf(() => tf.zeros(shape));
}

/** A 2-D variable's values as rows of numbers. */
export function readMatrix(matrix: tf.Variable): number[][] {
  return matrix.arraySync() as number[][];
}

/** Disposes the variables a loop created, whatever happened. */
export function disposeAll(variables: tf.Variable[]): void {
  for (const v of variables) v.dispose();
}

/** Row-vector times matrix plus bias, in plain numbers: what a trained linear layer computes. */
export function affine(
  row: readonly number[],
  weights: readonly (readonly number[])[],
  bias: readonly number[],
): number[] {
  return bias.map((b, j) => row.reduce((sum, xi, i) => sum + xi * weights[i][j], b));
}

/** Index of the largest value (the first, on ties). */
export function argmax(values: readonly number[]): number {
  return values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
}

/** @throws RangeError unless learningRate > 0 and steps is an integer ≥ 0. */
export function checkSchedule(fn: string, learningRate: number, steps: number): void {
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
    throw new RangeError(`${fn}: learningRate: expected a finite number > 0, got ${learningRate}`);
  }
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`${fn}: steps: expected an integer ≥ 0, got ${steps}`);
  }
}

/** @throws RangeError unless `values` has `expected` entries. */
export function checkLength(fn: string, name: string, values: { length: number }, expected: number): void {
  if (values.length !== expected) {
    throw new RangeError(`${fn}: ${name}: expected ${expected} entries (one per example), got ${values.length}`);
  }
}

/**
 * @throws RangeError unless `rows` is a non-empty list of rows of equal length; returns that
 * length (the number of features).
 */
export function checkRows(fn: string, name: string, rows: readonly (readonly number[])[]): number {
  if (rows.length === 0) throw new RangeError(`${fn}: ${name}: expected at least one row, got none`);
  const width = rows[0].length;
  const ragged = rows.findIndex((row) => row.length !== width);
  if (ragged >= 0 || width === 0) {
    const at = ragged >= 0 ? ragged : 0;
    throw new RangeError(
      `${fn}: ${name}: expected rows of ${width || "≥ 1"} numbers, got ${rows[at].length} in row ${at}`,
    );
  }
  return width;
}

/** @throws RangeError unless every label is an integer in [0, classes); returns the class count. */
export function checkLabels(fn: string, name: string, labels: readonly number[], classes?: number): number {
  const count = classes ?? Math.max(...labels) + 1;
  const bad = labels.findIndex((l) => !Number.isInteger(l) || l < 0 || l >= count);
  if (bad >= 0) {
    throw new RangeError(`${fn}: ${name}: expected class indices in [0, ${count}), got ${labels[bad]} at index ${bad}`);
  }
  return count;
}
