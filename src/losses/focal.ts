// Focal loss: binary cross-entropy on logits, scaled down where the model is already right, so that
// the many easy examples of an imbalanced problem stop drowning out the few hard ones.
import * as tf from "@tensorflow/tfjs";
import { checkSameShape, checkScalarOption } from "../core/errors";
import { checkReduction, reduce, REDUCTIONS, type Reduction } from "../core/reduction";
import { toFloatTensor, toTensor, type TensorLike } from "../core/tensor";
import { checkOptionKeys } from "./optionKeys";
import { withDerivative } from "./ops";

export interface SigmoidFocalLossOptions {
  /** The weight of the positives in [0, 1] (negatives get 1 − alpha); a negative value turns it off. Default 0.25. */
  alpha?: number;
  /** The focusing exponent γ ≥ 0: 0 is plain (alpha-weighted) BCE. Default 2. */
  gamma?: number;
  /** "none" | "mean" | "sum"; default "none", as torchvision's. */
  reduction?: Reduction;
}

const FOCAL_OPTIONS = ["alpha", "gamma", "reduction"] as const;

/** log(1 + eᶻ) as max(z, 0) + log1p(e^−|z|), which never overflows; gradient σ(z). */
function softplus(z: tf.Tensor): tf.Tensor {
  return withDerivative(z, (t) => tf.add(tf.relu(t), tf.log1p(tf.exp(tf.neg(tf.abs(t))))), tf.sigmoid);
}

function readFocalOptions(fn: string, options: SigmoidFocalLossOptions) {
  checkOptionKeys(fn, options, FOCAL_OPTIONS);
  const { alpha = 0.25, gamma = 2, reduction = "none" } = options;
  checkScalarOption(fn, "alpha", alpha, "a number ≤ 1 (negative turns the weighting off)", (a) => a <= 1);
  checkScalarOption(fn, "gamma", gamma, "a finite number ≥ 0", (g) => g >= 0 && Number.isFinite(g));
  return { alpha, gamma, reduction: checkReduction(fn, reduction, REDUCTIONS) };
}

function readFocalInputs(fn: string, inputs: TensorLike, targets: TensorLike): [tf.Tensor, tf.Tensor] {
  const x = toTensor(fn, "inputs", inputs);
  const y = toFloatTensor(fn, "targets", targets, "targets (0/1 or soft)");
  checkSameShape(fn, "targets", y, "inputs", x);
  return [x, y];
}

/**
 * Sigmoid focal loss (Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017) on logits x
 * and targets y ∈ [0, 1] of the same shape:
 *
 *   p   = σ(x)                               ce = −y log p − (1 − y) log(1 − p)
 *   1 − pₜ = (1 − p)·y + p·(1 − y)           (the probability given to the wrong answer)
 *   ℓ   = αₜ · (1 − pₜ)^γ · ce               αₜ = α·y + (1 − α)(1 − y)   (αₜ = 1 when α < 0)
 *
 * computed from the logits without log σ: ce = softplus(x) − x·y, p = σ(x), 1 − p = σ(−x).
 * γ = 0 with α < 0 is binaryCrossEntropyWithLogits with reduction "none". The targets are
 * differentiated too, as torch's autograd does.
 * Same as torchvision.ops.sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction), default
 * reduction "none" as there (not "mean" as torch.nn's losses).
 * @example sigmoidFocalLoss([2, -1], [1, 0]).print(); // [0.0004509, 0.0169935]
 * @throws LossInputError when the shapes differ, targets is an int32 tensor, alpha > 1, gamma < 0,
 *   or an option is unknown.
 */
export function sigmoidFocalLoss(
  inputs: TensorLike,
  targets: TensorLike,
  options: SigmoidFocalLossOptions = {},
): tf.Tensor {
  const fn = "sigmoidFocalLoss";
  const { alpha, gamma, reduction } = readFocalOptions(fn, options);
  return tf.tidy(() => {
    const [x, y] = readFocalInputs(fn, inputs, targets);
    const ce = tf.sub(softplus(x), tf.mul(x, y));
    const wrongness = tf.add(tf.mul(tf.sigmoid(tf.neg(x)), y), tf.mul(tf.sigmoid(x), tf.sub(1, y)));
    const focused = gamma === 0 ? ce : tf.mul(ce, tf.pow(wrongness, gamma));
    const weighted = alpha < 0 ? focused : tf.mul(tf.add(tf.mul(y, alpha), tf.mul(tf.sub(1, y), 1 - alpha)), focused);
    return reduce(weighted, reduction);
  });
}
