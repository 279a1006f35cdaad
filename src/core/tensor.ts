import * as tf from "@tensorflow/tfjs-core";
import { LossInputError } from "./errors";

/** A nested array of numbers, as written in a notebook: 3, [1, 2], [[1, 2], [3, 4]]. */
export type NestedNumbers = number | NestedNumbers[];
/** What every loss accepts for a tensor argument. */
export type TensorLike = tf.Tensor | NestedNumbers | Float32Array | Int32Array;

/**
 * Turns a loss argument into a tensor of `dtype`. A tensor passes through (cast when its dtype
 * differs); arrays are converted. Call it inside the loss's `tf.tidy` so that what it makes is
 * disposed with the rest.
 * @throws LossInputError naming the argument when the value is not numeric or is ragged.
 */
export function toTensor(
  fn: string,
  name: string,
  value: TensorLike,
  dtype: "float32" | "int32" = "float32",
): tf.Tensor {
  if (value instanceof tf.Tensor) {
    return value.dtype === dtype ? value : tf.cast(value, dtype);
  }
  // tf.tensor accepts some ragged arrays ([[1, 2], [3]] becomes a [2,2] tensor of 3 values).
  if (Array.isArray(value) && !isRectangular(value)) {
    throw new LossInputError(fn, name, "expected a tensor or a (nested) array of numbers, got a ragged array");
  }
  try {
    return tf.tensor(value as number[], undefined, dtype);
  } catch (error) {
    throw new LossInputError(
      fn,
      name,
      `expected a tensor or a (nested) array of numbers, got ${describe(value)} (${(error as Error).message})`,
    );
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a ragged or non-numeric array";
  return value === null ? "null" : typeof value;
}

/** Whether every level of a nested array has siblings of one shape ([[1, 2], [3]] has not). */
function isRectangular(value: unknown): boolean {
  return nestedShape(value) !== null;
}

function nestedShape(value: unknown): number[] | null {
  if (!Array.isArray(value)) return [];
  const shapes = value.map(nestedShape);
  const first = shapes[0] ?? [];
  const same = shapes.every((s) => s !== null && s.length === first.length && s.every((d, i) => d === first[i]));
  return same ? [value.length, ...first] : null;
}
