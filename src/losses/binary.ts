// Binary losses: each element an independent yes/no, on probabilities or on logits, and the
// one-versus-all multi-label loss built from them.
import * as tf from "@tensorflow/tfjs-core";
import { inputAndTarget, lossDoor, MEAN_REDUCTION, type Resolved } from "../core/door";
import { checkBroadcastableTo, checkNotScalar, checkScalarOption, checkValues } from "../core/errors";
import { customOp } from "../core/gradient";
import { reduce, type Reduction, type ReductionOptions } from "../core/reduction";
import { toTensor, type TensorLike } from "../core/tensor";
import { softplus, sumLastAxis } from "./ops";

export interface BinaryCrossEntropyOptions extends ReductionOptions {
  /** A rescaling weight broadcastable to input's shape (e.g. [D] for input [N,D]). */
  weight?: TensorLike;
}

export interface BinaryCrossEntropyWithLogitsOptions extends ReductionOptions {
  /** A rescaling weight broadcastable to input's shape. */
  weight?: TensorLike;
  /** A weight on the positive term, broadcastable to input's shape; [D] weighs each of D labels. */
  posWeight?: TensorLike;
}

export type SoftMarginLossOptions = ReductionOptions;

export interface MultilabelSoftMarginLossOptions extends ReductionOptions {
  /** A rescaling weight broadcastable to input's shape, usually one per class: [C]. */
  weight?: TensorLike;
}

export interface SigmoidFocalLossOptions extends ReductionOptions {
  /** The weight of the positives, a finite number ≤ 1 (negatives get 1 − alpha); a negative one turns it off. */
  alpha?: number;
  /** The focusing exponent γ ≥ 0: 0 is plain (alpha-weighted) binary cross-entropy. Default 2. */
  gamma?: number;
  /** As ReductionOptions', but the default is "none", as torchvision's. */
  reduction?: Reduction;
}

// Each loss's defaults, PyTorch's; their keys are the only options it accepts.
const BINARY_CROSS_ENTROPY_DEFAULTS: Resolved<BinaryCrossEntropyOptions, "weight"> = {
  weight: undefined,
  reduction: "mean",
};
const BINARY_CROSS_ENTROPY_WITH_LOGITS_DEFAULTS: Resolved<BinaryCrossEntropyWithLogitsOptions, "weight" | "posWeight"> =
  { weight: undefined, posWeight: undefined, reduction: "mean" };
const MULTILABEL_SOFT_MARGIN_LOSS_DEFAULTS: Resolved<MultilabelSoftMarginLossOptions, "weight"> = {
  weight: undefined,
  reduction: "mean",
};
const SIGMOID_FOCAL_LOSS_DEFAULTS: Resolved<SigmoidFocalLossOptions> = { alpha: 0.25, gamma: 2, reduction: "none" };

/** log(x) and log(1 − x) are clamped below at −100 in binary cross-entropy, as in PyTorch. */
const LOG_CLAMP = -100;
/** The floor of x(1 − x) in binary cross-entropy's input gradient, as in PyTorch. */
const BCE_GRAD_EPSILON = 1e-12;

/**
 * Binary cross-entropy between probabilities x ∈ [0, 1] and targets y of the same shape:
 *
 *   ℓ = −w·(y·max(log x, −100) + (1 − y)·max(log(1 − x), −100))
 *
 * The clamp keeps ℓ finite at x ∈ {0, 1}. Gradients are PyTorch's: ∂ℓ/∂x = w·(x − y) / max(x(1 − x), 1e-12)
 * and ∂ℓ/∂y = −w·logit(x) (±Infinity at x ∈ {0, 1}). Prefer binaryCrossEntropyWithLogits on logits.
 * Same as torch.nn.functional.binary_cross_entropy(input, target, weight, reduction).
 * Reference: Bishop, Pattern Recognition and Machine Learning, Springer 2006, §4.3.2.
 * @example binaryCrossEntropy([0.8, 0.4], [1, 0]).print(); // 0.366985
 * @throws LossInputError when input leaves [0, 1], target's shape differs from input's, target is an
 *   int32 tensor, or weight does not broadcast to input's shape.
 */
export function binaryCrossEntropy(
  input: TensorLike,
  target: TensorLike,
  options?: BinaryCrossEntropyOptions | null,
): tf.Tensor {
  return lossDoor("binaryCrossEntropy", options, BINARY_CROSS_ENTROPY_DEFAULTS, ({ weight, reduction }, fn) => {
    const [x, y] = inputAndTarget(fn, input, target, { input: "probabilities", target: "targets" });
    checkValues(fn, "input", x, "probabilities in [0, 1]", (v) => v >= 0 && v <= 1);
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
 * Reference: Bishop, Pattern Recognition and Machine Learning, Springer 2006, §4.3.2.
 * @example binaryCrossEntropyWithLogits([0, 2], [1, 0]).print(); // 1.410038
 * @throws LossInputError when target's shape differs from input's, target is an int32 tensor, or
 *   weight or posWeight does not broadcast to input's shape.
 */
export function binaryCrossEntropyWithLogits(
  input: TensorLike,
  target: TensorLike,
  options?: BinaryCrossEntropyWithLogitsOptions | null,
): tf.Tensor {
  return lossDoor(
    "binaryCrossEntropyWithLogits",
    options,
    BINARY_CROSS_ENTROPY_WITH_LOGITS_DEFAULTS,
    ({ weight, posWeight, reduction }, fn) => {
      const [x, y] = inputAndTarget(fn, input, target, { input: "logits", target: "targets" });
      const w = readBroadcastWeight(fn, "weight", weight, x);
      const p = readBroadcastWeight(fn, "posWeight", posWeight, x);
      const loss = p === undefined ? tf.sub(softplus(x), tf.mul(x, y)) : positiveWeightedLogitLoss(x, y, p);
      return reduce(w === undefined ? loss : tf.mul(loss, w), reduction);
    },
  );
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
 * Reference: Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, 2nd ed. 2009, §10.6.
 * @example softMarginLoss([2, -1], [1, 1]).print(); // 0.720095
 * @throws LossInputError when target's shape differs from input's.
 */
export function softMarginLoss(
  input: TensorLike,
  target: TensorLike,
  options?: SoftMarginLossOptions | null,
): tf.Tensor {
  return lossDoor("softMarginLoss", options, MEAN_REDUCTION, ({ reduction }, fn) => {
    const [x, y] = inputAndTarget(fn, input, target, { input: "scores" });
    return reduce(softplus(tf.neg(tf.mul(y, x))), reduction);
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
 * Reference: Bishop, Pattern Recognition and Machine Learning, Springer 2006, §4.3.2 (one logistic
 *   regression per label).
 * @example multilabelSoftMarginLoss([[0, 2]], [[1, 0]]).print(); // 1.410038
 * @throws LossInputError for a scalar input, a target shape different from input's, or a weight that
 *   does not broadcast to input's shape.
 */
export function multilabelSoftMarginLoss(
  input: TensorLike,
  target: TensorLike,
  options?: MultilabelSoftMarginLossOptions | null,
): tf.Tensor {
  return lossDoor(
    "multilabelSoftMarginLoss",
    options,
    MULTILABEL_SOFT_MARGIN_LOSS_DEFAULTS,
    ({ weight, reduction }, fn) => {
      const [x, y] = inputAndTarget(fn, input, target, { input: "logits" });
      checkNotScalar(fn, "input", x);
      const w = readBroadcastWeight(fn, "weight", weight, x);
      const perClass = tf.add(tf.mul(y, softplus(tf.neg(x))), tf.mul(tf.sub(1, y), softplus(x)));
      const weighted = w === undefined ? perClass : tf.mul(perClass, w);
      return reduce(tf.div(sumLastAxis(weighted), x.shape[x.rank - 1]), reduction);
    },
  );
}

/**
 * Sigmoid focal loss on logits x and targets y ∈ [0, 1] of the same shape: binary cross-entropy
 * scaled down where the model is already right, so that the many easy examples of an imbalanced
 * problem stop drowning out the few hard ones.
 *
 *   p = σ(x)        ce = −y log p − (1 − y) log(1 − p) = softplus(x) − x·y
 *   1 − pₜ = (1 − p)·y + p·(1 − y)                       (the probability given to the wrong answer)
 *   ℓ = αₜ · (1 − pₜ)^γ · ce        αₜ = α·y + (1 − α)(1 − y)   (αₜ = 1 when α < 0)
 *
 * computed from the logits (1 − p = σ(−x)), so it never overflows. γ = 0 with α < 0 is
 * binaryCrossEntropyWithLogits with reduction "none". The targets are differentiated too, as torch's
 * autograd does. Same as torchvision.ops.sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction),
 * whose default reduction is "none" (not "mean" as torch.nn's losses).
 * Reference: Lin, Goyal, Girshick, He & Dollár, "Focal Loss for Dense Object Detection", ICCV 2017.
 * @example sigmoidFocalLoss([2, -1], [1, 0], { reduction: "sum" }).print(); // 0.0174444
 * @throws LossInputError when target's shape differs from input's, input or target is an int32 tensor,
 *   alpha is not a finite number ≤ 1, or gamma is not a finite number ≥ 0.
 */
export function sigmoidFocalLoss(
  input: TensorLike,
  target: TensorLike,
  options?: SigmoidFocalLossOptions | null,
): tf.Tensor {
  return lossDoor("sigmoidFocalLoss", options, SIGMOID_FOCAL_LOSS_DEFAULTS, ({ alpha, gamma, reduction }, fn) => {
    const alphaRange = "a finite number ≤ 1 (negative turns the weighting off)";
    checkScalarOption(fn, "alpha", alpha, alphaRange, (a) => a <= 1 && Number.isFinite(a));
    checkScalarOption(fn, "gamma", gamma, "a finite number ≥ 0", (g) => g >= 0 && Number.isFinite(g));
    const [x, y] = inputAndTarget(fn, input, target, { input: "logits", target: "targets (0/1 or soft)" });
    const ce = tf.sub(softplus(x), tf.mul(x, y));
    const wrongness = tf.add(tf.mul(tf.sigmoid(tf.neg(x)), y), tf.mul(tf.sigmoid(x), tf.sub(1, y)));
    const focused = gamma === 0 ? ce : tf.mul(ce, tf.pow(wrongness, gamma));
    if (alpha < 0) return reduce(focused, reduction);
    return reduce(tf.mul(tf.add(tf.mul(y, alpha), tf.mul(tf.sub(1, y), 1 - alpha)), focused), reduction);
  });
}

/** A weight broadcastable to input's shape (integer tensors promoted), or undefined when none was given. */
function readBroadcastWeight(fn: string, name: string, weight: unknown, input: tf.Tensor): tf.Tensor | undefined {
  if (weight === undefined) return undefined;
  const w = toTensor(fn, name, weight);
  checkBroadcastableTo(fn, name, w, input.shape);
  return w;
}

/**
 * Elementwise −(y·max(log x, −100) + (1 − y)·max(log(1 − x), −100)) with PyTorch's gradients:
 * (x − y) / max(x(1 − x), 1e-12) for x and −logit(x) for y. Autodiff through the clamp would
 * differ from them at x ∈ {0, 1}.
 */
const clampedBinaryCrossEntropy = customOp<[tf.Tensor, tf.Tensor]>(([x, y], save) => {
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
});
