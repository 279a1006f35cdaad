// Classification losses by hand, for one sample: a vector of logits (unnormalised scores, one per
// class) and its target. The gradients are with respect to the logits (or the probabilities, for
// binaryCrossEntropy) and the sample's loss itself; average over a batch by dividing by its size.
import { checkClassIndex, checkEach, checkNotEmpty, checkNumber, checkSameLength } from "./checks";
import { gradientScale, reduce, sum, type Reduced, type Unreduced } from "./reduce";

/** The largest entry. Subtracting it before exp keeps every exp(·) ≤ 1, so nothing overflows. */
function max(values: readonly number[]): number {
  let largest = -Infinity;
  for (const value of values) if (value > largest) largest = value;
  return largest;
}

/**
 * Softmax: turns logits into probabilities that are positive and add up to 1.
 *
 *   softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ) = exp(xᵢ − m) / Σⱼ exp(xⱼ − m),   m = maxⱼ xⱼ
 *
 * The second form is the same number and never overflows. PyTorch: torch.softmax(x, -1).
 * @throws Error when logits is empty.
 */
export function softmax(logits: number[]): number[] {
  checkNotEmpty("softmax", "logits", logits);
  const m = max(logits);
  const exps = logits.map((x) => Math.exp(x - m));
  const total = sum(exps);
  return exps.map((e) => e / total);
}

/**
 * Jacobian of softmax: how each probability moves with each logit.
 *
 *   ∂sᵢ/∂xⱼ = sᵢ (δᵢⱼ − sⱼ),   s = softmax(x),  δᵢⱼ = 1 if i = j else 0
 *
 * Row i is the gradient of sᵢ.
 * @throws Error when logits is empty.
 */
export function softmaxJacobian(logits: number[]): number[][] {
  checkNotEmpty("softmaxJacobian", "logits", logits);
  const s = softmax(logits);
  return s.map((si, i) => s.map((sj, j) => si * ((i === j ? 1 : 0) - sj)));
}

/**
 * Log-softmax, computed stably with the log-sum-exp trick.
 *
 *   logSoftmax(x)ᵢ = xᵢ − log Σⱼ exp(xⱼ) = xᵢ − m − log Σⱼ exp(xⱼ − m),   m = maxⱼ xⱼ
 *
 * Finite even for logits like 1000, where exp(1000) = ∞ would ruin log(softmax(x)).
 * PyTorch: torch.log_softmax(x, -1).
 * @throws Error when logits is empty.
 */
export function logSoftmax(logits: number[]): number[] {
  checkNotEmpty("logSoftmax", "logits", logits);
  const m = max(logits);
  const logSumExp = m + Math.log(sum(logits.map((x) => Math.exp(x - m))));
  return logits.map((x) => x - logSumExp);
}

/**
 * Jacobian of log-softmax.
 *
 *   ∂ logSoftmax(x)ᵢ / ∂xⱼ = δᵢⱼ − sⱼ,   s = softmax(x)
 *
 * @throws Error when logits is empty.
 */
export function logSoftmaxJacobian(logits: number[]): number[][] {
  checkNotEmpty("logSoftmaxJacobian", "logits", logits);
  const s = softmax(logits);
  return s.map((_, i) => s.map((sj, j) => (i === j ? 1 : 0) - sj));
}

/**
 * Checks a cross-entropy target: a class index in [0, C), or C probabilities.
 * @throws Error naming the function otherwise.
 */
function checkTarget(fn: string, logits: number[], target: number | number[]): void {
  checkNotEmpty(fn, "logits", logits);
  if (typeof target === "number") checkClassIndex(fn, "target", target, logits.length);
  else checkSameLength(fn, "target", target, "logits", logits);
}

/**
 * Cross-entropy of one sample, from logits.
 *
 * With a class index y:           ℓ = −logSoftmax(x)_y = log Σⱼ exp(xⱼ) − x_y
 * With class probabilities t:     ℓ = −Σ_c t_c logSoftmax(x)_c
 *
 * (A class index is the probability target t = one-hot(y).)
 * losslab: crossEntropy(logits, target) — for a batch it averages this over the samples.
 * PyTorch: torch.nn.functional.cross_entropy.
 * @throws Error when the target is not a class index in [0, C) nor C probabilities.
 */
export function crossEntropy(logits: number[], target: number | number[]): number {
  checkTarget("crossEntropy", logits, target);
  const logProbs = logSoftmax(logits);
  if (typeof target === "number") return -logProbs[target];
  return -sum(target.map((t, c) => t * logProbs[c]));
}

/**
 * Gradient of one sample's cross-entropy with respect to the logits.
 *
 * With a class index y:         ∂ℓ/∂x_c = s_c − [c = y]
 * With class probabilities t:   ∂ℓ/∂x_c = s_c Σⱼ tⱼ − t_c     (= s_c − t_c when Σ t = 1)
 *
 * where s = softmax(x): "predicted minus true".
 * @throws Error when the target is not a class index in [0, C) nor C probabilities.
 */
export function crossEntropyGrad(logits: number[], target: number | number[]): number[] {
  checkTarget("crossEntropyGrad", logits, target);
  const s = softmax(logits);
  if (typeof target === "number") return s.map((sc, c) => sc - (c === target ? 1 : 0));
  const targetMass = sum(target);
  return s.map((sc, c) => sc * targetMass - target[c]);
}

/**
 * Negative log-likelihood of one sample, from log-probabilities (e.g. logSoftmax's output).
 *
 *   ℓ = −log p_y
 *
 * crossEntropy(x, y) = nllLoss(logSoftmax(x), y).
 * losslab: nllLoss(logProbs, target). PyTorch: torch.nn.functional.nll_loss.
 * @throws Error when target is not a class index in [0, C).
 */
export function nllLoss(logProbs: number[], target: number): number {
  checkNotEmpty("nllLoss", "logProbs", logProbs);
  checkClassIndex("nllLoss", "target", target, logProbs.length);
  return -logProbs[target];
}

/**
 * Gradient of the negative log-likelihood with respect to the log-probabilities.
 *
 *   ∂ℓ/∂(log p_c) = −[c = y]
 *
 * @throws Error when target is not a class index in [0, C).
 */
export function nllLossGrad(logProbs: number[], target: number): number[] {
  checkNotEmpty("nllLossGrad", "logProbs", logProbs);
  checkClassIndex("nllLossGrad", "target", target, logProbs.length);
  return logProbs.map((_, c) => (c === target ? -1 : 0));
}

/** log(v), kept ≥ −100 as PyTorch's binary_cross_entropy does, so that log(0) costs 100, not ∞. */
function clampedLog(v: number): number {
  return Math.max(Math.log(v), -100);
}

function checkBinary(fn: string, probabilities: number[], target: number[]): void {
  checkSameLength(fn, "target", target, "probabilities", probabilities);
  checkEach(fn, "probabilities", probabilities, "a probability in [0, 1]", (p) => p >= 0 && p <= 1);
}

/**
 * Binary cross-entropy, from probabilities pᵢ and targets yᵢ in [0, 1].
 *
 *   ℓᵢ = −[ yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ) ]        L = (1/n) Σᵢ ℓᵢ
 *
 * Each log is clamped at −100, as PyTorch does.
 * losslab: binaryCrossEntropy(input, target). PyTorch: torch.nn.functional.binary_cross_entropy.
 * @throws Error when the lengths differ or a probability lies outside [0, 1].
 */
export function binaryCrossEntropy(probabilities: number[], target: number[], options?: Reduced): number;
export function binaryCrossEntropy(probabilities: number[], target: number[], options: Unreduced): number[];
export function binaryCrossEntropy(
  probabilities: number[],
  target: number[],
  { reduction = "mean" }: Reduced | Unreduced = {},
): number | number[] {
  checkBinary("binaryCrossEntropy", probabilities, target);
  const losses = probabilities.map((p, i) => -(target[i] * clampedLog(p) + (1 - target[i]) * clampedLog(1 - p)));
  return reduce("binaryCrossEntropy", losses, reduction);
}

/**
 * Gradient of the binary cross-entropy with respect to the probabilities.
 *
 *   ∂L/∂pᵢ = (pᵢ − yᵢ) / (pᵢ (1 − pᵢ)) / n
 *
 * As in PyTorch, the denominator is kept ≥ 1e-12, so pᵢ = 0 or 1 gives a large finite number.
 * @throws Error when the lengths differ or a probability lies outside [0, 1].
 */
export function binaryCrossEntropyGrad(
  probabilities: number[],
  target: number[],
  { reduction = "mean" }: Reduced = {},
): number[] {
  checkBinary("binaryCrossEntropyGrad", probabilities, target);
  const scale = gradientScale("binaryCrossEntropyGrad", probabilities.length, reduction);
  return probabilities.map((p, i) => ((p - target[i]) / Math.max(p * (1 - p), 1e-12)) * scale);
}

/** Options of binaryCrossEntropyWithLogits: the weight of the positive term (default 1). */
export interface BinaryCrossEntropyWithLogitsOptions {
  posWeight?: number;
}

/** σ(z) = 1 / (1 + e^(−z)), written so that e^(·) only ever sees a number ≤ 0. */
function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** softplus(x) = log(1 + eˣ) = max(x, 0) + log(1 + e^(−|x|)); the second form never overflows. */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

function checkLogits(fn: string, logits: number[], target: number[], posWeight: number): void {
  checkSameLength(fn, "target", target, "logits", logits);
  checkNumber(fn, "posWeight", posWeight, "a finite number");
}

/**
 * Binary cross-entropy on logits zᵢ (the sigmoid folded in), targets yᵢ in [0, 1], and the
 * weight w₊ = posWeight of the positive term:
 *
 *   ℓᵢ = −[ w₊ yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ)) ]
 *      = (1 + (w₊ − 1) yᵢ) log(1 + e^(−zᵢ)) + (1 − yᵢ) zᵢ        L = (1/n) Σᵢ ℓᵢ
 *
 * computed with log(1 + e^(−z)) = max(−z, 0) + log(1 + e^(−|z|)), which never overflows. With
 * w₊ = 1 it is max(z, 0) − z y + log(1 + e^(−|z|)).
 * losslab: binaryCrossEntropyWithLogits(input, target, { posWeight: [w₊] }).
 * PyTorch: torch.nn.functional.binary_cross_entropy_with_logits(z, y, pos_weight=torch.tensor([w₊])).
 * @throws Error when the lengths differ or posWeight is not a finite number.
 */
export function binaryCrossEntropyWithLogits(
  logits: number[],
  target: number[],
  options?: BinaryCrossEntropyWithLogitsOptions & Reduced,
): number;
export function binaryCrossEntropyWithLogits(
  logits: number[],
  target: number[],
  options: BinaryCrossEntropyWithLogitsOptions & Unreduced,
): number[];
export function binaryCrossEntropyWithLogits(
  logits: number[],
  target: number[],
  { posWeight = 1, reduction = "mean" }: BinaryCrossEntropyWithLogitsOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkLogits("binaryCrossEntropyWithLogits", logits, target, posWeight);
  const losses = logits.map((z, i) => {
    const y = target[i];
    return (1 + (posWeight - 1) * y) * softplus(-z) + (1 - y) * z;
  });
  return reduce("binaryCrossEntropyWithLogits", losses, reduction);
}

/**
 * Gradient of the binary cross-entropy on logits with respect to the logits.
 *
 *   ∂L/∂zᵢ = [ (1 + (w₊ − 1) yᵢ) σ(zᵢ) − w₊ yᵢ ] / n
 *
 * = (σ(zᵢ) − yᵢ) / n when w₊ = 1: predicted minus true, never outside [−1, 1] (times w₊).
 * @throws Error when the lengths differ or posWeight is not a finite number.
 */
export function binaryCrossEntropyWithLogitsGrad(
  logits: number[],
  target: number[],
  { posWeight = 1, reduction = "mean" }: BinaryCrossEntropyWithLogitsOptions & Reduced = {},
): number[] {
  checkLogits("binaryCrossEntropyWithLogitsGrad", logits, target, posWeight);
  const scale = gradientScale("binaryCrossEntropyWithLogitsGrad", logits.length, reduction);
  return logits.map((z, i) => ((1 + (posWeight - 1) * target[i]) * sigmoid(z) - posWeight * target[i]) * scale);
}
