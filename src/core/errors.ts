import * as tf from "@tensorflow/tfjs-core";

/**
 * Thrown when a loss is called with input it cannot accept. The message names the function,
 * the argument, and what was expected versus given, in the spirit of PyTorch's messages:
 *   mseLoss: target: expected shape [2,3] (the shape of input), got [3]
 */
export class LossInputError extends Error {
  constructor(
    readonly fn: string,
    readonly argument: string,
    readonly detail: string,
  ) {
    super(`${fn}: ${argument}: ${detail}`);
    this.name = "LossInputError";
  }
}

/** Formats a shape the way messages show it: [2,3]; a scalar is []. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** @throws LossInputError unless `actual` has exactly the shape of `reference`. */
export function checkSameShape(
  fn: string,
  name: string,
  actual: tf.Tensor,
  referenceName: string,
  reference: tf.Tensor,
): void {
  if (!sameShape(actual.shape, reference.shape)) {
    throw new LossInputError(
      fn,
      name,
      `expected shape ${formatShape(reference.shape)} (the shape of ${referenceName}), got ${formatShape(actual.shape)}`,
    );
  }
}

/** @throws LossInputError unless `t` has exactly `shape`. */
export function checkShape(fn: string, name: string, t: tf.Tensor, shape: readonly number[]): void {
  if (!sameShape(t.shape, shape)) {
    throw new LossInputError(fn, name, `expected shape ${formatShape(shape)}, got ${formatShape(t.shape)}`);
  }
}

/** @throws LossInputError unless the rank of `t` is one of `ranks`. */
export function checkRank(fn: string, name: string, t: tf.Tensor, ranks: readonly number[]): void {
  if (!ranks.includes(t.rank)) {
    const expected = ranks.length === 1 ? `${ranks[0]}` : `one of ${ranks.join(", ")}`;
    throw new LossInputError(
      fn,
      name,
      `expected a tensor of rank ${expected}, got rank ${t.rank} (shape ${formatShape(t.shape)})`,
    );
  }
}

/**
 * @throws LossInputError unless `t` can be broadcast to `shape` (numpy rules, trailing axes),
 * without growing `shape` itself.
 */
export function checkBroadcastableTo(
  fn: string,
  name: string,
  t: tf.Tensor,
  shape: readonly number[],
): void {
  const offset = shape.length - t.rank;
  const fits = offset >= 0 && t.shape.every((d, i) => d === 1 || d === shape[offset + i]);
  if (!fits) {
    throw new LossInputError(
      fn,
      name,
      `expected a shape broadcastable to ${formatShape(shape)}, got ${formatShape(t.shape)}`,
    );
  }
}

/** @throws LossInputError unless every element satisfies `predicate`; names the first offender. */
export function checkValues(
  fn: string,
  name: string,
  t: tf.Tensor,
  expected: string,
  predicate: (value: number) => boolean,
): void {
  const values = t.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (!predicate(values[i])) {
      throw new LossInputError(fn, name, `expected ${expected}, got ${values[i]} at flat index ${i}`);
    }
  }
}

/** @throws LossInputError unless `value` is a finite number satisfying `predicate`. */
export function checkScalarOption(
  fn: string,
  name: string,
  value: unknown,
  expected: string,
  predicate: (value: number) => boolean = () => true,
): number {
  if (typeof value !== "number" || Number.isNaN(value) || !predicate(value)) {
    throw new LossInputError(fn, name, `expected ${expected}, got ${JSON.stringify(value)}`);
  }
  return value;
}
