// Regression losses by hand: each compares a prediction xᵢ with a target yᵢ element by element,
// then takes the mean (or the sum, or keeps the list). The gradients are with respect to the
// prediction, of the reduced loss: the mean unless `reduction: "sum"` is given.
import { checkNumber, checkSameLength } from "./checks";
import { gradientScale, reduce, type Reduced, type Unreduced } from "./reduce";

/**
 * L1 loss, the mean absolute error.
 *
 *   ℓᵢ = |xᵢ − yᵢ|        L = (1/n) Σᵢ ℓᵢ
 *
 * losslab: l1Loss(input, target). PyTorch: torch.nn.functional.l1_loss.
 * @throws Error when prediction and target differ in length.
 */
export function l1Loss(prediction: number[], target: number[], options?: Reduced): number;
export function l1Loss(prediction: number[], target: number[], options: Unreduced): number[];
export function l1Loss(
  prediction: number[],
  target: number[],
  { reduction = "mean" }: Reduced | Unreduced = {},
): number | number[] {
  checkSameLength("l1Loss", "target", target, "prediction", prediction);
  const losses = prediction.map((x, i) => Math.abs(x - target[i]));
  return reduce("l1Loss", losses, reduction);
}

/**
 * Gradient of the L1 loss with respect to the prediction.
 *
 *   ∂L/∂xᵢ = sign(xᵢ − yᵢ) / n      (0 where xᵢ = yᵢ, as PyTorch)
 *
 * @throws Error when prediction and target differ in length.
 */
export function l1LossGrad(prediction: number[], target: number[], { reduction = "mean" }: Reduced = {}): number[] {
  checkSameLength("l1LossGrad", "target", target, "prediction", prediction);
  const scale = gradientScale("l1LossGrad", prediction.length, reduction);
  return prediction.map((x, i) => Math.sign(x - target[i]) * scale);
}

/**
 * Mean squared error.
 *
 *   ℓᵢ = (xᵢ − yᵢ)²       L = (1/n) Σᵢ ℓᵢ
 *
 * losslab: mseLoss(input, target). PyTorch: torch.nn.functional.mse_loss.
 * @throws Error when prediction and target differ in length.
 */
export function mseLoss(prediction: number[], target: number[], options?: Reduced): number;
export function mseLoss(prediction: number[], target: number[], options: Unreduced): number[];
export function mseLoss(
  prediction: number[],
  target: number[],
  { reduction = "mean" }: Reduced | Unreduced = {},
): number | number[] {
  checkSameLength("mseLoss", "target", target, "prediction", prediction);
  const losses = prediction.map((x, i) => (x - target[i]) ** 2);
  return reduce("mseLoss", losses, reduction);
}

/**
 * Gradient of the mean squared error with respect to the prediction.
 *
 *   ∂L/∂xᵢ = 2 (xᵢ − yᵢ) / n
 *
 * @throws Error when prediction and target differ in length.
 */
export function mseLossGrad(prediction: number[], target: number[], { reduction = "mean" }: Reduced = {}): number[] {
  checkSameLength("mseLossGrad", "target", target, "prediction", prediction);
  const scale = gradientScale("mseLossGrad", prediction.length, reduction);
  return prediction.map((x, i) => 2 * (x - target[i]) * scale);
}

/** Options of smoothL1: the width β of the quadratic zone (default 1), and the reduction. */
export interface SmoothL1LossOptions {
  beta?: number;
}

/**
 * Smooth L1 loss: quadratic near zero, linear beyond β.
 *
 *   ℓᵢ = 0.5 (xᵢ − yᵢ)² / β    if |xᵢ − yᵢ| < β
 *        |xᵢ − yᵢ| − 0.5 β     otherwise
 *
 * With β = 0 the first case never applies: it is exactly l1.
 * losslab: smoothL1Loss(input, target, { beta }). PyTorch: torch.nn.functional.smooth_l1_loss.
 * @throws Error when the lengths differ or β is negative.
 */
export function smoothL1Loss(prediction: number[], target: number[], options?: SmoothL1LossOptions & Reduced): number;
export function smoothL1Loss(
  prediction: number[],
  target: number[],
  options: SmoothL1LossOptions & Unreduced,
): number[];
export function smoothL1Loss(
  prediction: number[],
  target: number[],
  { beta = 1, reduction = "mean" }: SmoothL1LossOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkSameLength("smoothL1Loss", "target", target, "prediction", prediction);
  checkNumber("smoothL1Loss", "beta", beta, "a number ≥ 0", (b) => b >= 0);
  const losses = prediction.map((x, i) => {
    const d = Math.abs(x - target[i]);
    return d < beta ? (0.5 * d * d) / beta : d - 0.5 * beta;
  });
  return reduce("smoothL1Loss", losses, reduction);
}

/**
 * Gradient of the smooth L1 loss with respect to the prediction.
 *
 *   ∂L/∂xᵢ = ((xᵢ − yᵢ) / β) / n      if |xᵢ − yᵢ| < β
 *            sign(xᵢ − yᵢ) / n        otherwise
 *
 * @throws Error when the lengths differ or β is negative.
 */
export function smoothL1LossGrad(
  prediction: number[],
  target: number[],
  { beta = 1, reduction = "mean" }: SmoothL1LossOptions & Reduced = {},
): number[] {
  checkSameLength("smoothL1LossGrad", "target", target, "prediction", prediction);
  checkNumber("smoothL1LossGrad", "beta", beta, "a number ≥ 0", (b) => b >= 0);
  const scale = gradientScale("smoothL1LossGrad", prediction.length, reduction);
  return prediction.map((x, i) => {
    const d = x - target[i];
    return (Math.abs(d) < beta ? d / beta : Math.sign(d)) * scale;
  });
}

/** Options of huber: where the quadratic part ends, δ (default 1), and the reduction. */
export interface HuberLossOptions {
  delta?: number;
}

/**
 * Huber loss: quadratic near zero, linear with slope δ beyond δ.
 *
 *   ℓᵢ = 0.5 (xᵢ − yᵢ)²           if |xᵢ − yᵢ| < δ
 *        δ (|xᵢ − yᵢ| − 0.5 δ)     otherwise
 *
 * It is δ times smoothL1 with β = δ.
 * losslab: huberLoss(input, target, { delta }). PyTorch: torch.nn.functional.huber_loss.
 * @throws Error when the lengths differ or δ is not positive.
 */
export function huberLoss(prediction: number[], target: number[], options?: HuberLossOptions & Reduced): number;
export function huberLoss(prediction: number[], target: number[], options: HuberLossOptions & Unreduced): number[];
export function huberLoss(
  prediction: number[],
  target: number[],
  { delta = 1, reduction = "mean" }: HuberLossOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkSameLength("huberLoss", "target", target, "prediction", prediction);
  checkNumber("huberLoss", "delta", delta, "a number > 0", (d) => d > 0);
  const losses = prediction.map((x, i) => {
    const d = Math.abs(x - target[i]);
    return d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
  });
  return reduce("huberLoss", losses, reduction);
}

/**
 * Gradient of the Huber loss with respect to the prediction: the error, clipped to [−δ, δ].
 *
 *   ∂L/∂xᵢ = (xᵢ − yᵢ) / n           if |xᵢ − yᵢ| < δ
 *            δ sign(xᵢ − yᵢ) / n     otherwise
 *
 * @throws Error when the lengths differ or δ is not positive.
 */
export function huberLossGrad(
  prediction: number[],
  target: number[],
  { delta = 1, reduction = "mean" }: HuberLossOptions & Reduced = {},
): number[] {
  checkSameLength("huberLossGrad", "target", target, "prediction", prediction);
  checkNumber("huberLossGrad", "delta", delta, "a number > 0", (d) => d > 0);
  const scale = gradientScale("huberLossGrad", prediction.length, reduction);
  return prediction.map((x, i) => {
    const d = x - target[i];
    return (Math.abs(d) < delta ? d : delta * Math.sign(d)) * scale;
  });
}
