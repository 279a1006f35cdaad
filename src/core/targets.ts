import * as tf from "@tensorflow/tfjs-core";
import { checkShape, LossInputError } from "./errors";
import { toFloatTensor, toTensor, type TensorLike } from "./tensor";

/** A value accepted among class indices besides 0..C−1, and what it means (shown in messages). */
export interface ExtraClassIndex {
  value: number;
  meaning: string;
}

/**
 * A target that may hold class indices or class probabilities, read before its form is known: a
 * numeric tensor passes through with its dtype (int32 says "class indices"), arrays become float32.
 * @throws LossInputError for a string or complex tensor, or an array toTensor refuses.
 */
export function toTargetTensor(fn: string, name: string, value: unknown): tf.Tensor {
  if (value instanceof tf.Tensor && value.dtype !== "string" && value.dtype !== "complex64") return value;
  return toTensor(fn, name, value);
}

/**
 * Reads class-index targets: an int32 tensor, or a (nested) array of integers (which reaches here
 * as a float tensor; call checkIndexDtype on the caller's argument first). Every value must be an
 * integer in [0, numClasses) or equal `extra.value` (an ignoreIndex, or a -1 end marker). Returns
 * an int32 tensor; call it inside the loss's tidy.
 * @throws LossInputError naming the first offending value and its flat index: a non-integer, or
 *   a class out of bounds (PyTorch: "Target 4 is out of bounds").
 */
export function toClassIndices(
  fn: string,
  name: string,
  value: TensorLike,
  numClasses: number,
  extra?: ExtraClassIndex,
): tf.Tensor {
  const indices = value instanceof tf.Tensor ? value : toTensor(fn, name, value);
  const allowed =
    `an integer in [0, ${numClasses - 1}] (${numClasses} classes)` +
    (extra === undefined ? "" : ` or ${extra.value} (${extra.meaning})`);
  const values = indices.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) {
      throw new LossInputError(fn, name, `expected integer class indices, got ${v} at flat index ${i}`);
    }
    if ((v < 0 || v >= numClasses) && v !== extra?.value) {
      throw new LossInputError(fn, name, `class index ${v} at flat index ${i} is out of bounds: expected ${allowed}`);
    }
  }
  return indices.dtype === "int32" ? indices : tf.cast(indices, "int32");
}

/**
 * A class weight of shape [C], as PyTorch takes it: float32 (an integer tensor is refused, as
 * PyTorch's "expected scalar type Float but found Int"), or undefined when none was given.
 * @throws LossInputError naming "weight" when it is not numeric, an integer tensor, or not of shape [C].
 */
export function toClassWeight(fn: string, weight: unknown, numClasses: number): tf.Tensor | undefined {
  if (weight === undefined) return undefined;
  const w = toFloatTensor(fn, "weight", weight, "class weights");
  checkShape(fn, "weight", w, [numClasses]);
  return w;
}

/**
 * Refuses a tensor of class indices that is not int32, as PyTorch refuses a floating target where
 * it expects class indices ("expected scalar type Long"): a tensor's dtype says what it holds.
 * Plain arrays carry no dtype and are left to toClassIndices' integer check.
 * @throws LossInputError when `value` is a tensor whose dtype is not int32.
 */
export function checkIndexDtype(fn: string, name: string, value: TensorLike): void {
  if (value instanceof tf.Tensor && value.dtype !== "int32") {
    throw new LossInputError(
      fn,
      name,
      `expected an int32 tensor of class indices, got dtype ${value.dtype} ` +
        `(make it with tf.tensor(values, shape, "int32"), or pass a plain array)`,
    );
  }
}
