// Tensor operations the loss files share, written so that tfjs autodiff gives PyTorch's gradients.
// Not re-exported from index.ts: these are building blocks, not part of the public API.
import * as tf from "@tensorflow/tfjs-core";
import { customOp, tracedConstant } from "../core/gradient";

/**
 * A tensor computed from `inputs` by `compute`, kept off the autodiff tape: its gradient with
 * respect to every input is zero. tfjs registers no gradient for comparisons (Greater, Equal, …),
 * so a mask built from a differentiated tensor must be made this way or tf.grads throws.
 */
export function detached(compute: (...xs: tf.Tensor[]) => tf.Tensor, ...inputs: tf.Tensor[]): tf.Tensor {
  const offTape = customOp<tf.Tensor[]>((xs) => ({
    value: compute(...xs),
    gradFunc: () => xs.map((x) => tf.zeros(x.shape)),
  }));
  return offTape(...inputs);
}

/**
 * f(x) elementwise, differentiated as dy·f′(x) with the derivative given: one pass forward and
 * one backward, where composing tfjs ops would record several.
 */
export function withDerivative(
  x: tf.Tensor,
  f: (x: tf.Tensor) => tf.Tensor,
  derivative: (x: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  const op = customOp<[tf.Tensor]>(([t], save) => {
    save([t]);
    return { value: f(t), gradFunc: (dy, [saved]) => tf.mul(dy, derivative(saved)) };
  });
  return op(x);
}

/** The smallest positive float32, 2⁻¹⁴⁹ (a subnormal): x / it is ±∞ or at least 1 in magnitude for x ≠ 0. */
const SMALLEST_FLOAT32 = 2 ** -149;

/**
 * sign(x): −1, 0 or 1, with 0 at x = 0 as torch.sign. On the wasm backend it is
 * clip(x / 2⁻¹⁴⁹, −1, 1), two kernels: that backend's Sign kernel is several times slower and
 * gives 0 for subnormal x (torch gives ±1), and step(x) − step(−x) takes four. The price is −1
 * where x is NaN on wasm (torch gives 0, as the cpu backend's Sign does).
 */
export function signOf(x: tf.Tensor): tf.Tensor {
  if (tf.getBackend() !== "wasm") return tf.sign(x);
  return tf.clipByValue(tf.div(x, SMALLEST_FLOAT32), -1, 1);
}

/**
 * |x| with PyTorch's gradient sign(x), which is 0 at x = 0 (tfjs's abs gradient is −1 there).
 */
export function absolute(x: tf.Tensor): tf.Tensor {
  return withDerivative(x, tf.abs, signOf);
}

/** softplus(z) = log(1 + eᶻ), as max(z, 0) + log1p(e^−|z|) so that it never overflows; gradient σ(z). */
export function softplus(z: tf.Tensor): tf.Tensor {
  return withDerivative(z, (t) => tf.add(tf.relu(t), tf.log1p(tf.exp(tf.neg(tf.abs(t))))), tf.sigmoid);
}

/**
 * max(x, 0) with PyTorch's clamp_min gradient: 1 where x ≥ 0, so the gradient still flows at
 * the hinge x = 0 (tf.relu passes none there).
 */
export function clampMinZero(x: tf.Tensor): tf.Tensor {
  return tf.maximum(x, tf.scalar(0));
}

/**
 * Elementwise min(a, b) with PyTorch's gradient: where a = b the gradient is split in half
 * between them (tfjs would give all of it to a).
 */
export function minimumSplittingTies(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const minimum = customOp<[tf.Tensor, tf.Tensor]>(([x, y], save) => {
    save([x, y]);
    return {
      value: tf.minimum(x, y),
      gradFunc: (dy, [savedX, savedY]) => {
        const lessShare = tf.cast(tf.less(savedX, savedY), "float32");
        const share = tf.where(tf.equal(savedX, savedY), tf.scalar(0.5), lessShare);
        return [tf.mul(dy, share), tf.mul(dy, tf.sub(1, share))];
      },
    };
  });
  return minimum(a, b);
}

/**
 * tf.where(mask, t, 0) for a boolean mask of t's shape, whose gradient is also a selection:
 * where(mask, dy, 0). tfjs's own where gradient multiplies dy by the mask, and ∞·0 is NaN.
 */
export const keepWhere = customOp<[tf.Tensor, tf.Tensor]>(([t, mask], save) => {
  save([mask]);
  return {
    value: tf.where(mask, t, tf.zerosLike(t)),
    gradFunc: (dy, [savedMask]) => [tf.where(savedMask, dy, tf.zerosLike(dy)), tf.zeros(savedMask.shape)],
  };
});

/**
 * A boolean mask with a class axis appended, true where the class is the index. tf.oneHot is fast
 * but needs C ≥ 2; a single class compares against range(C) instead. tf.oneHot is asked for int32
 * (its default) and cast: the wasm backend writes int32 data whatever dtype is asked.
 */
export function classMask(indices: tf.Tensor, numClasses: number): tf.Tensor {
  return numClasses >= 2
    ? tf.cast(tf.oneHot(indices, numClasses), "bool")
    : tf.equal(tf.expandDims(indices, -1), tf.range(0, numClasses, 1, "int32"));
}

/**
 * The sum along the last axis, with 0 where that axis is empty on every backend (the wasm
 * backend's sum over an empty axis reads uninitialised memory); the empty case keeps a zero gradient.
 */
export function sumLastAxis(t: tf.Tensor): tf.Tensor {
  return t.shape[t.rank - 1] === 0 ? tracedConstant(t.shape.slice(0, -1), 0, t) : tf.sum(t, -1);
}

/**
 * The p-norm along the last axis of (x1 − x2 + eps), as torch.pairwise_distance(x1, x2, p, eps).
 * p = 1 and p = 2 take the exact short paths; other p use (Σ|d|ᵖ)^(1/p).
 */
export function pairwiseDistance(x1: tf.Tensor, x2: tf.Tensor, p: number, eps: number): tf.Tensor {
  const difference = tf.add(tf.sub(x1, x2), eps);
  if (p === 1) return sumLastAxis(absolute(difference));
  if (p === 2) return tf.sqrt(sumLastAxis(tf.square(difference)));
  return tf.pow(sumLastAxis(tf.pow(absolute(difference), p)), 1 / p);
}
