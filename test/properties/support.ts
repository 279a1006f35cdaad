// What the property suites share beyond test/support: seeded fast-check settings, float32
// arbitraries, and helpers that read tensors back (disposing them) and take autodiff gradients.
import * as tf from "@tensorflow/tfjs-core";
import * as fc from "fast-check";
import { expect } from "vitest";
import type { Reduction } from "../../src/core/reduction";
import { expectClose, gradients } from "../support";

/** Every property runs from the same seed, so a failure reproduces. */
export const RUNS = { seed: 42, numRuns: 25 } as const;

/** The one value of a scalar tensor, which is disposed. */
export function scalarOf(t: tf.Tensor): number {
  const value = t.dataSync()[0];
  t.dispose();
  return value;
}

/** The flat values of a tensor, which is disposed. */
export function valuesOf(t: tf.Tensor): number[] {
  const values = Array.from(t.dataSync());
  t.dispose();
  return values;
}

type Nested = number | Nested[];

/**
 * tfjs autodiff: the gradient of sum(f(...args)) with respect to each argument, flattened.
 * The arguments are plain arrays; every tensor made here is disposed.
 */
export function gradientsOf(f: (...xs: tf.Tensor[]) => tf.Tensor, ...args: Nested[]): number[][] {
  return gradients(f, args).map(valuesOf);
}

/** A float32 in [min, max] (bounds must be float32 values), never NaN or infinite. */
export function float32(min: number, max: number): fc.Arbitrary<number> {
  return fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true, noDefaultInfinity: true });
}

/** A list of n float32s in [min, max]. */
export function vectorOf(n: number, min: number, max: number): fc.Arbitrary<number[]> {
  return fc.array(float32(min, max), { minLength: n, maxLength: n });
}

/** An n×m matrix of float32s in [min, max]. */
export function matrixOf(n: number, m: number, min: number, max: number): fc.Arbitrary<number[][]> {
  return fc.array(vectorOf(m, min, max), { minLength: n, maxLength: n });
}

/** A non-zero float32 in ±[min, max]: a difference that stays away from a kink at 0. */
export function awayFromZero(min: number, max: number): fc.Arbitrary<number> {
  return fc.tuple(float32(min, max), fc.boolean()).map(([magnitude, negative]) => (negative ? -magnitude : magnitude));
}

/** A length from 1 to 6: the size of a batch or a vector. */
export const size = fc.integer({ min: 1, max: 6 });

/** A number of classes from 2 to 5. */
export const classCount = fc.integer({ min: 2, max: 5 });

/** Input and target vectors of one random length, entries in [−10, 10]. */
export const inputAndTarget = size.chain((n) => fc.tuple(vectorOf(n, -10, 10), vectorOf(n, -10, 10)));

/**
 * A probability vector of length n, every entry ≥ 0.01/n, rounded to float32 (so its sum is 1
 * to about 1e-7).
 */
export function probabilitiesOf(n: number): fc.Arbitrary<number[]> {
  return vectorOf(n, 0.01, 1).map((weights) => {
    const total = weights.reduce((s, w) => s + w, 0);
    return weights.map((w) => Math.fround(w / total));
  });
}

/** Rows of class probabilities, shape [n, c]. */
export function probabilityRowsOf(n: number, c: number): fc.Arbitrary<number[][]> {
  return fc.array(probabilitiesOf(c), { minLength: n, maxLength: n });
}

/** Class indices in [0, c), n of them. */
export function classIndicesOf(n: number, c: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: n, maxLength: n });
}

/** A batch of logits [n, c] with their class-index targets [n]. */
export const logitsAndClasses = fc
  .tuple(size, classCount)
  .chain(([n, c]) => fc.tuple(matrixOf(n, c, -10, 10), classIndicesOf(n, c)));

/** A batch of logits [n, c] with class-probability targets [n, c]. */
export const logitsAndProbabilities = fc
  .tuple(size, classCount)
  .chain(([n, c]) => fc.tuple(matrixOf(n, c, -10, 10), probabilityRowsOf(n, c)));

/** Asserts that every value is ≥ −slack (NaN fails). */
export function expectNonNegative(values: number[], slack = 0): void {
  expect(values.filter((v) => !(v >= -slack))).toEqual([]);
}

/** Asserts a loss's "sum" equals its "mean" times the number of per-element losses. */
export function expectSumIsMeanTimesCount(loss: (reduction: Reduction) => tf.Tensor): void {
  const count = valuesOf(loss("none")).length;
  expectClose(scalarOf(loss("sum")), scalarOf(loss("mean")) * count);
}
