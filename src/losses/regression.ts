// Regression losses: distances between predictions and real-valued targets, and the negative
// log-likelihoods of the Poisson and Gaussian models. Same semantics as torch.nn.functional,
// except that a target whose shape differs from the input's is an error here, never broadcast.
import * as tf from "@tensorflow/tfjs-core";
import { inputAndTarget, lossDoor, MEAN_REDUCTION, type Resolved } from "../core/door";
import { checkScalarOption, checkValues, formatShape, LossInputError, sameShape } from "../core/errors";
import { customOp } from "../core/gradient";
import { reduce, type ReductionOptions } from "../core/reduction";
import { toFloatTensor, type TensorLike } from "../core/tensor";
import { absolute, detached, withDerivative } from "./ops";

export type L1LossOptions = ReductionOptions;

export type MseLossOptions = ReductionOptions;

export interface SmoothL1LossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear; ≥ 0, default 1. 0 gives l1Loss. */
  beta?: number;
}

export interface HuberLossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear; > 0, default 1. */
  delta?: number;
}

export interface PoissonNllLossOptions extends ReductionOptions {
  /** The input is the log of the rate (true, default) or the rate itself (false). */
  logInput?: boolean;
  /** Add the Stirling approximation of log(target!) where target > 1; default false. */
  full?: boolean;
  /** Added to the rate before its log when logInput is false; default 1e-8. */
  eps?: number;
}

export interface GaussianNllLossOptions extends ReductionOptions {
  /** Add the constant 0.5·log(2π); default false. */
  full?: boolean;
  /** Lower clamp on the variance; default 1e-6. */
  eps?: number;
}

// Each loss's defaults, PyTorch's; their keys are the only options it accepts.
const SMOOTH_L1_LOSS_DEFAULTS: Resolved<SmoothL1LossOptions> = { beta: 1, reduction: "mean" };
const HUBER_LOSS_DEFAULTS: Resolved<HuberLossOptions> = { delta: 1, reduction: "mean" };
const POISSON_NLL_LOSS_DEFAULTS: Resolved<PoissonNllLossOptions> = {
  logInput: true,
  full: false,
  eps: 1e-8,
  reduction: "mean",
};
const GAUSSIAN_NLL_LOSS_DEFAULTS: Resolved<GaussianNllLossOptions> = { full: false, eps: 1e-6, reduction: "mean" };

/**
 * input and target of a distance loss (l1Loss, mseLoss, smoothL1Loss) as float32 tensors of one shape.
 * PyTorch computes these when either is floating-point and refuses two integer tensors
 * ("mse_cpu" not implemented for 'Int'), so an integer tensor is promoted unless both are.
 */
function distanceArguments(fn: string, input: unknown, target: unknown): [tf.Tensor, tf.Tensor] {
  if (isIntegerTensor(input) && isIntegerTensor(target)) {
    const detail = `expected a float32 tensor when target is an integer tensor too, got dtype ${input.dtype}`;
    throw new LossInputError(fn, "input", `${detail} (convert it with tf.cast(input, "float32"))`);
  }
  return inputAndTarget(fn, input, target);
}

function isIntegerTensor(value: unknown): value is tf.Tensor {
  return value instanceof tf.Tensor && (value.dtype === "int32" || value.dtype === "bool");
}

/**
 * Mean absolute error (L1 loss).
 *
 *   ℓᵢ = |xᵢ − yᵢ|
 *
 * Same as torch.nn.functional.l1_loss, gradient sign(xᵢ − yᵢ) (0 where xᵢ = yᵢ).
 * Reference: Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, 2nd ed. 2009, §10.6.
 * @example l1Loss([0.5, 3], [0, 0]).print(); // 1.75
 * @throws LossInputError when input and target shapes differ, or reduction is unknown.
 */
export function l1Loss(input: TensorLike, target: TensorLike, options?: L1LossOptions | null): tf.Tensor {
  return lossDoor("l1Loss", options, MEAN_REDUCTION, ({ reduction }, fn) => {
    const [x, y] = distanceArguments(fn, input, target);
    return reduce(absolute(tf.sub(x, y)), reduction);
  });
}

/**
 * Mean squared error.
 *
 *   ℓᵢ = (xᵢ − yᵢ)²
 *
 * Same as torch.nn.functional.mse_loss.
 * Reference: Goodfellow, Bengio & Courville, Deep Learning, MIT Press 2016, §5.1.4.
 * @example mseLoss([0.5, 3], [0, 0]).print(); // 4.625
 * @throws LossInputError when input and target shapes differ, or reduction is unknown.
 */
export function mseLoss(input: TensorLike, target: TensorLike, options?: MseLossOptions | null): tf.Tensor {
  return lossDoor("mseLoss", options, MEAN_REDUCTION, ({ reduction }, fn) => {
    const [x, y] = distanceArguments(fn, input, target);
    return reduce(tf.squaredDifference(x, y), reduction);
  });
}

/**
 * The unreduced smooth L1 loss at β = 0, with PyTorch's gradient: its backward returns −1 for
 * z = x − y ≤ 0 and 1 above, and the target's is that at y − x (PyTorch evaluates its backward
 * with the arguments swapped), so at z = 0 both gradients are −1.
 */
function smoothL1AtZeroBeta(input: tf.Tensor, target: tf.Tensor): tf.Tensor {
  const slope = (z: tf.Tensor) => tf.where(tf.lessEqual(z, 0), tf.onesLike(z).neg(), tf.onesLike(z));
  const pointwise = customOp<[tf.Tensor, tf.Tensor]>(([x, y], save) => {
    save([x, y]);
    return {
      value: tf.abs(tf.sub(x, y)),
      gradFunc: (dy, [savedX, savedY]) => [
        tf.mul(dy, slope(tf.sub(savedX, savedY))),
        tf.mul(dy, slope(tf.sub(savedY, savedX))),
      ],
    };
  });
  return pointwise(input, target);
}

/**
 * A loss of z = x − y, quadratic for |z| < threshold and linear beyond, whose derivative is
 * clip(z, −threshold, threshold) / divisor, as PyTorch's backward computes it. Differentiating z
 * itself gives the target the negated slope, which is PyTorch's for threshold > 0 (the clip is odd).
 */
function quadraticThenLinear(
  z: tf.Tensor,
  threshold: number,
  divisor: number,
  quadratic: (z: tf.Tensor) => tf.Tensor,
  linear: (absZ: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  const value = (t: tf.Tensor) => {
    const absZ = tf.abs(t);
    return tf.where(tf.less(absZ, threshold), quadratic(t), linear(absZ));
  };
  const derivative = (t: tf.Tensor) => {
    const clipped = tf.clipByValue(t, -threshold, threshold);
    return divisor === 1 ? clipped : tf.div(clipped, divisor);
  };
  return withDerivative(z, value, derivative);
}

/**
 * Smooth L1 loss: quadratic near zero, linear beyond `beta`.
 *
 *   ℓᵢ = 0.5 (xᵢ − yᵢ)² / β   if |xᵢ − yᵢ| < β
 *        |xᵢ − yᵢ| − 0.5 β    otherwise
 *
 * Same as torch.nn.functional.smooth_l1_loss, gradients included. β = 0 is l1Loss in value.
 * Reference: Girshick, "Fast R-CNN", ICCV 2015.
 * @example smoothL1Loss([0.5, 3], [0, 0]).print(); // 1.3125
 * @throws LossInputError when shapes differ, beta < 0, or reduction is unknown.
 */
export function smoothL1Loss(input: TensorLike, target: TensorLike, options?: SmoothL1LossOptions | null): tf.Tensor {
  return lossDoor("smoothL1Loss", options, SMOOTH_L1_LOSS_DEFAULTS, ({ beta, reduction }, fn) => {
    checkScalarOption(fn, "beta", beta, "a number ≥ 0", (b) => b >= 0);
    const [x, y] = distanceArguments(fn, input, target);
    if (beta === 0) return reduce(smoothL1AtZeroBeta(x, y), reduction);
    const loss = quadraticThenLinear(
      tf.sub(x, y),
      beta,
      beta,
      (z) => tf.div(tf.mul(0.5, tf.square(z)), beta),
      (absZ) => tf.sub(absZ, 0.5 * beta),
    );
    return reduce(loss, reduction);
  });
}

/**
 * Huber loss: quadratic near zero, linear with slope δ beyond `delta`.
 *
 *   ℓᵢ = 0.5 (xᵢ − yᵢ)²           if |xᵢ − yᵢ| < δ
 *        δ (|xᵢ − yᵢ| − 0.5 δ)    otherwise
 *
 * Equals δ · smoothL1Loss(β = δ). Same as torch.nn.functional.huber_loss.
 * Reference: Huber, "Robust Estimation of a Location Parameter", Ann. Math. Statist. 35(1), 1964.
 * @example huberLoss([0.5, 3], [0, 0], { delta: 2 }).print(); // 2.0625
 * @throws LossInputError when shapes differ, delta ≤ 0, or reduction is unknown.
 */
export function huberLoss(input: TensorLike, target: TensorLike, options?: HuberLossOptions | null): tf.Tensor {
  return lossDoor("huberLoss", options, HUBER_LOSS_DEFAULTS, ({ delta, reduction }, fn) => {
    checkScalarOption(fn, "delta", delta, "a number > 0", (d) => d > 0);
    const [x, y] = inputAndTarget(fn, input, target, { input: "predictions" });
    const loss = quadraticThenLinear(
      tf.sub(x, y),
      delta,
      1,
      (z) => tf.mul(0.5, tf.square(z)),
      (absZ) => tf.mul(delta, tf.sub(absZ, 0.5 * delta)),
    );
    return reduce(loss, reduction);
  });
}

/**
 * Stirling's approximation of log(y!) minus its use in the Poisson likelihood, added where y > 1:
 *   y log y − y + 0.5 log(2π y)
 * PyTorch masks it with masked_fill(y ≤ 1, 0); the gradient with respect to y is therefore NaN
 * where y = 0 (0 · log 0), which this reproduces.
 */
function stirlingTerm(target: tf.Tensor): tf.Tensor {
  const yLogY = tf.mul(target, tf.log(target));
  const term = tf.add(tf.sub(yLogY, target), tf.mul(0.5, tf.log(tf.mul(2 * Math.PI, target))));
  const atMostOne = detached((y) => tf.lessEqual(y, 1), target);
  return tf.where(atMostOne, tf.zerosLike(term), term);
}

/**
 * Negative log-likelihood of a Poisson target with rate λ (the constant log(y!) dropped).
 *
 *   logInput: ℓᵢ = exp(xᵢ) − yᵢ xᵢ                 (x = log λ)
 *   else:     ℓᵢ = xᵢ − yᵢ log(xᵢ + eps)           (x = λ)
 *   full:     ℓᵢ += yᵢ log yᵢ − yᵢ + 0.5 log(2π yᵢ)  where yᵢ > 1
 *
 * Same as torch.nn.functional.poisson_nll_loss, defaults logInput = true, full = false, eps = 1e-8.
 * Reference: McCullagh & Nelder, Generalized Linear Models, 2nd ed. 1989, ch. 6.
 * @example poissonNllLoss([0, 1], [1, 2]).print(); // 0.859141
 * @throws LossInputError when shapes differ, an option is invalid, or reduction is unknown.
 */
export function poissonNllLoss(
  input: TensorLike,
  target: TensorLike,
  options?: PoissonNllLossOptions | null,
): tf.Tensor {
  return lossDoor("poissonNllLoss", options, POISSON_NLL_LOSS_DEFAULTS, ({ logInput, full, eps, reduction }, fn) => {
    checkScalarOption(fn, "eps", eps, "a number ≥ 0", (e) => e >= 0);
    const [x, y] = inputAndTarget(fn, input, target);
    const loss = logInput ? tf.sub(tf.exp(x), tf.mul(y, x)) : tf.sub(x, tf.mul(y, tf.log(tf.add(x, eps))));
    return reduce(full ? tf.add(loss, stirlingTerm(y)) : loss, reduction);
  });
}

/**
 * The variance as a shape that broadcasts against the input, following PyTorch: the input's
 * own shape, the input's shape with the last axis 1, or the input's shape without its last
 * axis (then given a last axis of 1).
 * @throws LossInputError for any other shape.
 */
function varianceLike(fn: string, variance: tf.Tensor, input: tf.Tensor): tf.Tensor {
  const [v, x] = [variance.shape, input.shape];
  const leading = x.slice(0, -1);
  if (sameShape(v, x)) return variance;
  if (sameShape(v, leading)) return tf.expandDims(variance, -1);
  if (sameShape(v.slice(0, -1), leading) && v[v.length - 1] === 1) return variance;
  throw new LossInputError(
    fn,
    "variance",
    `expected shape ${formatShape(x)} (the shape of input), ${formatShape([...leading, 1])} ` +
      `or ${formatShape(leading)}, got ${formatShape(v)}`,
  );
}

/**
 * max(v, eps) whose gradient is 1 everywhere: PyTorch clamps the variance in place under
 * no_grad, so the gradient flows as if no clamp had happened (evaluated at the clamped value).
 */
function clampKeepingGradient(variance: tf.Tensor, eps: number): tf.Tensor {
  const clamp = customOp<[tf.Tensor]>(([v]) => ({ value: tf.maximum(v, eps), gradFunc: (dy) => [dy] }));
  return clamp(variance);
}

/**
 * Negative log-likelihood of a Gaussian target with mean x and variance σ².
 *
 *   ℓᵢ = 0.5 (log max(σᵢ², eps) + (xᵢ − yᵢ)² / max(σᵢ², eps))   [+ 0.5 log(2π) when full]
 *
 * `variance` has the input's shape, or that shape with last axis 1, or without its last axis
 * (one variance shared along the last axis). Same as torch.nn.functional.gaussian_nll_loss,
 * defaults full = false, eps = 1e-6; the clamp does not stop the variance's gradient.
 * Reference: Nix & Weigend, "Estimating the mean and variance of the target probability distribution", ICNN 1994.
 * @example gaussianNllLoss([0, 1], [1, 1], [1, 1]).print(); // 0.25
 * @throws LossInputError when shapes disagree, a variance is negative, or an option is invalid.
 */
export function gaussianNllLoss(
  input: TensorLike,
  target: TensorLike,
  variance: TensorLike,
  options?: GaussianNllLossOptions | null,
): tf.Tensor {
  return lossDoor("gaussianNllLoss", options, GAUSSIAN_NLL_LOSS_DEFAULTS, ({ full, eps, reduction }, fn) => {
    checkScalarOption(fn, "eps", eps, "a number ≥ 0", (e) => e >= 0);
    const [x, y] = inputAndTarget(fn, input, target);
    const v = varianceLike(fn, toFloatTensor(fn, "variance", variance, "variances"), x);
    checkValues(fn, "variance", v, "non-negative values", (value) => !(value < 0));
    const clamped = clampKeepingGradient(v, eps);
    const loss = tf.mul(0.5, tf.add(tf.log(clamped), tf.div(tf.square(tf.sub(x, y)), clamped)));
    return reduce(full ? tf.add(loss, 0.5 * Math.log(2 * Math.PI)) : loss, reduction);
  });
}
