import * as tf from "@tensorflow/tfjs-core";
import { checkOneOf } from "./errors";
import { customOp, tracedConstant } from "./gradient";

/** How the per-element losses are combined, as in PyTorch's `reduction` argument. */
export type Reduction = "none" | "mean" | "sum";
/** `klDiv` also accepts "batchmean": the sum divided by the batch size (input.shape[0]). */
export type KlReduction = Reduction | "batchmean";

export const REDUCTIONS: readonly Reduction[] = ["none", "mean", "sum"];
export const KL_REDUCTIONS: readonly KlReduction[] = ["none", "mean", "sum", "batchmean"];

/**
 * The option every loss with a reduction takes, documented here once; each `${Loss}Options`
 * interface extends it.
 */
export interface ReductionOptions {
  /**
   * How the per-element losses are combined, as PyTorch's `reduction`: "none" returns them, "sum" adds
   * them up (0 when there are none), "mean" (the default) divides the sum by their count (NaN when
   * there are none). A loss that weighs its elements says what its "mean" divides by.
   */
  reduction?: Reduction;
}

/**
 * Checks `reduction` against the allowed values at a loss's door.
 * @throws LossInputError naming the function and the value given.
 */
export function checkReduction<R extends string>(
  fn: string,
  reduction: unknown,
  allowed: readonly R[] = REDUCTIONS as unknown as readonly R[],
): R {
  return checkOneOf(fn, "reduction", reduction, allowed);
}

/**
 * The sum of all elements: 0 for an empty tensor, on every backend. Its gradient is dy times a
 * tensor of ones filled by the backend's Fill kernel, where tfjs's own Sum gradient fills its ones
 * in JavaScript and copies them into the backend (measured by `npm run bench`).
 */
export function sumAll(t: tf.Tensor): tf.Tensor {
  if (t.size === 0) return tracedConstant([], 0, t);
  const shape = t.shape;
  const sum = customOp<[tf.Tensor]>(([x]) => ({
    value: tf.sum(x),
    gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.fill(shape, 1)),
  }));
  return sum(t);
}

/**
 * The mean of all elements: NaN (0/0) for an empty tensor, on every backend, as in PyTorch.
 * The sum divided by the count: the cpu backend's Mean kernel divides every element first,
 * many times slower on large tensors.
 */
function meanAll(t: tf.Tensor): tf.Tensor {
  return t.size === 0 ? tracedConstant([], NaN, t) : tf.div(sumAll(t), t.size);
}

/**
 * Applies a reduction to per-element losses: "none" returns them unchanged, "sum" adds them up
 * (0 for an empty tensor), "mean" divides the sum by their count (NaN for an empty tensor, as in
 * PyTorch). The empty cases run no kernel on the empty data and keep a zero gradient.
 */
export function reduce(loss: tf.Tensor, reduction: Reduction): tf.Tensor {
  switch (reduction) {
    case "none":
      return loss;
    case "sum":
      return sumAll(loss);
    case "mean":
      return meanAll(loss);
  }
}
