// Assertions shared by the regression, divergence, embedding and composite loss tests.
import * as tf from "@tensorflow/tfjs-core";
import { expect } from "vitest";
import { LossInputError } from "../../src/core/errors";

/** A number or a nested array of numbers, as expected values are written. */
export type Expected = number | Expected[];

function flat(value: Expected): number[] {
  return typeof value === "number" ? [value] : value.flatMap(flat);
}

function shapeOf(value: Expected): number[] {
  return typeof value === "number" ? [] : [value.length, ...(value.length > 0 ? shapeOf(value[0]) : [])];
}

/**
 * Asserts that `actual` has the shape of `expected` and its values within the parity tolerance
 * |a − b| ≤ 1e-5 + 1e-4·|b| (NaN only where NaN is expected, ±∞ exactly). Disposes `actual`.
 */
export function expectTensor(actual: tf.Tensor, expected: Expected): void {
  const values = Array.from(actual.dataSync());
  const shape = actual.shape;
  actual.dispose();
  expect(shape).toEqual(shapeOf(expected));
  flat(expected).forEach((b, i) => {
    const a = values[i];
    if (Number.isNaN(b) || !Number.isFinite(b)) {
      expect(a, `flat index ${i}`).toBe(b);
    } else {
      expect(Math.abs(a - b), `flat index ${i}: got ${a}, expected ${b}`).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(b));
    }
  });
}

/** f applied to tensors made from `args`; those tensors are disposed, the result is the caller's. */
export function apply(f: (...xs: tf.Tensor[]) => tf.Tensor, args: Expected[]): tf.Tensor {
  return tf.tidy(() => f(...args.map((a) => tf.tensor(a as number[]))));
}

/**
 * d(sum(f(...args)))/d(arg) for every arg, by tfjs autodiff; `args` are made into tensors here
 * and disposed with the gradients' other intermediates.
 */
export function gradients(f: (...xs: tf.Tensor[]) => tf.Tensor, args: Expected[]): tf.Tensor[] {
  const tensors = args.map((a) => tf.tensor(a as number[]));
  const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(f(...xs)))(tensors);
  tf.dispose(tensors);
  return grads;
}

/** Asserts each gradient of sum(f(...args)) against `expected` (see expectTensor). */
export function expectGradients(f: (...xs: tf.Tensor[]) => tf.Tensor, args: Expected[], expected: Expected[]): void {
  const grads = gradients(f, args);
  expect(grads).toHaveLength(expected.length);
  grads.forEach((g, i) => expectTensor(g, expected[i]));
}

/**
 * Asserts that `call` throws a LossInputError from function `fn` about `argument`, whose message
 * matches `detail` and names the function and the argument.
 */
export function expectLossInputError(call: () => unknown, fn: string, argument: string, detail: RegExp): void {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(LossInputError);
  const error = thrown as LossInputError;
  expect([error.fn, error.argument]).toEqual([fn, argument]);
  expect(error.message.startsWith(`${fn}: ${argument}: `)).toBe(true);
  expect(error.message).toMatch(detail);
}

/**
 * Runs `call` once to warm up, then again, and asserts that only its result outlived it; the
 * result is disposed. Also checks a failing call leaves nothing behind when `failing` is given.
 */
export function expectNoLeak(call: () => tf.Tensor, failing?: () => unknown): void {
  call().dispose();
  const before = tf.memory().numTensors;
  const result = call();
  expect(tf.memory().numTensors).toBe(before + 1);
  result.dispose();
  if (failing !== undefined) {
    expect(failing).toThrow(LossInputError);
    expect(tf.memory().numTensors).toBe(before);
  }
}
