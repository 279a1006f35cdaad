// Information-theoretic losses: the Kullback–Leibler divergence and Shannon entropy, in nats.
import * as tf from "@tensorflow/tfjs-core";
import { inputAndTarget, lossDoor, type Resolved } from "../core/door";
import { checkNotScalar, checkValues, LossInputError } from "../core/errors";
import { KL_REDUCTIONS, reduce, sumAll, type KlReduction } from "../core/reduction";
import { toTensor, type TensorLike } from "../core/tensor";
import { detached, sumLastAxis, withDerivative } from "./ops";

export interface KlDivOptions {
  /**
   * "none" | "mean" | "sum" | "batchmean"; default "mean", which divides by the number of
   * elements. "batchmean" divides by input.shape[0] and gives the true KL divergence per sample.
   */
  reduction?: KlReduction;
  /** The target holds log-probabilities instead of probabilities; default false. */
  logTarget?: boolean;
}

// klDiv's defaults, PyTorch's; their keys are the only options it accepts.
const DEFAULTS: Resolved<KlDivOptions> = { reduction: "mean", logTarget: false };

/**
 * y log y, taken as 0 where y = 0 (torch.xlogy(y, y)). As in PyTorch, its gradient with respect
 * to y is NaN where y = 0: the derivative log y + 1 has no finite value there.
 */
function xlogx(y: tf.Tensor): tf.Tensor {
  const isZero = detached((t) => tf.equal(t, 0), y);
  const product = tf.mul(y, tf.log(y));
  return tf.where(isZero, tf.zerosLike(product), product);
}

/**
 * Kullback–Leibler divergence KL(target ‖ prediction) with the prediction given as
 * log-probabilities `input`.
 *
 *   ℓᵢ = yᵢ (log yᵢ − xᵢ)          (0 where yᵢ = 0)
 *   ℓᵢ = exp(yᵢ) (yᵢ − xᵢ)         with logTarget (y holds log-probabilities)
 *
 * Reductions: "mean" divides Σℓ by the element count, "batchmean" by input.shape[0] (the sum
 * itself for a 0-d input). Same as torch.nn.functional.kl_div, defaults reduction = "mean",
 * logTarget = false; the target is differentiated too.
 * Reference: Kullback & Leibler, "On Information and Sufficiency", Ann. Math. Statist. 22(1), 1951.
 * @example klDiv(tf.log([[0.5, 0.5]]), [[0.25, 0.75]], { reduction: "batchmean" }).print(); // 0.130812
 * @throws LossInputError when shapes differ, either tensor is not floating-point, or an option
 * is invalid.
 */
export function klDiv(input: TensorLike, target: TensorLike, options?: KlDivOptions | null): tf.Tensor {
  return lossDoor(
    "klDiv",
    options,
    DEFAULTS,
    ({ reduction, logTarget }, fn) => {
      const floats = { input: "log-probabilities", target: logTarget ? "log-probabilities" : "probabilities" };
      const [x, y] = inputAndTarget(fn, input, target, floats);
      const pointwise = logTarget ? tf.mul(tf.exp(y), tf.sub(y, x)) : tf.sub(xlogx(y), tf.mul(y, x));
      if (reduction !== "batchmean") return reduce(pointwise, reduction);
      const total = sumAll(pointwise);
      return x.rank === 0 ? total : tf.div(total, x.shape[0]);
    },
    KL_REDUCTIONS,
  );
}

/** How far each distribution's total may stray from 1 (float32 softmax outputs sum within ~1e-6). */
const SUM_TOLERANCE = 1e-4;

/** @throws LossInputError naming the first distribution along the last axis whose sum is not 1. */
function checkSumsToOne(fn: string, name: string, probs: tf.Tensor): void {
  const sums = tf.tidy(() => sumLastAxis(probs).reshape([-1]).dataSync());
  const bad = sums.findIndex((s) => !(Math.abs(s - 1) <= SUM_TOLERANCE));
  if (bad >= 0) {
    const got = Number(sums[bad].toPrecision(7)); // float32 noise off: 0.9, not 0.8999999761581421
    const expected = "expected each distribution along the last axis to sum to 1";
    throw new LossInputError(fn, name, `${expected}, got ${got} for distribution ${bad}`);
  }
}

/**
 * −p log p, taken as 0 where p = 0, with PyTorch's gradient −(log p + 1) (+∞ at p = 0), as
 * torch.special.entr.
 */
function negativeXlogx(p: tf.Tensor): tf.Tensor {
  const value = (q: tf.Tensor) => {
    const product = tf.neg(tf.mul(q, tf.log(q)));
    return tf.where(tf.equal(q, 0), tf.zerosLike(product), product);
  };
  return withDerivative(p, value, (q) => tf.neg(tf.add(tf.log(q), 1)));
}

/**
 * Shannon entropy in nats of each distribution along the last axis.
 *
 *   H(p) = −Σⱼ pⱼ log pⱼ     (0 log 0 = 0)
 *
 * Returns one entropy per distribution: shape probs.shape without its last axis. Same as
 * torch.special.entr(p).sum(-1), or torch.distributions.Categorical(probs=p).entropy() for
 * normalised p.
 * Reference: Cover & Thomas, Elements of Information Theory, 2nd ed. 2006, ch. 2.
 * @example entropy([0.5, 0.5]).print(); // 0.693147
 * @throws LossInputError when probs is 0-d, has a value outside [0, 1], or a distribution whose
 * sum is not 1 (within 1e-4).
 */
export function entropy(probs: TensorLike): tf.Tensor {
  const fn = "entropy";
  return tf.tidy(() => {
    const p = toTensor(fn, "probs", probs);
    checkNotScalar(fn, "probs", p);
    checkValues(fn, "probs", p, "probabilities in [0, 1]", (v) => v >= 0 && v <= 1);
    checkSumsToOne(fn, "probs", p);
    return sumLastAxis(negativeXlogx(p));
  });
}
