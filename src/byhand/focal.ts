// Focal loss by hand: binary cross-entropy on a logit, multiplied by (1 − pₜ)^γ so that examples the
// model already gets right count for little. Gradients are with respect to the logits.
import { checkNumber, checkSameLength } from "./checks";
import { gradientScale, reduce, type Reduced, type Unreduced } from "./reduce";

/** Options of sigmoidFocalLoss: α weighs the positives (1 − α the negatives; α < 0: no weighting), γ focuses. */
export interface SigmoidFocalLossOptions {
  alpha?: number;
  gamma?: number;
}

/** σ(z) = 1 / (1 + e^(−z)), written so that e^(·) only ever sees a number ≤ 0. */
function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** softplus(z) = log(1 + eᶻ) = max(z, 0) + log(1 + e^(−|z|)); the second form never overflows. */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

function checkFocalInputs(fn: string, logits: number[], target: number[], alpha: number, gamma: number): void {
  checkSameLength(fn, "target", target, "logits", logits);
  checkNumber(fn, "alpha", alpha, "a number ≤ 1", (a) => a <= 1);
  checkNumber(fn, "gamma", gamma, "a number ≥ 0", (g) => g >= 0);
}

/** The pieces of one element's loss: ce, the wrong-answer probability q = 1 − pₜ, and the weight αₜ. */
function focalTerms(z: number, y: number, alpha: number) {
  const p = sigmoid(z);
  return {
    p,
    ce: softplus(z) - z * y,
    wrong: p * (1 - y) + sigmoid(-z) * y,
    weight: alpha < 0 ? 1 : alpha * y + (1 - alpha) * (1 - y),
  };
}

/**
 * Sigmoid focal loss (Lin et al., 2017) of logits zᵢ and targets yᵢ ∈ [0, 1]:
 *
 *   p = σ(z)     ce = −y log p − (1 − y) log(1 − p) = softplus(z) − z y
 *   q = 1 − pₜ = p (1 − y) + (1 − p) y                 (the probability of the wrong answer)
 *   ℓ = αₜ q^γ ce,        αₜ = α y + (1 − α)(1 − y)     (αₜ = 1 when α < 0)
 *
 * An example the model gets right with p = 0.9 has q = 0.1: with γ = 2 its loss is 100 times
 * smaller than plain cross-entropy's. Per element by default (reduction "none"), as torchvision.
 * losslab: sigmoidFocalLoss(inputs, targets, { alpha, gamma, reduction }).
 * PyTorch: torchvision.ops.sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction).
 * @throws Error when the lengths differ, alpha > 1 or gamma < 0.
 */
export function sigmoidFocalLoss(
  logits: number[],
  target: number[],
  options?: SigmoidFocalLossOptions & { reduction?: "none" },
): number[];
export function sigmoidFocalLoss(
  logits: number[],
  target: number[],
  options: SigmoidFocalLossOptions & { reduction: "mean" | "sum" },
): number;
export function sigmoidFocalLoss(
  logits: number[],
  target: number[],
  { alpha = 0.25, gamma = 2, reduction = "none" }: SigmoidFocalLossOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkFocalInputs("sigmoidFocalLoss", logits, target, alpha, gamma);
  const losses = logits.map((z, i) => {
    const { ce, wrong, weight } = focalTerms(z, target[i], alpha);
    return weight * wrong ** gamma * ce;
  });
  return reduce("sigmoidFocalLoss", losses, reduction);
}

/**
 * Gradient of the sigmoid focal loss with respect to the logits, by the product rule:
 *
 *   ∂ce/∂z = p − y       ∂q/∂z = p (1 − p)(1 − 2y)
 *   ∂ℓ/∂z = αₜ [ γ q^(γ−1) (∂q/∂z) ce + q^γ (p − y) ]
 *
 * With γ = 0 it is αₜ (p − y), BCE's gradient; the first term is what slows down the easy examples.
 * Of the sum by default ("sum": each element's own gradient), or of the mean.
 * @throws Error when the lengths differ, alpha > 1 or gamma < 0.
 */
export function sigmoidFocalLossGrad(
  logits: number[],
  target: number[],
  { alpha = 0.25, gamma = 2, reduction = "sum" }: SigmoidFocalLossOptions & Reduced = {},
): number[] {
  checkFocalInputs("sigmoidFocalLossGrad", logits, target, alpha, gamma);
  const scale = gradientScale("sigmoidFocalLossGrad", logits.length, reduction);
  return logits.map((z, i) => {
    const y = target[i];
    const { p, ce, wrong, weight } = focalTerms(z, y, alpha);
    const focusing = gamma === 0 ? 0 : gamma * wrong ** (gamma - 1) * p * (1 - p) * (1 - 2 * y) * ce;
    return weight * (focusing + wrong ** gamma * (p - y)) * scale;
  });
}
