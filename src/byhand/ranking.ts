// Ranking and metric-learning losses by hand: they score pairs or triplets, not single
// predictions. Gradients are of the reduced loss (the mean unless `reduction: "sum"`), with
// respect to both members of each pair, and to the anchor of each triplet.
import { checkNotEmpty, checkNumber, checkSameLength } from "./checks";
import { gradientScale, reduce, sum, type Reduced, type Unreduced } from "./reduce";

/** Options of marginRanking: the margin (default 0) by which the preferred score must win. */
export interface MarginRankingLossOptions {
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
export function marginRankingLoss(
  input1: number[],
  input2: number[],
  target: number[],
  options?: MarginRankingLossOptions & Reduced,
): number;
export function marginRankingLoss(
  input1: number[],
  input2: number[],
  target: number[],
  options: MarginRankingLossOptions & Unreduced,
): number[];
export function marginRankingLoss(
  input1: number[],
  input2: number[],
  target: number[],
  { margin = 0, reduction = "mean" }: MarginRankingLossOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkRankingInputs("marginRankingLoss", input1, input2, target);
  checkNumber("marginRankingLoss", "margin", margin, "a number");
  const losses = input1.map((x1, i) => Math.max(0, -target[i] * (x1 - input2[i]) + margin));
  return reduce("marginRankingLoss", losses, reduction);
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
export function marginRankingLossGrad(
  input1: number[],
  input2: number[],
  target: number[],
  { margin = 0, reduction = "mean" }: MarginRankingLossOptions & Reduced = {},
): { input1: number[]; input2: number[] } {
  checkRankingInputs("marginRankingLossGrad", input1, input2, target);
  checkNumber("marginRankingLossGrad", "margin", margin, "a number");
  const scale = gradientScale("marginRankingLossGrad", input1.length, reduction);
  const active = input1.map((x1, i) => -target[i] * (x1 - input2[i]) + margin > 0);
  return {
    input1: target.map((y, i) => (active[i] ? -y * scale : 0)),
    input2: target.map((y, i) => (active[i] ? y * scale : 0)),
  };
}

/** Options of contrastive: how far apart (default 1) dissimilar pairs must be pushed. */
export interface ContrastiveLossOptions {
  margin?: number;
}

/** Added to each coordinate difference, as torch's pairwise_distance, so that d > 0 when x1 = x2. */
const DISTANCE_EPS = 1e-6;

/** The per-coordinate differences x1 − x2 + ε whose length is the pair's distance. */
function offsets(a: number[], b: number[], eps = DISTANCE_EPS): number[] {
  return a.map((ak, k) => ak - b[k] + eps);
}

/** ‖v‖₂ = √(Σₖ vₖ²) */
function norm(v: number[]): number {
  return Math.sqrt(sum(v.map((vk) => vk * vk)));
}

/** ‖v‖_p = (Σₖ |vₖ|ᵖ)^(1/p) */
function pNorm(v: number[], p: number): number {
  return sum(v.map((vk) => Math.abs(vk) ** p)) ** (1 / p);
}

/**
 * The gradient of d = ‖v‖_p with respect to v: ∂d/∂vₖ = sign(vₖ) |vₖ|^(p−1) / d^(p−1),
 * which is the unit vector v / d when p = 2.
 */
function pNormGrad(v: number[], p: number): number[] {
  const d = pNorm(v, p);
  return v.map((vk) => (Math.sign(vk) * Math.abs(vk) ** (p - 1)) / d ** (p - 1));
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
export function contrastiveLoss(
  x1: number[][],
  x2: number[][],
  label: number[],
  options?: ContrastiveLossOptions & Reduced,
): number;
export function contrastiveLoss(
  x1: number[][],
  x2: number[][],
  label: number[],
  options: ContrastiveLossOptions & Unreduced,
): number[];
export function contrastiveLoss(
  x1: number[][],
  x2: number[][],
  label: number[],
  { margin = 1, reduction = "mean" }: ContrastiveLossOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkPairs("contrastiveLoss", x1, x2, label);
  checkNumber("contrastiveLoss", "margin", margin, "a number");
  const losses = x1.map((a, i) => {
    const d = norm(offsets(a, x2[i]));
    return (1 - label[i]) * d * d + label[i] * Math.max(margin - d, 0) ** 2;
  });
  return reduce("contrastiveLoss", losses, reduction);
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
export function contrastiveLossGrad(
  x1: number[][],
  x2: number[][],
  label: number[],
  { margin = 1, reduction = "mean" }: ContrastiveLossOptions & Reduced = {},
): { x1: number[][]; x2: number[][] } {
  checkPairs("contrastiveLossGrad", x1, x2, label);
  checkNumber("contrastiveLossGrad", "margin", margin, "a number");
  const scale = gradientScale("contrastiveLossGrad", x1.length, reduction);
  const gradX1 = x1.map((a, i) => {
    const v = offsets(a, x2[i]);
    const d = norm(v);
    const dLossDd = 2 * (1 - label[i]) * d - 2 * label[i] * Math.max(margin - d, 0);
    return v.map((vk) => ((dLossDd * vk) / d) * scale);
  });
  return { x1: gradX1, x2: gradX1.map((row) => row.map((g) => -g)) };
}

/** Options of tripletMargin, PyTorch's defaults: margin 1, the p-norm (2), ε = 1e-6, no swap. */
export interface TripletMarginLossOptions {
  margin?: number;
  p?: number;
  eps?: number;
  swap?: boolean;
}

function checkTriplets(
  fn: string,
  anchor: number[][],
  positive: number[][],
  negative: number[][],
  { margin, p, eps }: Required<Omit<TripletMarginLossOptions, "swap">>,
): void {
  checkSameLength(fn, "positive", positive, "anchor", anchor);
  checkSameLength(fn, "negative", negative, "anchor", anchor);
  anchor.forEach((row, i) => {
    checkNotEmpty(fn, `anchor[${i}]`, row);
    checkSameLength(fn, `positive[${i}]`, positive[i], `anchor[${i}]`, row);
    checkSameLength(fn, `negative[${i}]`, negative[i], `anchor[${i}]`, row);
  });
  checkNumber(fn, "margin", margin, "a number");
  checkNumber(fn, "p", p, "a number > 0", (q) => q > 0);
  checkNumber(fn, "eps", eps, "a number ≥ 0", (e) => e >= 0);
}

/** The distances of one triplet: anchor–positive, anchor–negative and positive–negative. */
function tripletDistances(a: number[], pos: number[], neg: number[], p: number, eps: number) {
  return {
    toPositive: pNorm(offsets(a, pos, eps), p),
    toNegative: pNorm(offsets(a, neg, eps), p),
    positiveToNegative: pNorm(offsets(pos, neg, eps), p),
  };
}

/**
 * Triplet margin loss (Schroff, Kalenichenko & Philbin, FaceNet, 2015): the anchor aᵢ should be
 * nearer the positive pᵢ than the negative nᵢ, by the margin.
 *
 *   d(u, v) = ‖u − v + ε‖_p
 *   ℓᵢ = max(0, d(aᵢ, pᵢ) − d(aᵢ, nᵢ) + margin)        L = (1/n) Σᵢ ℓᵢ
 *
 * With swap, d(aᵢ, nᵢ) becomes min(d(aᵢ, nᵢ), d(pᵢ, nᵢ)): the harder of the two negatives'
 * distances (Balntas et al., 2016).
 * losslab: tripletMarginLoss(anchor, positive, negative, { margin, p, eps, swap }).
 * PyTorch: torch.nn.functional.triplet_margin_loss (same defaults).
 * @throws Error when the triplets' counts or dimensions differ, a row is empty, or an option is
 * not a number in its range (p > 0, eps ≥ 0).
 */
export function tripletMarginLoss(
  anchor: number[][],
  positive: number[][],
  negative: number[][],
  options?: TripletMarginLossOptions & Reduced,
): number;
export function tripletMarginLoss(
  anchor: number[][],
  positive: number[][],
  negative: number[][],
  options: TripletMarginLossOptions & Unreduced,
): number[];
export function tripletMarginLoss(
  anchor: number[][],
  positive: number[][],
  negative: number[][],
  {
    margin = 1,
    p = 2,
    eps = 1e-6,
    swap = false,
    reduction = "mean",
  }: TripletMarginLossOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkTriplets("tripletMarginLoss", anchor, positive, negative, { margin, p, eps });
  const losses = anchor.map((a, i) => {
    const d = tripletDistances(a, positive[i], negative[i], p, eps);
    const toNegative = swap ? Math.min(d.toNegative, d.positiveToNegative) : d.toNegative;
    return Math.max(0, d.toPositive - toNegative + margin);
  });
  return reduce("tripletMarginLoss", losses, reduction);
}

/**
 * Gradient of the triplet margin loss with respect to the anchors. While the triplet is active
 * (ℓᵢ > 0), by the chain rule through both distances (∇ the gradient of ‖·‖_p, the unit vector
 * v / ‖v‖₂ for p = 2):
 *
 *   ∂L/∂aᵢ = [ ∇‖aᵢ − pᵢ + ε‖_p − ∇‖aᵢ − nᵢ + ε‖_p ] / n
 *
 * and 0 otherwise. With swap, when d(pᵢ, nᵢ) is the smaller distance the second term is gone
 * (that distance does not depend on the anchor); at a tie it is halved, as torch's min does.
 * @throws Error as tripletMargin.
 */
export function tripletMarginLossGrad(
  anchor: number[][],
  positive: number[][],
  negative: number[][],
  { margin = 1, p = 2, eps = 1e-6, swap = false, reduction = "mean" }: TripletMarginLossOptions & Reduced = {},
): number[][] {
  checkTriplets("tripletMarginLossGrad", anchor, positive, negative, { margin, p, eps });
  const scale = gradientScale("tripletMarginLossGrad", anchor.length, reduction);
  return anchor.map((a, i) => {
    const d = tripletDistances(a, positive[i], negative[i], p, eps);
    const toNegative = swap ? Math.min(d.toNegative, d.positiveToNegative) : d.toNegative;
    if (!(d.toPositive - toNegative + margin > 0)) return a.map(() => 0);
    const negativeShare =
      !swap || d.toNegative < d.positiveToNegative ? 1 : d.toNegative === d.positiveToNegative ? 0.5 : 0;
    const pull = pNormGrad(offsets(a, positive[i], eps), p);
    const push = pNormGrad(offsets(a, negative[i], eps), p);
    return pull.map((g, k) => (g - negativeShare * push[k]) * scale);
  });
}
