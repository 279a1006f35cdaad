// Ranking and metric-learning losses by hand: they score pairs, not single predictions.
// Gradients are of the reduced loss (the mean unless `reduction: "sum"`), with respect to both
// members of each pair.
import { checkNumber, checkSameLength } from "./checks";
import { gradientScale, reduce, sum, type Reduced, type Unreduced } from "./reduce";

/** Options of marginRanking: the margin (default 0) by which the preferred score must win. */
export interface MarginRankingOptions {
  margin?: number;
}

function checkRankingInputs(fn: string, input1: number[], input2: number[], target: number[]): void {
  checkSameLength(fn, "input2", input2, "input1", input1);
  checkSameLength(fn, "target", target, "input1", input1);
}

/**
 * Margin ranking loss: yᵢ = 1 says x1ᵢ should score higher than x2ᵢ, yᵢ = −1 the reverse; no loss
 * once the right one wins by the margin.
 *
 *   ℓᵢ = max(0, −yᵢ (x1ᵢ − x2ᵢ) + margin)        L = (1/n) Σᵢ ℓᵢ
 *
 * losslab: marginRankingLoss(input1, input2, target, { margin }).
 * PyTorch: torch.nn.functional.margin_ranking_loss.
 * @throws Error when the three lists differ in length.
 */
export function marginRanking(
  input1: number[],
  input2: number[],
  target: number[],
  options?: MarginRankingOptions & Reduced,
): number;
export function marginRanking(
  input1: number[],
  input2: number[],
  target: number[],
  options: MarginRankingOptions & Unreduced,
): number[];
export function marginRanking(
  input1: number[],
  input2: number[],
  target: number[],
  { margin = 0, reduction = "mean" }: MarginRankingOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkRankingInputs("marginRanking", input1, input2, target);
  checkNumber("marginRanking", "margin", margin, "a number");
  const losses = input1.map((x1, i) => Math.max(0, -target[i] * (x1 - input2[i]) + margin));
  return reduce("marginRanking", losses, reduction);
}

/**
 * Gradient of the margin ranking loss with respect to both inputs. Where the pair is still
 * inside the margin (ℓᵢ > 0):
 *
 *   ∂L/∂x1ᵢ = −yᵢ / n        ∂L/∂x2ᵢ = +yᵢ / n
 *
 * and 0 elsewhere: a pair ranked well enough teaches nothing.
 * @throws Error when the three lists differ in length.
 */
export function marginRankingGrad(
  input1: number[],
  input2: number[],
  target: number[],
  { margin = 0, reduction = "mean" }: MarginRankingOptions & Reduced = {},
): { input1: number[]; input2: number[] } {
  checkRankingInputs("marginRankingGrad", input1, input2, target);
  checkNumber("marginRankingGrad", "margin", margin, "a number");
  const scale = gradientScale("marginRankingGrad", input1.length, reduction);
  const active = input1.map((x1, i) => -target[i] * (x1 - input2[i]) + margin > 0);
  return {
    input1: target.map((y, i) => (active[i] ? -y * scale : 0)),
    input2: target.map((y, i) => (active[i] ? y * scale : 0)),
  };
}

/** Options of contrastive: how far apart (default 1) dissimilar pairs must be pushed. */
export interface ContrastiveOptions {
  margin?: number;
}

/** Added to each coordinate difference, as torch's pairwise_distance, so that d > 0 when x1 = x2. */
const DISTANCE_EPS = 1e-6;

/** The per-coordinate differences x1 − x2 + ε whose length is the pair's distance. */
function offsets(a: number[], b: number[]): number[] {
  return a.map((ak, k) => ak - b[k] + DISTANCE_EPS);
}

/** ‖v‖₂ = √(Σₖ vₖ²) */
function norm(v: number[]): number {
  return Math.sqrt(sum(v.map((vk) => vk * vk)));
}

function checkPairs(fn: string, x1: number[][], x2: number[][], label: number[]): void {
  checkSameLength(fn, "x2", x2, "x1", x1);
  checkSameLength(fn, "label", label, "x1", x1);
  x1.forEach((row, i) => checkSameLength(fn, `x2[${i}]`, x2[i], `x1[${i}]`, row));
}

/**
 * Contrastive loss (Hadsell, Chopra & LeCun, 2006) on pairs of embeddings: label 0 pulls a
 * similar pair together, label 1 pushes a dissimilar pair apart until it is `margin` away.
 *
 *   dᵢ = ‖x1ᵢ − x2ᵢ + ε‖₂,  ε = 1e-6
 *   ℓᵢ = (1 − labelᵢ) dᵢ² + labelᵢ max(margin − dᵢ, 0)²        L = (1/n) Σᵢ ℓᵢ
 *
 * losslab: contrastiveLoss(x1, x2, label, { margin }). PyTorch has no such function; it is
 * written with torch.nn.functional.pairwise_distance as above.
 * @throws Error when the pairs' counts or dimensions differ.
 */
export function contrastive(
  x1: number[][],
  x2: number[][],
  label: number[],
  options?: ContrastiveOptions & Reduced,
): number;
export function contrastive(
  x1: number[][],
  x2: number[][],
  label: number[],
  options: ContrastiveOptions & Unreduced,
): number[];
export function contrastive(
  x1: number[][],
  x2: number[][],
  label: number[],
  { margin = 1, reduction = "mean" }: ContrastiveOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkPairs("contrastive", x1, x2, label);
  checkNumber("contrastive", "margin", margin, "a number");
  const losses = x1.map((a, i) => {
    const d = norm(offsets(a, x2[i]));
    return (1 - label[i]) * d * d + label[i] * Math.max(margin - d, 0) ** 2;
  });
  return reduce("contrastive", losses, reduction);
}

/**
 * Gradient of the contrastive loss with respect to both embeddings of each pair. By the chain
 * rule through dᵢ, whose gradient is the unit vector uᵢ = (x1ᵢ − x2ᵢ + ε) / dᵢ:
 *
 *   ∂ℓᵢ/∂dᵢ  = 2 (1 − labelᵢ) dᵢ − 2 labelᵢ max(margin − dᵢ, 0)
 *   ∂L/∂x1ᵢ = (∂ℓᵢ/∂dᵢ) uᵢ / n        ∂L/∂x2ᵢ = −∂L/∂x1ᵢ
 *
 * @throws Error when the pairs' counts or dimensions differ.
 */
export function contrastiveGrad(
  x1: number[][],
  x2: number[][],
  label: number[],
  { margin = 1, reduction = "mean" }: ContrastiveOptions & Reduced = {},
): { x1: number[][]; x2: number[][] } {
  checkPairs("contrastiveGrad", x1, x2, label);
  checkNumber("contrastiveGrad", "margin", margin, "a number");
  const scale = gradientScale("contrastiveGrad", x1.length, reduction);
  const gradX1 = x1.map((a, i) => {
    const v = offsets(a, x2[i]);
    const d = norm(v);
    const dLossDd = 2 * (1 - label[i]) * d - 2 * label[i] * Math.max(margin - d, 0);
    return v.map((vk) => ((dLossDd * vk) / d) * scale);
  });
  return { x1: gradX1, x2: gradX1.map((row) => row.map((g) => -g)) };
}
