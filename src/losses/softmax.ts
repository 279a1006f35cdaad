// Softmax losses: cross-entropy on logits and the negative log-likelihood of class indices, with
// the class axis where PyTorch puts it ([C], [N,C] or [N,C,d1,...]).
import * as tf from "@tensorflow/tfjs-core";
import { lossDoor, type Resolved } from "../core/door";
import { checkNotScalar, checkScalarOption, formatShape, LossInputError, sameShape } from "../core/errors";
import { tracedConstant } from "../core/gradient";
import { reduce, sumAll, type Reduction, type ReductionOptions } from "../core/reduction";
import { checkIndexDtype, toClassIndices, toClassWeight, toTargetTensor } from "../core/targets";
import { toFloatTensor, type TensorLike } from "../core/tensor";
import { customOp } from "../core/gradient";
import { classMask, keepWhere } from "./ops";

export interface CrossEntropyOptions extends ReductionOptions {
  /** A rescaling weight for each class, shape [C], float. Default: every class weighs 1. */
  weight?: TensorLike;
  /** A class-index target value that contributes nothing, not even to the "mean" divisor. Default -100. */
  ignoreIndex?: number;
  /** ε in [0, 1]: the target becomes (1 − ε)·target + ε/C (uniform). Default 0. */
  labelSmoothing?: number;
}

export interface NllLossOptions extends ReductionOptions {
  /** A rescaling weight for each class, shape [C], float. Default: every class weighs 1. */
  weight?: TensorLike;
  /** A target value that contributes nothing. Default -100. */
  ignoreIndex?: number;
}

// Each loss's defaults, PyTorch's; their keys are the only options it accepts.
const CROSS_ENTROPY_DEFAULTS: Resolved<CrossEntropyOptions, "weight"> = {
  weight: undefined,
  ignoreIndex: -100,
  reduction: "mean",
  labelSmoothing: 0,
};
const NLL_LOSS_DEFAULTS: Resolved<NllLossOptions, "weight"> = {
  weight: undefined,
  ignoreIndex: -100,
  reduction: "mean",
};

/**
 * Cross-entropy between logits and targets, with the log-softmax taken along the class axis
 * (axis 0 of [C], axis 1 of [N,C] and [N,C,d1,...]).
 *
 * Class-index targets y (shape of input without its class axis; int32, integer floats or arrays):
 *   ℓ_n = (1 − ε)·w[y_n]·(−log softmax(x_n)[y_n]) + (ε/C)·Σ_c w_c·(−log softmax(x_n)[c])
 *   ℓ_n = 0 where y_n = ignoreIndex;  "mean" = Σ_n ℓ_n / Σ_{n not ignored} w[y_n]
 *   The two terms are divided by that sum W separately, as PyTorch does: when W = 0 (every position
 *   ignored, or zero target weights) "mean" is NaN, and its gradient is 0 at ignored positions and
 *   NaN (0/0) only in the rows of positions that are not ignored.
 * Class-probability targets t (input's exact shape, float):
 *   ℓ_n = −Σ_c w_c·((1 − ε)·t_nc + ε/C)·log softmax(x_n)[c];  "mean" = Σ_n ℓ_n / (number of positions)
 *   (N·d1·…), ignoreIndex does not apply (PyTorch refuses an ignoreIndex ≥ 0 with them).
 * Index versus probability targets is decided by rank. w defaults to ones. Finite for any finite
 * logits (log-sum-exp). Gradients flow to input and to probability targets. An empty input (no
 * positions or no classes) gives zeros under "none", 0 under "sum" and NaN under "mean".
 *
 * Same as torch.nn.functional.cross_entropy(input, target, weight, ignore_index=ignoreIndex,
 * reduction, label_smoothing=labelSmoothing), PyTorch 1.13.
 * Reference: Goodfellow, Bengio & Courville, Deep Learning, MIT Press 2016, §6.2.2.3; label smoothing:
 *   Szegedy et al., "Rethinking the Inception Architecture for Computer Vision", CVPR 2016.
 * @example crossEntropy([[1, 2, 3]], [2]).print(); // 0.407606
 * @throws LossInputError for a scalar input; a target whose shape fits neither form (for example
 *   probabilities of shape [N,1] for an input [N,C]); class indices that are not integers or not in
 *   [0, C) other than ignoreIndex; an int32 probability target; a weight not of shape [C];
 *   labelSmoothing outside [0, 1]; an ignoreIndex ≥ 0 with probability targets.
 */
export function crossEntropy(input: TensorLike, target: TensorLike, options?: CrossEntropyOptions | null): tf.Tensor {
  return lossDoor(
    "crossEntropy",
    options,
    CROSS_ENTROPY_DEFAULTS,
    ({ weight, ignoreIndex, reduction, labelSmoothing }, fn) => {
      checkScalarOption(fn, "labelSmoothing", labelSmoothing, "a number in [0, 1]", (v) => v >= 0 && v <= 1);
      checkScalarOption(fn, "ignoreIndex", ignoreIndex, "an integer", Number.isInteger);
      const x = readClassScores(fn, input, "logits");
      const numClasses = x.shape[classAxis(x.rank)];
      const classWeight = toClassWeight(fn, weight, numClasses);
      const t = toTargetTensor(fn, "target", target);
      if (t.rank === x.rank) {
        const probabilities = readProbabilityTarget(fn, t, x, ignoreIndex);
        if (x.size === 0) return emptyInputLoss(x.shape, reduction, x, probabilities);
        return reduce(probabilityCrossEntropy(x, probabilities, classWeight, labelSmoothing), reduction);
      }
      checkIndexDtype(fn, "target", target);
      const indices = readIndexTarget(fn, t, x, ignoreIndex, true);
      if (x.size === 0) return emptyInputLoss(x.shape, reduction, x);
      const scores = classesLast(x);
      const picked = hasFiniteNonNegativeEntries(classWeight)
        ? pickTargetSoftmaxClasses(scores, keptTargets(indices, classWeight, ignoreIndex))
        : pickTargetClasses(tf.logSoftmax(scores), keptTargets(indices, classWeight, ignoreIndex));
      const nll = reduceByTargetWeight(picked.weightedNll, picked.targetWeight, reduction);
      if (labelSmoothing === 0) return nll;
      const uniformTerm = keepWhere(tf.neg(tf.sum(tf.mul(tf.logSoftmax(scores), classWeight ?? 1), -1)), picked.kept);
      const uniform = reduceByTargetWeight(uniformTerm, picked.targetWeight, reduction);
      return tf.add(tf.mul(nll, 1 - labelSmoothing), tf.mul(uniform, labelSmoothing / numClasses));
    },
  );
}

/**
 * Negative log-likelihood of class indices under log-probabilities (the class axis as in
 * crossEntropy: [C], [N,C] or [N,C,d1,...]):
 *
 *   ℓ_n = −w[y_n]·input_n[y_n],  ℓ_n = 0 where y_n = ignoreIndex
 *   "mean" = Σ_n ℓ_n / Σ_{n not ignored} w[y_n]
 *
 * When that sum W is 0 (every position ignored, or zero target weights), "mean" is NaN and, as in
 * PyTorch, its gradient is −w[y_n]/W (NaN) only at the target entries of positions not ignored, and
 * 0 everywhere else. input_n[c] = −Infinity at a class c ≠ y_n does not reach ℓ_n. An empty input
 * gives zeros under "none", 0 under "sum" and NaN under "mean".
 *
 * crossEntropy(x, y) is nllLoss(logSoftmax(x), y). Same as torch.nn.functional.nll_loss(input,
 * target, weight, ignore_index=ignoreIndex, reduction).
 * Reference: Bishop, Pattern Recognition and Machine Learning, Springer 2006, §4.3.4.
 * @example nllLoss([[-1.2, -0.5, -2]], [1]).print(); // 0.5
 * @throws LossInputError for a scalar input, a target not of input's shape without its class axis,
 *   class indices not integers or not in [0, C) other than ignoreIndex, a weight not of shape [C].
 */
export function nllLoss(input: TensorLike, target: TensorLike, options?: NllLossOptions | null): tf.Tensor {
  return lossDoor("nllLoss", options, NLL_LOSS_DEFAULTS, ({ weight, ignoreIndex, reduction }, fn) => {
    checkScalarOption(fn, "ignoreIndex", ignoreIndex, "an integer", Number.isInteger);
    const x = readClassScores(fn, input, "log-probabilities");
    const classWeight = toClassWeight(fn, weight, x.shape[classAxis(x.rank)]);
    const t = toTargetTensor(fn, "target", target);
    checkIndexDtype(fn, "target", target);
    const indices = readIndexTarget(fn, t, x, ignoreIndex, false);
    if (x.size === 0) return emptyInputLoss(x.shape, reduction, x);
    const picked = pickTargetClasses(classesLast(x), keptTargets(indices, classWeight, ignoreIndex));
    return reduceByTargetWeight(picked.weightedNll, picked.targetWeight, reduction);
  });
}

/** The class axis of a [C], [N,C] or [N,C,d1,...] input. */
function classAxis(rank: number): number {
  return rank === 1 ? 0 : 1;
}

/** Input's shape without its class axis: the shape of class-index targets and of per-position losses. */
function positionsShape(shape: readonly number[]): number[] {
  const axis = classAxis(shape.length);
  return shape.filter((_, i) => i !== axis);
}

/** [N,C,d1,...] → [N,d1,...,C], so that classes lie on the last axis; [C] and [N,C] are unchanged. */
function classesLast(t: tf.Tensor): tf.Tensor {
  if (t.rank <= 2) return t;
  const spatialAxes = Array.from({ length: t.rank - 2 }, (_, i) => i + 2);
  return tf.transpose(t, [0, ...spatialAxes, 1]);
}

/** The scores of a class loss: float32 (PyTorch refuses integer logits), at least one axis. */
function readClassScores(fn: string, input: unknown, what: string): tf.Tensor {
  const x = toFloatTensor(fn, "input", input, what);
  checkNotScalar(fn, "input", x);
  return x;
}

/**
 * Class indices of shape input.shape without the class axis, as int32. `acceptsProbabilities`
 * adds the other accepted form to the message.
 */
function readIndexTarget(
  fn: string,
  target: tf.Tensor,
  input: tf.Tensor,
  ignoreIndex: number,
  acceptsProbabilities: boolean,
): tf.Tensor {
  const expected = positionsShape(input.shape);
  if (!sameShape(target.shape, expected)) {
    const probabilities = acceptsProbabilities ? ` or class probabilities of shape ${formatShape(input.shape)}` : "";
    throw new LossInputError(
      fn,
      "target",
      `expected class indices of shape ${formatShape(expected)} (input's shape ${formatShape(input.shape)} ` +
        `without its class axis ${classAxis(input.rank)})${probabilities}, got ${formatShape(target.shape)}`,
    );
  }
  const numClasses = input.shape[classAxis(input.rank)];
  return toClassIndices(fn, "target", target, numClasses, { value: ignoreIndex, meaning: "ignoreIndex" });
}

/** Class probabilities of input's exact shape; ignoreIndex must keep its "off" value (negative). */
function readProbabilityTarget(fn: string, target: tf.Tensor, input: tf.Tensor, ignoreIndex: number): tf.Tensor {
  if (!sameShape(target.shape, input.shape)) {
    throw new LossInputError(
      fn,
      "target",
      `expected class probabilities of shape ${formatShape(input.shape)} (the shape of input), got ` +
        `${formatShape(target.shape)}; class indices would have shape ${formatShape(positionsShape(input.shape))}`,
    );
  }
  if (ignoreIndex >= 0) {
    throw new LossInputError(
      fn,
      "ignoreIndex",
      "expected a negative value with class-probability targets (ignoreIndex applies to class indices only), " +
        `got ${ignoreIndex}`,
    );
  }
  return toFloatTensor(fn, "target", target, "class probabilities");
}

/** Per-position −Σ_c w_c·((1 − ε)·t_c + ε/C)·log softmax(x)_c, for targets of input's shape. */
function probabilityCrossEntropy(
  input: tf.Tensor,
  probabilities: tf.Tensor,
  classWeight: tf.Tensor | undefined,
  labelSmoothing: number,
): tf.Tensor {
  const logProbs = tf.logSoftmax(classesLast(input));
  const numClasses = logProbs.shape[logProbs.rank - 1];
  const smoothed = tf.add(tf.mul(classesLast(probabilities), 1 - labelSmoothing), labelSmoothing / numClasses);
  return tf.neg(tf.sum(tf.mul(tf.mul(smoothed, logProbs), classWeight ?? 1), -1));
}

interface PickedClasses {
  /** w[y]·(−logProbs[y]) per position, 0 where ignored. */
  weightedNll: tf.Tensor;
  /** w[y] per position (1 without weights), 0 where ignored: the "mean" divisor's terms. */
  targetWeight: tf.Tensor;
  /** true where the position counts, false where its target is ignoreIndex. */
  kept: tf.Tensor;
}

/**
 * Picks each position's target class from log-probabilities whose classes lie on the last axis.
 * The picks are selections, not products with 0/1 masks, in value and in gradient: an entry that
 * is not picked contributes exactly 0, even when it is −Infinity or its upstream gradient is
 * infinite (a "mean" over zero total weight), as PyTorch's gather and masked_fill give.
 */
function pickTargetClasses(logProbs: tf.Tensor, { kept, safeIndices, weight }: KeptTargets): PickedClasses {
  const numClasses = logProbs.shape[logProbs.rank - 1];
  const targetLogProb = tf.sum(keepWhere(logProbs, classMask(safeIndices, numClasses)), -1);
  return {
    weightedNll: keepWhere(tf.mul(tf.neg(targetLogProb), weight), kept),
    targetWeight: keepWhere(weight, kept),
    kept,
  };
}

interface KeptTargets {
  kept: tf.Tensor;
  safeIndices: tf.Tensor;
  weight: tf.Tensor;
}

/**
 * Where the target is not ignoreIndex (kept), the targets with ignored ones replaced by class 0 so
 * that they index safely, and each position's class weight w[y] (1 without weights).
 */
function keptTargets(indices: tf.Tensor, classWeight: tf.Tensor | undefined, ignoreIndex: number): KeptTargets {
  const kept = tf.notEqual(indices, tf.scalar(ignoreIndex, "int32"));
  const safeIndices = tf.where(kept, indices, tf.zerosLike(indices));
  const weight = classWeight === undefined ? tf.ones(indices.shape) : tf.gather(classWeight, safeIndices);
  return { kept, safeIndices, weight };
}

/** True without class weights, or when every class weight is finite and ≥ 0. */
function hasFiniteNonNegativeEntries(classWeight: tf.Tensor | undefined): boolean {
  return classWeight === undefined || classWeight.dataSync().every((w) => Number.isFinite(w) && w >= 0);
}

/**
 * pickTargetClasses(logSoftmax(scores), ...) in one step, for scores whose classes lie on the last
 * axis, with the gradient in closed form: ∂ℓ_n/∂scores_n = w[y_n]·(softmax(scores_n) − oneHot(y_n)),
 * scaled by the upstream gradient, and 0 at ignored positions (their scale is selected to 0).
 * It equals the composed form's gradient (softmax·s − s at the target) while s = dy·w[y] is not
 * ±Infinity, which holds for finite upstream gradients and finite, non-negative class weights
 * ("mean" over zero total weight makes s = ∞·0 = NaN, as there): only those are routed here.
 */
function pickTargetSoftmaxClasses(scores: tf.Tensor, { kept, safeIndices, weight }: KeptTargets): PickedClasses {
  const numClasses = scores.shape[scores.rank - 1];
  const targetWeight = tf.where(kept, weight, tf.zerosLike(weight));
  const rows = tf.reshape(scores, [-1, numClasses]);
  const rowKept = tf.reshape(kept, [-1]);
  const rowTarget = tf.reshape(safeIndices, [-1]);
  const rowWeight = tf.reshape(weight, [-1]);
  const targetNll = customOp<[tf.Tensor]>(([logits], save) => {
    const logProbs = tf.logSoftmax(logits);
    save([logits, logProbs, rowKept, rowTarget, rowWeight]);
    const targetLogProb = pickPerRow(logProbs, rowTarget);
    const value = tf.where(rowKept, tf.mul(tf.neg(targetLogProb), rowWeight), tf.zerosLike(rowWeight));
    const gradFunc = (dy: tf.Tensor, [, savedLogProbs, savedKept, savedTarget, savedWeight]: tf.Tensor[]) => {
      const scale = tf.where(savedKept, tf.mul(dy, savedWeight), tf.zerosLike(savedWeight));
      const softmaxMinusTarget = tf.sub(tf.exp(savedLogProbs), oneHotFloat(savedTarget, numClasses));
      return tf.mul(softmaxMinusTarget, tf.expandDims(scale, 1));
    };
    return { value, gradFunc };
  });
  return {
    weightedNll: tf.reshape(targetNll(rows), kept.shape),
    targetWeight,
    kept,
  };
}

/** A float one-hot encoding [..., C] of int32 indices. */
function oneHotFloat(indices: tf.Tensor, numClasses: number): tf.Tensor {
  return tf.cast(classMask(indices, numClasses), "float32");
}

/**
 * rows[n][indices[n]] for each row n of a [N,C] tensor: a gather, so no other entry is read.
 * Forward only: tfjs-wasm has no kernel for the gather's gradient.
 */
function pickPerRow(rows: tf.Tensor, indices: tf.Tensor): tf.Tensor {
  const [numRows, numColumns] = rows.shape;
  const rowStarts = tf.mul(tf.range(0, numRows, 1, "int32"), tf.scalar(numColumns, "int32"));
  return tf.gather(tf.reshape(rows, [-1]), tf.add(rowStarts, indices));
}

/** Like reduce(), except that "mean" divides by the summed target weights of the kept positions. */
function reduceByTargetWeight(loss: tf.Tensor, targetWeight: tf.Tensor, reduction: Reduction): tf.Tensor {
  return reduction === "mean" ? tf.div(sumAll(loss), sumAll(targetWeight)) : reduce(loss, reduction);
}

/**
 * The loss of an input without positions or classes, traced to `inputs` with zero gradients:
 * zeros of the positions' shape under "none", 0 under "sum", NaN (0/0) under "mean", as in
 * PyTorch. No kernel runs on the empty data (wasm's transpose throws on it, its sums read
 * uninitialised memory).
 */
function emptyInputLoss(inputShape: readonly number[], reduction: Reduction, ...inputs: tf.Tensor[]): tf.Tensor {
  if (reduction === "none") return tracedConstant(positionsShape(inputShape), 0, ...inputs);
  return tracedConstant([], reduction === "mean" ? NaN : 0, ...inputs);
}
