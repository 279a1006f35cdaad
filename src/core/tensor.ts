// toTensor and toFloatTensor: the only way a loss argument becomes a tensor. Numbers, nested arrays
// of numbers and typed arrays are accepted; anything else is refused with its position.
import * as tf from "@tensorflow/tfjs-core";
import { describeValue, LossInputError } from "./errors";

/** A nested array of numbers, as written in a notebook: 3, [1, 2], [[1, 2], [3, 4]]. */
export type NestedNumbers = number | NestedNumbers[];
/** The typed arrays a loss reads as numbers (Float64Array values are rounded to float32). */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array;
/** What every loss accepts for a tensor argument. */
export type TensorLike = tf.Tensor | NestedNumbers | NumericArray;

const EXPECTED = "expected numbers (a tensor, a number, a nested array of numbers or a typed array)";

/**
 * Turns a loss argument into a float32 tensor. A float32 tensor passes through; an int32 or bool
 * tensor is promoted to float32, as PyTorch promotes integer arguments where it computes in float;
 * arrays are converted. Call it inside the loss's `tf.tidy` so that what it makes is disposed.
 * @throws LossInputError naming the argument for a string or complex tensor, a ragged array, or an
 *   element that is not a number (a string, null, a boolean, undefined, an object), with its position.
 */
export function toTensor(fn: string, name: string, value: unknown): tf.Tensor {
  if (value instanceof tf.Tensor) {
    if (value.dtype === "string" || value.dtype === "complex64") {
      throw new LossInputError(fn, name, `expected a numeric tensor, got dtype ${value.dtype}`);
    }
    return value.dtype === "float32" ? value : tf.cast(value, "float32");
  }
  return tf.tensor(readNumbers(fn, name, value), shapeOf(fn, name, value), "float32");
}

/**
 * Reads an argument that must hold floating-point values, where PyTorch refuses integer tensors
 * (logits, probabilities, log-probabilities): arrays become float32, float32 tensors pass through,
 * tensors of other dtypes are refused ("expected scalar type Float but found Int").
 * @throws LossInputError as toTensor does, and when `value` is a tensor whose dtype is not float32.
 */
export function toFloatTensor(fn: string, name: string, value: unknown, what: string): tf.Tensor {
  if (value instanceof tf.Tensor && value.dtype !== "float32") {
    throw new LossInputError(
      fn,
      name,
      `expected a float32 tensor of ${what}, got dtype ${value.dtype} (convert it with tf.cast(${name}, "float32"))`,
    );
  }
  return toTensor(fn, name, value);
}

/** The elements of a number, a typed array or a nested array, flat, row-major. */
function readNumbers(fn: string, name: string, value: unknown): Float32Array {
  if (typeof value === "number") return Float32Array.of(value);
  const values: number[] = [];
  const visit = (item: unknown, position: string): void => {
    if (typeof item === "number") {
      values.push(item);
    } else if (isNumericArray(item)) {
      for (const element of item) values.push(element);
    } else if (Array.isArray(item)) {
      item.forEach((element, i) => visit(element, `${position}[${i}]`));
    } else {
      const where = position === "" ? "" : ` at ${position}`;
      throw new LossInputError(fn, name, `${EXPECTED}, got ${describeValue(item)}${where}`);
    }
  };
  visit(value, "");
  return Float32Array.from(values);
}

/** The shape of a nested array (typed arrays count as rows), refusing a ragged one. */
function shapeOf(fn: string, name: string, value: unknown): number[] {
  if (typeof value === "number") return [];
  if (isNumericArray(value)) return [value.length];
  const items = value as unknown[];
  const shapes = items.map((item) => shapeOf(fn, name, item));
  const first = shapes[0] ?? [];
  const ragged = shapes.findIndex((s) => s.length !== first.length || s.some((d, i) => d !== first[i]));
  if (ragged >= 0) {
    throw new LossInputError(
      fn,
      name,
      `expected a rectangular array, got a ragged array (element ${ragged} has shape ` +
        `${JSON.stringify(shapes[ragged])}, element 0 has ${JSON.stringify(first)})`,
    );
  }
  return [items.length, ...first];
}

function isNumericArray(value: unknown): value is NumericArray {
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}
