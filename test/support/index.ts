// The helpers every suite shares: tolerances, tensor expectations, gradients, leak checks and the
// LossInputError expectation. One copy, so that what "close" or "no leak" means is decided once.
import * as tf from "@tensorflow/tfjs-core";
import { expect } from "vitest";
import { LossInputError } from "../../src/core/errors";
import { close, FLOAT32, type Tolerance } from "./tolerance";

export { close, FLOAT32, type Tolerance } from "./tolerance";

/** A number or a nested array of numbers, as expected values are written. */
export type Expected = number | Expected[];

function flat(value: Expected): number[] {
  return typeof value === "number" ? [value] : value.flatMap(flat);
}

function shapeOf(value: Expected): number[] {
  return typeof value === "number" ? [] : [value.length, ...(value.length > 0 ? shapeOf(value[0]) : [])];
}

export function expectClose(actual: number, expected: number, tolerance: Tolerance = FLOAT32): void {
  expect(close(actual, expected, tolerance), `got ${actual}, expected ${expected}`).toBe(true);
}

export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance = FLOAT32,
): void {
  const a = Array.from(actual);
  const b = Array.from(expected);
  expect(a.length).toBe(b.length);
  const bad = a.findIndex((v, i) => !close(v, b[i], tolerance));
  expect(bad, `entry ${bad}: got ${a[bad]}, expected ${b[bad]}\nactual:   ${a}\nexpected: ${b}`).toBe(-1);
}

/**
 * Asserts that `actual` has `shape` (by default the nesting of `expected`) and its values within the
 * float32 tolerance (NaN only where NaN is expected, ±∞ exactly). Disposes `actual`.
 */
export function expectTensor(actual: tf.Tensor, expected: Expected, shape: number[] = shapeOf(expected)): void {
  const values = Array.from(actual.dataSync());
  const actualShape = actual.shape;
  actual.dispose();
  expect(actualShape).toEqual(shape);
  expectAllClose(values, flat(expected));
}

/** f applied to tensors made from `args`; those tensors are disposed, the result is the caller's. */
export function apply(f: (...xs: tf.Tensor[]) => tf.Tensor, args: Expected[]): tf.Tensor {
  return tf.tidy(() => f(...args.map((a) => tf.tensor(a as number[]))));
}

/** d(sum(f(...xs)))/dx for every tensor x, by tfjs autodiff. */
export function gradsOf(f: (...xs: tf.Tensor[]) => tf.Tensor, ...xs: tf.Tensor[]): tf.Tensor[] {
  return tf.grads((...ts: tf.Tensor[]) => tf.sum(f(...ts)))(xs);
}

/** gradsOf for arguments given as arrays, made into tensors here and disposed. */
export function gradients(f: (...xs: tf.Tensor[]) => tf.Tensor, args: Expected[]): tf.Tensor[] {
  const tensors = args.map((a) => tf.tensor(a as number[]));
  const grads = gradsOf(f, ...tensors);
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
 * matches `detail` and begins with the function and the argument.
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

/** Runs `run` and asserts that it leaves no tensor behind: for calls that return no tensor. */
export function expectNoTensorLeft(run: () => unknown): void {
  const before = tf.memory().numTensors;
  run();
  expect(tf.memory().numTensors).toBe(before);
}
