import * as tf from "@tensorflow/tfjs";
import { LossInputError } from "./errors";

/** How the per-element losses are combined, as in PyTorch's `reduction` argument. */
export type Reduction = "none" | "mean" | "sum";
/** `klDiv` also accepts "batchmean": the sum divided by the batch size (input.shape[0]). */
export type KlReduction = Reduction | "batchmean";

export const REDUCTIONS: readonly Reduction[] = ["none", "mean", "sum"];
export const KL_REDUCTIONS: readonly KlReduction[] = ["none", "mean", "sum", "batchmean"];

/**
 * Checks `reduction` against the allowed values at a loss's door.
 * @throws LossInputError naming the function and the value given.
 */
export function checkReduction<R extends string>(
  fn: string,
  reduction: unknown,
  allowed: readonly R[] = REDUCTIONS as unknown as readonly R[],
): R {
  if (typeof reduction !== "string" || !(allowed as readonly string[]).includes(reduction)) {
    throw new LossInputError(
      fn,
      "reduction",
      `expected one of ${allowed.map((r) => `"${r}"`).join(", ")}, got ${JSON.stringify(reduction)}`,
    );
  }
  return reduction as R;
}

/**
 * The sum of all elements, 0 for an empty tensor on every backend (the wasm backend's sum of an
 * empty tensor reads uninitialised memory). The empty case still depends on `t`, so tf.grads
 * can differentiate through it.
 */
export function sumAll(t: tf.Tensor): tf.Tensor {
  return t.size === 0 ? tf.sum(tf.concat([tf.reshape(t, [-1]), tf.zeros([1])])) : tf.sum(t);
}

/**
 * Applies a reduction to per-element losses: "none" returns them unchanged, "sum" adds them up,
 * "mean" divides the sum by their count (NaN for an empty tensor, as in PyTorch).
 */
export function reduce(loss: tf.Tensor, reduction: Reduction): tf.Tensor {
  switch (reduction) {
    case "none":
      return loss;
    case "sum":
      return sumAll(loss);
    case "mean":
      return loss.size === 0 ? tf.div(sumAll(loss), 0) : tf.mean(loss);
  }
}
