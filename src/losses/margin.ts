// Multi-class and multi-label hinge losses: the target's score must beat the others by a margin.
import * as tf from "@tensorflow/tfjs-core";
import { lossDoor, MEAN_REDUCTION, type Resolved } from "../core/door";
import { tracedConstant } from "../core/gradient";
import { checkNonEmptyLastAxis, checkRank, checkSameShape, checkScalarOption, checkShape } from "../core/errors";
import { reduce, type ReductionOptions } from "../core/reduction";
import { checkIndexDtype, toClassIndices, toClassWeight, toTargetTensor } from "../core/targets";
import { toFloatTensor, type TensorLike } from "../core/tensor";
import { classMask, keepWhere } from "./ops";

export interface MultiMarginLossOptions extends ReductionOptions {
  /** The power of each hinge: 1 or 2. Default 1. */
  p?: number;
  /** Default 1. */
  margin?: number;
  /** A rescaling weight for each class, shape [C], float, applied by the target class. */
  weight?: TensorLike;
}

// multiMarginLoss's defaults, PyTorch's; their keys are the only options it accepts.
const MULTI_MARGIN_LOSS_DEFAULTS: Resolved<MultiMarginLossOptions, "weight"> = {
  p: 1,
  margin: 1,
  weight: undefined,
  reduction: "mean",
};

export type MultilabelMarginLossOptions = ReductionOptions;

/**
 * Multi-class hinge loss for input [N,C] (or [C]) and class indices y [N] (or []):
 *
 *   ℓ_n = Σ_{j ≠ y_n} w[y_n]·max(0, margin − x_n[y_n] + x_n[j])^p / C        p ∈ {1, 2}
 *
 * "mean" divides by N. Same as torch.nn.functional.multi_margin_loss(input, target, p, margin,
 * weight, reduction=reduction).
 * Reference: Weston & Watkins, "Support Vector Machines for Multi-Class Pattern Recognition", ESANN 1999.
 * @example multiMarginLoss([[0.1, 0.2, 0.4, 0.8]], [3]).print(); // 0.325
 * @throws LossInputError when p is not 1 or 2, input is not of rank 1 or 2 or has no classes (C = 0),
 *   target is not of shape [N] (or [] for [C]), class indices are not integers in [0, C), or weight
 *   is not of shape [C].
 */
export function multiMarginLoss(
  input: TensorLike,
  target: TensorLike,
  options?: MultiMarginLossOptions | null,
): tf.Tensor {
  return lossDoor("multiMarginLoss", options, MULTI_MARGIN_LOSS_DEFAULTS, ({ p, margin, weight, reduction }, fn) => {
    checkScalarOption(fn, "p", p, "1 or 2", (v) => v === 1 || v === 2);
    checkScalarOption(fn, "margin", margin, "a number");
    const x = readScores(fn, input);
    const numClasses = x.shape[x.rank - 1];
    const classWeight = toClassWeight(fn, weight, numClasses);
    const t = toTargetTensor(fn, "target", target);
    checkIndexDtype(fn, "target", target);
    checkShape(fn, "target", t, x.shape.slice(0, -1));
    const indices = tf.reshape(toClassIndices(fn, "target", t, numClasses), [-1]);
    const scores = tf.reshape(x, [-1, numClasses]);
    // Selections, not products with a 0/1 mask: with an infinite score, ∞·0 would be NaN.
    const isTarget = classMask(indices, numClasses);
    const targetScore = tf.sum(keepWhere(scores, isTarget), -1, true);
    const hinge = tf.relu(tf.where(isTarget, tf.zerosLike(scores), tf.add(tf.sub(margin, targetScore), scores)));
    const perSample = tf.div(tf.sum(p === 2 ? tf.square(hinge) : hinge, -1), numClasses);
    const weighted = classWeight === undefined ? perSample : tf.mul(perSample, tf.gather(classWeight, indices));
    return reduce(tf.reshape(weighted, t.shape), reduction);
  });
}

/**
 * Multi-label hinge loss for input [N,C] (or [C]) and a target of the same shape holding each
 * sample's class indices, read up to the first −1 (the rest is ignored):
 *
 *   ℓ_n = Σ_{j ∈ labels_n} Σ_{k ∉ labels_n} max(0, 1 − (x_n[j] − x_n[k])) / C
 *
 * A label listed twice counts twice, as in PyTorch. "mean" divides by N.
 * Same as torch.nn.functional.multilabel_margin_loss(input, target, reduction=reduction).
 * Reference: Elisseeff & Weston, "A kernel method for multi-labelled classification", NIPS 2001.
 * @example multilabelMarginLoss([[0.1, 0.2, 0.4, 0.8]], [[3, 0, -1, 1]]).print(); // 0.85
 * @throws LossInputError when input is not of rank 1 or 2 or has no classes (C = 0), target's shape
 *   differs from input's, or a target entry (even after the first −1) is not an integer in [−1, C).
 */
export function multilabelMarginLoss(
  input: TensorLike,
  target: TensorLike,
  options?: MultilabelMarginLossOptions | null,
): tf.Tensor {
  return lossDoor("multilabelMarginLoss", options, MEAN_REDUCTION, ({ reduction }, fn) => {
    const x = readScores(fn, input);
    const t = toTargetTensor(fn, "target", target);
    checkIndexDtype(fn, "target", target);
    checkSameShape(fn, "target", t, "input", x);
    const numClasses = x.shape[x.rank - 1];
    const labels = toClassIndices(fn, "target", t, numClasses, { value: -1, meaning: "end of the labels" });
    const scores = tf.reshape(x, [-1, numClasses]);
    const numSamples = scores.shape[0];
    const pairs = tf.tensor3d(labelPairCounts(labels.dataSync(), numSamples, numClasses), [
      numSamples,
      numClasses,
      numClasses,
    ]);
    const hinge = tf.relu(tf.add(tf.sub(1, tf.expandDims(scores, 2)), tf.expandDims(scores, 1)));
    // Pairs that do not count are selected away, not multiplied by 0: an infinite hinge times 0 is NaN.
    const counted = tf.where(tf.greater(pairs, 0), tf.mul(hinge, pairs), tf.zerosLike(hinge));
    // No samples: the backward pass of the broadcast above would transpose an empty tensor (wasm throws).
    const perSample = numSamples === 0 ? tracedConstant([0], 0, x) : tf.div(tf.sum(counted, [1, 2]), numClasses);
    return reduce(tf.reshape(perSample, x.shape.slice(0, -1)), reduction);
  });
}

/**
 * For multilabelMarginLoss: pairs[n][j][k] = (times class j is listed before sample n's first −1)
 * when class k is not listed, else 0. Flat, row-major [N, C, C].
 */
function labelPairCounts(labels: ArrayLike<number>, numSamples: number, numClasses: number): Float32Array {
  const all = Array.from(labels);
  const pairs = new Float32Array(numSamples * numClasses * numClasses);
  for (let n = 0; n < numSamples; n++) {
    const row = all.slice(n * numClasses, (n + 1) * numClasses);
    const end = row.indexOf(-1);
    const listed = end === -1 ? row : row.slice(0, end);
    for (const j of listed) {
      for (let k = 0; k < numClasses; k++) {
        if (!listed.includes(k)) pairs[(n * numClasses + j) * numClasses + k] += 1;
      }
    }
  }
  return pairs;
}

/** Scores [C] or [N,C], float32 (PyTorch refuses integer scores), with at least one class. */
function readScores(fn: string, input: unknown): tf.Tensor {
  const x = toFloatTensor(fn, "input", input, "scores");
  checkRank(fn, "input", x, [1, 2]);
  checkNonEmptyLastAxis(fn, "input", x);
  return x;
}
