import * as tf from "@tensorflow/tfjs-core";
import {
  LossInputError,
  checkBroadcastableTo,
  checkRank,
  checkSameShape,
  checkScalarOption,
  checkShape,
  checkValues,
  formatShape,
} from "../core/errors";
import { checkReduction, reduce, sumAll, tracedConstant, type Reduction } from "../core/reduction";
import { checkIndexDtype, toClassIndices, toFloatTensor } from "../core/targets";
import { toTensor, type TensorLike } from "../core/tensor";

export interface CrossEntropyOptions {
  /** A rescaling weight for each class, shape [C]. Default: every class weighs 1. */
  weight?: TensorLike;
  /** A class-index target value that contributes nothing, not even to the "mean" divisor. Default -100. */
  ignoreIndex?: number;
  /** Default "mean": over non-ignored positions, weighted (see crossEntropy). */
  reduction?: Reduction;
  /** ε in [0, 1]: the target becomes (1 − ε)·target + ε/C (uniform). Default 0. */
  labelSmoothing?: number;
}

export interface NllLossOptions {
  /** A rescaling weight for each class, shape [C]. */
  weight?: TensorLike;
  /** A target value that contributes nothing. Default -100. */
  ignoreIndex?: number;
  reduction?: Reduction;
}

export interface BinaryCrossEntropyOptions {
  /** A rescaling weight broadcastable to input's shape (e.g. [D] for input [N,D]). */
  weight?: TensorLike;
  reduction?: Reduction;
}

export interface BinaryCrossEntropyWithLogitsOptions {
  /** A rescaling weight broadcastable to input's shape. */
  weight?: TensorLike;
  /** A weight on the positive term, broadcastable to input's shape; [D] weighs each of D labels. */
  posWeight?: TensorLike;
  reduction?: Reduction;
}

export interface SoftMarginLossOptions {
  reduction?: Reduction;
}

export interface MultiMarginLossOptions {
  /** The power of each hinge: 1 or 2. Default 1. */
  p?: number;
  /** Default 1. */
  margin?: number;
  /** A rescaling weight for each class, shape [C], applied by the target class. */
  weight?: TensorLike;
  reduction?: Reduction;
}

export interface MultilabelMarginLossOptions {
  reduction?: Reduction;
}

export interface MultilabelSoftMarginLossOptions {
  /** A rescaling weight broadcastable to input's shape, usually one per class: [C]. */
  weight?: TensorLike;
  reduction?: Reduction;
}

/** log(x) and log(1 − x) are clamped below at −100 in binary cross-entropy, as in PyTorch. */
const LOG_CLAMP = -100;
/** The floor of x(1 − x) in binary cross-entropy's input gradient, as in PyTorch. */
const BCE_GRAD_EPSILON = 1e-12;

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
 * @throws LossInputError for a scalar input; a target whose shape fits neither form (for example
 *   probabilities of shape [N,1] for an input [N,C]); class indices that are not integers or not in
 *   [0, C) other than ignoreIndex; an int32 probability target; a weight not of shape [C];
 *   labelSmoothing outside [0, 1]; an ignoreIndex ≥ 0 with probability targets.
 */
export function crossEntropy(
  input: TensorLike,
  target: TensorLike,
  { weight, ignoreIndex = -100, reduction = "mean", labelSmoothing = 0 }: CrossEntropyOptions = {},
): tf.Tensor {
  const fn = "crossEntropy";
  checkReduction(fn, reduction);
  checkScalarOption(fn, "labelSmoothing", labelSmoothing, "a number in [0, 1]", (v) => v >= 0 && v <= 1);
  checkScalarOption(fn, "ignoreIndex", ignoreIndex, "an integer", Number.isInteger);
  return tf.tidy(() => {
    const x = readClassScores(fn, input);
    const numClasses = x.shape[classAxis(x.rank)];
    const classWeight = readClassWeight(fn, weight, numClasses);
    const t = target instanceof tf.Tensor ? target : toTensor(fn, "target", target);
    if (t.rank === x.rank) {
      const probabilities = readProbabilityTarget(fn, t, x, ignoreIndex);
      if (x.size === 0) return emptyInputLoss(x.shape, reduction, x, probabilities);
      return reduce(probabilityCrossEntropy(x, probabilities, classWeight, labelSmoothing), reduction);
    }
    checkIndexDtype(fn, "target", target);
    const indices = readIndexTarget(fn, t, x, ignoreIndex, true);
    if (x.size === 0) return emptyInputLoss(x.shape, reduction, x);
    const scores = classesLast(x);
    const picked = isFiniteNonNegative(classWeight)
      ? pickTargetSoftmaxClasses(scores, indices, classWeight, ignoreIndex)
      : pickTargetClasses(tf.logSoftmax(scores), indices, classWeight, ignoreIndex);
    const nll = reduceByTargetWeight(picked.weightedNll, picked.targetWeight, reduction);
    if (labelSmoothing === 0) return nll;
    const uniformTerm = keepWhere(tf.neg(tf.sum(tf.mul(tf.logSoftmax(scores), classWeight ?? 1), -1)), picked.kept);
    const uniform = reduceByTargetWeight(uniformTerm, picked.targetWeight, reduction);
    return tf.add(tf.mul(nll, 1 - labelSmoothing), tf.mul(uniform, labelSmoothing / numClasses));
  });
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
 * @throws LossInputError for a scalar input, a target not of input's shape without its class axis,
 *   class indices not integers or not in [0, C) other than ignoreIndex, a weight not of shape [C].
 */
export function nllLoss(
  input: TensorLike,
  target: TensorLike,
  { weight, ignoreIndex = -100, reduction = "mean" }: NllLossOptions = {},
): tf.Tensor {
  const fn = "nllLoss";
  checkReduction(fn, reduction);
  checkScalarOption(fn, "ignoreIndex", ignoreIndex, "an integer", Number.isInteger);
  return tf.tidy(() => {
    const x = readClassScores(fn, input);
    const classWeight = readClassWeight(fn, weight, x.shape[classAxis(x.rank)]);
    const t = target instanceof tf.Tensor ? target : toTensor(fn, "target", target);
    checkIndexDtype(fn, "target", target);
    const indices = readIndexTarget(fn, t, x, ignoreIndex, false);
    if (x.size === 0) return emptyInputLoss(x.shape, reduction, x);
    const picked = pickTargetClasses(classesLast(x), indices, classWeight, ignoreIndex);
    return reduceByTargetWeight(picked.weightedNll, picked.targetWeight, reduction);
  });
}

/**
 * Binary cross-entropy between probabilities x ∈ [0, 1] and targets y of the same shape:
 *
 *   ℓ = −w·(y·max(log x, −100) + (1 − y)·max(log(1 − x), −100))
 *
 * The clamp keeps ℓ finite at x ∈ {0, 1}. Gradients are PyTorch's: ∂ℓ/∂x = w·(x − y) / max(x(1 − x), 1e-12)
 * and ∂ℓ/∂y = −w·logit(x) (±Infinity at x ∈ {0, 1}). Prefer binaryCrossEntropyWithLogits on logits.
 * Same as torch.nn.functional.binary_cross_entropy(input, target, weight, reduction).
 * @throws LossInputError when input leaves [0, 1], target's shape differs from input's, target is an
 *   int32 tensor, or weight does not broadcast to input's shape.
 */
export function binaryCrossEntropy(
  input: TensorLike,
  target: TensorLike,
  { weight, reduction = "mean" }: BinaryCrossEntropyOptions = {},
): tf.Tensor {
  const fn = "binaryCrossEntropy";
  checkReduction(fn, reduction);
  return tf.tidy(() => {
    const x = toTensor(fn, "input", input);
    checkValues(fn, "input", x, "probabilities in [0, 1]", (v) => v >= 0 && v <= 1);
    const y = toFloatTensor(fn, "target", target, "targets");
    checkSameShape(fn, "target", y, "input", x);
    const w = readBroadcastWeight(fn, "weight", weight, x);
    const loss = clampedBinaryCrossEntropy(x, y);
    return reduce(w === undefined ? loss : tf.mul(loss, w), reduction);
  });
}

/**
 * Binary cross-entropy on logits x (sigmoid folded in), targets y of the same shape:
 *
 *   ℓ = −w·(p·y·log σ(x) + (1 − y)·log σ(−x))
 *     = w·((1 − y)·x + (1 + (p − 1)·y)·softplus(−x))       p = posWeight (default 1)
 *     = w·(softplus(x) − x·y)                                without posWeight
 *
 * computed in the last two, overflow-free forms (∂ℓ/∂x = w·(σ(x) − y) without posWeight).
 * posWeight > 1 favours recall of positives.
 * Same as torch.nn.functional.binary_cross_entropy_with_logits(input, target, weight, reduction=reduction,
 * pos_weight=posWeight).
 * @throws LossInputError when target's shape differs from input's, target is an int32 tensor, or
 *   weight or posWeight does not broadcast to input's shape.
 */
export function binaryCrossEntropyWithLogits(
  input: TensorLike,
  target: TensorLike,
  { weight, posWeight, reduction = "mean" }: BinaryCrossEntropyWithLogitsOptions = {},
): tf.Tensor {
  const fn = "binaryCrossEntropyWithLogits";
  checkReduction(fn, reduction);
  return tf.tidy(() => {
    const x = toTensor(fn, "input", input);
    const y = toFloatTensor(fn, "target", target, "targets");
    checkSameShape(fn, "target", y, "input", x);
    const w = readBroadcastWeight(fn, "weight", weight, x);
    const p = readBroadcastWeight(fn, "posWeight", posWeight, x);
    const loss = p === undefined ? tf.sub(softplus(x), tf.mul(x, y)) : positiveWeightedLogitLoss(x, y, p);
    return reduce(w === undefined ? loss : tf.mul(loss, w), reduction);
  });
}

/** (1 − y)·x + (1 + (p − 1)·y)·softplus(−x): binary cross-entropy on logits with a positive weight p. */
function positiveWeightedLogitLoss(x: tf.Tensor, y: tf.Tensor, posWeight: tf.Tensor): tf.Tensor {
  const positiveScale = tf.add(tf.mul(tf.sub(posWeight, 1), y), 1);
  return tf.add(tf.mul(tf.sub(1, y), x), tf.mul(positiveScale, softplus(tf.neg(x))));
}

/**
 * Two-class logistic loss for targets y ∈ {−1, +1} of input's shape:
 *
 *   ℓ = log(1 + exp(−y·x)) = softplus(−y·x)
 *
 * computed without overflow (PyTorch's log1p(exp(−y·x)) overflows to Infinity for −y·x beyond ~88 in
 * float32). Same as torch.nn.functional.soft_margin_loss(input, target, reduction).
 * @throws LossInputError when target's shape differs from input's.
 */
export function softMarginLoss(
  input: TensorLike,
  target: TensorLike,
  { reduction = "mean" }: SoftMarginLossOptions = {},
): tf.Tensor {
  const fn = "softMarginLoss";
  checkReduction(fn, reduction);
  return tf.tidy(() => {
    const x = toTensor(fn, "input", input);
    const y = toTensor(fn, "target", target);
    checkSameShape(fn, "target", y, "input", x);
    return reduce(softplus(tf.neg(tf.mul(y, x))), reduction);
  });
}

/**
 * Multi-class hinge loss for input [N,C] (or [C]) and class indices y [N] (or []):
 *
 *   ℓ_n = Σ_{j ≠ y_n} w[y_n]·max(0, margin − x_n[y_n] + x_n[j])^p / C        p ∈ {1, 2}
 *
 * "mean" divides by N. Same as torch.nn.functional.multi_margin_loss(input, target, p, margin,
 * weight, reduction=reduction).
 * @throws LossInputError when p is not 1 or 2, input is not of rank 1 or 2 or has no classes (C = 0),
 *   target is not of shape [N] (or [] for [C]), class indices are not integers in [0, C), or weight
 *   is not of shape [C].
 */
export function multiMarginLoss(
  input: TensorLike,
  target: TensorLike,
  { p = 1, margin = 1, weight, reduction = "mean" }: MultiMarginLossOptions = {},
): tf.Tensor {
  const fn = "multiMarginLoss";
  checkReduction(fn, reduction);
  checkScalarOption(fn, "p", p, "1 or 2", (v) => v === 1 || v === 2);
  checkScalarOption(fn, "margin", margin, "a number");
  return tf.tidy(() => {
    const x = toTensor(fn, "input", input);
    checkRank(fn, "input", x, [1, 2]);
    checkHasClasses(fn, x);
    const numClasses = x.shape[x.rank - 1];
    const classWeight = readClassWeight(fn, weight, numClasses);
    const t = target instanceof tf.Tensor ? target : toTensor(fn, "target", target);
    checkShape(fn, "target", t, x.shape.slice(0, -1));
    checkIndexDtype(fn, "target", target);
    const indices = tf.reshape(toClassIndices(fn, "target", t, numClasses), [-1]);
    const scores = tf.reshape(x, [-1, numClasses]);
    const isTarget = tf.cast(classMask(indices, numClasses), "float32");
    const targetScore = tf.sum(tf.mul(scores, isTarget), -1, true);
    const hinge = tf.mul(tf.relu(tf.add(tf.sub(margin, targetScore), scores)), tf.sub(1, isTarget));
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
 * @throws LossInputError when input is not of rank 1 or 2 or has no classes (C = 0), target's shape
 *   differs from input's, or a target entry (even after the first −1) is not an integer in [−1, C).
 */
export function multilabelMarginLoss(
  input: TensorLike,
  target: TensorLike,
  { reduction = "mean" }: MultilabelMarginLossOptions = {},
): tf.Tensor {
  const fn = "multilabelMarginLoss";
  checkReduction(fn, reduction);
  return tf.tidy(() => {
    const x = toTensor(fn, "input", input);
    checkRank(fn, "input", x, [1, 2]);
    checkHasClasses(fn, x);
    const t = target instanceof tf.Tensor ? target : toTensor(fn, "target", target);
    checkSameShape(fn, "target", t, "input", x);
    const numClasses = x.shape[x.rank - 1];
    checkIndexDtype(fn, "target", target);
    const labels = toClassIndices(fn, "target", t, numClasses, { value: -1, meaning: "end of the labels" });
    const scores = tf.reshape(x, [-1, numClasses]);
    const numSamples = scores.shape[0];
    const pairs = tf.tensor3d(labelPairCounts(labels.dataSync(), numSamples, numClasses), [
      numSamples,
      numClasses,
      numClasses,
    ]);
    const hinge = tf.relu(tf.add(tf.sub(1, tf.expandDims(scores, 2)), tf.expandDims(scores, 1)));
    // No samples: the backward pass of the broadcast above would transpose an empty tensor (wasm throws).
    const perSample =
      numSamples === 0 ? tracedConstant([0], 0, x) : tf.div(tf.sum(tf.mul(hinge, pairs), [1, 2]), numClasses);
    return reduce(tf.reshape(perSample, x.shape.slice(0, -1)), reduction);
  });
}

/**
 * Multi-label one-versus-all logistic loss for input [N,C] (or any rank, classes last) and 0/1
 * (or soft) targets of the same shape:
 *
 *   ℓ_n = −(1/C)·Σ_c w_c·(y_nc·log σ(x_nc) + (1 − y_nc)·log σ(−x_nc))
 *
 * computed with softplus, so it never overflows. "mean" divides by N. With no classes (C = 0) each
 * ℓ_n is NaN (0/0), as in PyTorch.
 * Same as torch.nn.functional.multilabel_soft_margin_loss(input, target, weight, reduction=reduction).
 * @throws LossInputError for a scalar input, a target shape different from input's, or a weight that
 *   does not broadcast to input's shape.
 */
export function multilabelSoftMarginLoss(
  input: TensorLike,
  target: TensorLike,
  { weight, reduction = "mean" }: MultilabelSoftMarginLossOptions = {},
): tf.Tensor {
  const fn = "multilabelSoftMarginLoss";
  checkReduction(fn, reduction);
  return tf.tidy(() => {
    const x = toTensor(fn, "input", input);
    if (x.rank === 0) {
      throw new LossInputError(fn, "input", "expected shape [C] or [N,C] (classes last), got a scalar ([])");
    }
    const y = toTensor(fn, "target", target);
    checkSameShape(fn, "target", y, "input", x);
    const w = readBroadcastWeight(fn, "weight", weight, x);
    const perClass = tf.add(tf.mul(y, softplus(tf.neg(x))), tf.mul(tf.sub(1, y), softplus(x)));
    const weighted = w === undefined ? perClass : tf.mul(perClass, w);
    return reduce(tf.div(sumLastAxis(weighted), x.shape[x.rank - 1]), reduction);
  });
}

/** @throws LossInputError when the last (class) axis is empty, which PyTorch's margin losses refuse. */
function checkHasClasses(fn: string, input: tf.Tensor): void {
  if (input.shape[input.rank - 1] === 0) {
    throw new LossInputError(
      fn,
      "input",
      `expected at least one class (a non-empty last axis), got shape ${formatShape(input.shape)}`,
    );
  }
}

/**
 * Σ over the last axis, with 0 for an empty axis on every backend (the wasm backend's sum over an
 * empty axis reads uninitialised memory); the empty case keeps a zero gradient.
 */
function sumLastAxis(t: tf.Tensor): tf.Tensor {
  return t.shape[t.rank - 1] === 0 ? tracedConstant(t.shape.slice(0, -1), 0, t) : tf.sum(t, -1);
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

function readClassScores(fn: string, input: TensorLike): tf.Tensor {
  const x = toTensor(fn, "input", input);
  if (x.rank === 0) {
    throw new LossInputError(fn, "input", "expected shape [C], [N,C] or [N,C,d1,...], got a scalar ([])");
  }
  return x;
}

function readClassWeight(fn: string, weight: TensorLike | undefined, numClasses: number): tf.Tensor | undefined {
  if (weight === undefined) return undefined;
  const w = toTensor(fn, "weight", weight);
  checkShape(fn, "weight", w, [numClasses]);
  return w;
}

function readBroadcastWeight(
  fn: string,
  name: string,
  weight: TensorLike | undefined,
  input: tf.Tensor,
): tf.Tensor | undefined {
  if (weight === undefined) return undefined;
  const w = toTensor(fn, name, weight);
  checkBroadcastableTo(fn, name, w, input.shape);
  return w;
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
  const fits = target.rank === expected.length && target.shape.every((d, i) => d === expected[i]);
  if (!fits) {
    const probabilities = acceptsProbabilities
      ? ` or class probabilities of shape ${formatShape(input.shape)}`
      : "";
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
  const sameShape = target.shape.every((d, i) => d === input.shape[i]);
  if (!sameShape) {
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
      `expected a negative value with class-probability targets (ignoreIndex applies to class indices only), got ${ignoreIndex}`,
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
function pickTargetClasses(
  logProbs: tf.Tensor,
  indices: tf.Tensor,
  classWeight: tf.Tensor | undefined,
  ignoreIndex: number,
): PickedClasses {
  const numClasses = logProbs.shape[logProbs.rank - 1];
  const kept = tf.notEqual(indices, tf.scalar(ignoreIndex, "int32"));
  const safeIndices = tf.where(kept, indices, tf.zerosLike(indices));
  const isTarget = classMask(safeIndices, numClasses);
  const targetLogProb = tf.sum(keepWhere(logProbs, isTarget), -1);
  const weight = classWeight === undefined ? tf.onesLike(targetLogProb) : tf.gather(classWeight, safeIndices);
  return {
    weightedNll: keepWhere(tf.mul(tf.neg(targetLogProb), weight), kept),
    targetWeight: keepWhere(weight, kept),
    kept,
  };
}

/** True without class weights, or when every class weight is finite and ≥ 0. */
function isFiniteNonNegative(classWeight: tf.Tensor | undefined): boolean {
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
function pickTargetSoftmaxClasses(
  scores: tf.Tensor,
  indices: tf.Tensor,
  classWeight: tf.Tensor | undefined,
  ignoreIndex: number,
): PickedClasses {
  const numClasses = scores.shape[scores.rank - 1];
  const kept = tf.notEqual(indices, tf.scalar(ignoreIndex, "int32"));
  const safeIndices = tf.where(kept, indices, tf.zerosLike(indices));
  const weight = classWeight === undefined ? tf.ones(indices.shape) : tf.gather(classWeight, safeIndices);
  const targetWeight = tf.where(kept, weight, tf.zerosLike(weight));
  const rows = tf.reshape(scores, [-1, numClasses]);
  const rowKept = tf.reshape(kept, [-1]);
  const rowTarget = tf.reshape(safeIndices, [-1]);
  const rowWeight = tf.reshape(weight, [-1]);
  const targetNll = tf.customGrad(((logits: tf.Tensor, save: tf.GradSaveFunc) => {
    const logProbs = tf.logSoftmax(logits);
    save([logits, logProbs, rowKept, rowTarget, rowWeight]);
    const numRows = logits.shape[0];
    const flatTarget = tf.add(tf.mul(tf.range(0, numRows, 1, "int32"), tf.scalar(numClasses, "int32")), rowTarget);
    const targetLogProb = tf.gather(tf.reshape(logProbs, [-1]), flatTarget);
    const value = tf.where(rowKept, tf.mul(tf.neg(targetLogProb), rowWeight), tf.zerosLike(rowWeight));
    const gradFunc = (dy: tf.Tensor, [, savedLogProbs, savedKept, savedTarget, savedWeight]: tf.Tensor[]) => {
      const scale = tf.where(savedKept, tf.mul(dy, savedWeight), tf.zerosLike(savedWeight));
      const softmaxMinusTarget = tf.sub(tf.exp(savedLogProbs), oneHotFloat(savedTarget, numClasses));
      return tf.mul(softmaxMinusTarget, tf.expandDims(scale, 1));
    };
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return {
    weightedNll: tf.reshape(targetNll(rows), indices.shape),
    targetWeight,
    kept,
  };
}

/** A float one-hot encoding [..., C] of int32 indices. */
function oneHotFloat(indices: tf.Tensor, numClasses: number): tf.Tensor {
  return tf.cast(classMask(indices, numClasses), "float32");
}

/**
 * A boolean mask with a class axis appended, true where the class is the index. tf.oneHot is fast
 * but needs C ≥ 2; a single class compares against range(C) instead. tf.oneHot is asked for int32
 * (its default) and cast: the wasm backend writes int32 data whatever dtype is asked.
 */
function classMask(indices: tf.Tensor, numClasses: number): tf.Tensor {
  return numClasses >= 2
    ? tf.cast(tf.oneHot(indices, numClasses), "bool")
    : tf.equal(tf.expandDims(indices, -1), tf.range(0, numClasses, 1, "int32"));
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

/**
 * tf.where(mask, t, 0) for a boolean mask of t's shape, whose gradient is also a selection:
 * where(mask, dy, 0). tfjs's own where gradient multiplies dy by the mask, and ∞·0 is NaN.
 */
const keepWhere = tf.customGrad(((t: tf.Tensor, mask: tf.Tensor, save: tf.GradSaveFunc) => {
  save([mask]);
  const value = tf.where(mask, t, tf.zerosLike(t));
  const gradFunc = (dy: tf.Tensor, [savedMask]: tf.Tensor[]) => [
    tf.where(savedMask, dy, tf.zerosLike(dy)),
    tf.zeros(savedMask.shape),
  ];
  return { value, gradFunc };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

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

/** softplus(z) = log(1 + eᶻ), as max(z, 0) + log1p(e^−|z|) so that it never overflows; gradient σ(z). */
const softplus = tf.customGrad(((z: tf.Tensor, save: tf.GradSaveFunc) => {
  save([z]);
  const value = tf.add(tf.relu(z), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  const gradFunc = (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(dy, tf.sigmoid(saved));
  return { value, gradFunc };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

/**
 * Elementwise −(y·max(log x, −100) + (1 − y)·max(log(1 − x), −100)) with PyTorch's gradients:
 * (x − y) / max(x(1 − x), 1e-12) for x and −logit(x) for y. Autodiff through the clamp would
 * differ from them at x ∈ {0, 1}.
 */
const clampedBinaryCrossEntropy = tf.customGrad(((x: tf.Tensor, y: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, y]);
  const logX = tf.maximum(tf.log(x), LOG_CLAMP);
  const logOneMinusX = tf.maximum(tf.log1p(tf.neg(x)), LOG_CLAMP);
  const value = tf.neg(tf.add(tf.mul(y, logX), tf.mul(tf.sub(1, y), logOneMinusX)));
  const gradFunc = (dy: tf.Tensor, [sx, sy]: tf.Tensor[]) => {
    const oneMinusX = tf.sub(1, sx);
    const inputGrad = tf.div(tf.sub(sx, sy), tf.maximum(tf.mul(oneMinusX, sx), BCE_GRAD_EPSILON));
    const targetGrad = tf.neg(tf.log(tf.div(sx, oneMinusX)));
    return [tf.mul(dy, inputGrad), tf.mul(dy, targetGrad)];
  };
  return { value, gradFunc };
}) as unknown as Parameters<typeof tf.customGrad>[0]);
