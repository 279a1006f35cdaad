// Losses on similarities and distances between embeddings: ranking pairs, telling similar pairs
// from dissimilar ones, and pulling an anchor toward a positive and away from a negative.
// Same semantics as torch.nn.functional, except that shapes must agree exactly (no broadcasting)
// and ±1 (or 0/1) targets are checked.
import * as tf from "@tensorflow/tfjs-core";
import { inputAndTarget, lossDoor, type Resolved } from "../core/door";
import {
  LossInputError,
  checkNotScalar,
  checkRank,
  checkSameShape,
  checkFiniteOption,
  checkScalarOption,
  checkShape,
  checkValues,
  formatShape,
  isFiniteNonNegative,
} from "../core/errors";
import { reduce, type ReductionOptions } from "../core/reduction";
import { toFloatTensor, toTensor, type TensorLike } from "../core/tensor";
import { clampMinZero, detached, minimumSplittingTies, pairwiseDistance, sumLastAxis } from "./ops";

export interface MarginRankingLossOptions extends ReductionOptions {
  /** How far the preferred input must lead; default 0. */
  margin?: number;
}

export interface HingeEmbeddingLossOptions extends ReductionOptions {
  /** The distance beyond which a dissimilar pair costs nothing; default 1. */
  margin?: number;
}

export interface CosineEmbeddingLossOptions extends ReductionOptions {
  /** The cosine below which a dissimilar pair costs nothing; default 0. */
  margin?: number;
}

export interface TripletMarginLossOptions extends ReductionOptions {
  /** How much nearer the positive must be than the negative; default 1. */
  margin?: number;
  /** The norm of the distance, p > 0; default 2. */
  p?: number;
  /** Added to each coordinate difference before the norm; default 1e-6. */
  eps?: number;
  /** Also measure the negative from the positive and use the nearer one; default false. */
  swap?: boolean;
}

export interface ContrastiveLossOptions extends ReductionOptions {
  /** The distance beyond which a dissimilar pair costs nothing, ≥ 0; default 1. */
  margin?: number;
}

export interface InfoNceOptions extends ReductionOptions {
  /** Negatives [M, D] shared by every query, or [N, M, D] for each query its own; default: in-batch. */
  negativeKeys?: TensorLike;
  /** The softmax temperature τ > 0; default 0.1. */
  temperature?: number;
}

export interface NtXentOptions extends ReductionOptions {
  /** The softmax temperature τ > 0; default 0.5, as SimCLR's. */
  temperature?: number;
}

// Each loss's defaults, PyTorch's; their keys are the only options it accepts.
const MARGIN_RANKING_LOSS_DEFAULTS: Resolved<MarginRankingLossOptions> = { margin: 0, reduction: "mean" };
const HINGE_EMBEDDING_LOSS_DEFAULTS: Resolved<HingeEmbeddingLossOptions> = { margin: 1, reduction: "mean" };
const COSINE_EMBEDDING_LOSS_DEFAULTS: Resolved<CosineEmbeddingLossOptions> = { margin: 0, reduction: "mean" };
const TRIPLET_MARGIN_LOSS_DEFAULTS: Resolved<TripletMarginLossOptions> = {
  margin: 1,
  p: 2,
  eps: 1e-6,
  swap: false,
  reduction: "mean",
};
const CONTRASTIVE_LOSS_DEFAULTS: Resolved<ContrastiveLossOptions> = { margin: 1, reduction: "mean" };
const INFO_NCE_DEFAULTS: Resolved<InfoNceOptions, "negativeKeys"> = {
  negativeKeys: undefined,
  temperature: 0.1,
  reduction: "mean",
};
const NT_XENT_DEFAULTS: Resolved<NtXentOptions> = { temperature: 0.5, reduction: "mean" };

/** torch.nn.functional.cosine_embedding_loss's guard against zero vectors (EPSILON in ATen). */
const COSINE_EPSILON = 1e-12;
/** The eps contrastiveLoss adds inside its distance, torch.pairwise_distance's default. */
const PAIRWISE_EPSILON = 1e-6;
/** torch.nn.functional.normalize's guard: x / max(‖x‖, ε). */
const NORMALIZE_EPSILON = 1e-12;

/**
 * A margin pair loss's arguments: its margin checked, then its two inputs and its target read as tensors
 * (their shapes are each loss's to check).
 */
function marginPairAndTarget(
  fn: string,
  margin: number,
  input1: unknown,
  input2: unknown,
  target: unknown,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  checkFiniteOption(fn, "margin", margin);
  return [toTensor(fn, "input1", input1), toTensor(fn, "input2", input2), toTensor(fn, "target", target)];
}

/** @throws LossInputError unless every element of `t` is −1 or 1. */
function checkPlusMinusOne(fn: string, name: string, t: tf.Tensor): void {
  checkValues(fn, name, t, "-1 or 1", (v) => v === 1 || v === -1);
}

/** Where the target is 1, kept off the autodiff tape. */
function isPositive(target: tf.Tensor): tf.Tensor {
  return detached((y) => tf.equal(y, 1), target);
}

/**
 * Margin ranking loss: input1 should rank above input2 where y = 1, below where y = −1.
 *
 *   ℓᵢ = max(0, −yᵢ (x1ᵢ − x2ᵢ) + margin)
 *
 * Same as torch.nn.functional.margin_ranking_loss, default margin = 0; the target is
 * differentiated too. The gradient flows at the hinge itself, as torch's clamp_min.
 * Reference: Herbrich, Graepel & Obermayer, "Large Margin Rank Boundaries for Ordinal Regression", 2000.
 * @example marginRankingLoss([1, 0], [0, 1], [1, 1]).print(); // 0.5
 * @throws LossInputError when the three shapes differ, a target is not ±1, or an option is invalid.
 */
export function marginRankingLoss(
  input1: TensorLike,
  input2: TensorLike,
  target: TensorLike,
  options?: MarginRankingLossOptions | null,
): tf.Tensor {
  return lossDoor("marginRankingLoss", options, MARGIN_RANKING_LOSS_DEFAULTS, ({ margin, reduction }, fn) => {
    const [x1, x2, y] = marginPairAndTarget(fn, margin, input1, input2, target);
    checkSameShape(fn, "input2", x2, "input1", x1);
    checkSameShape(fn, "target", y, "input1", x1);
    checkPlusMinusOne(fn, "target", y);
    return reduce(clampMinZero(tf.add(tf.neg(tf.mul(y, tf.sub(x1, x2))), margin)), reduction);
  });
}

/**
 * Hinge embedding loss, for inputs that are distances: small where y = 1 (similar pairs),
 * beyond the margin where y = −1.
 *
 *   ℓᵢ = xᵢ                     if yᵢ = 1
 *        max(0, margin − xᵢ)    if yᵢ = −1
 *
 * Same as torch.nn.functional.hinge_embedding_loss, default margin = 1.
 * Reference: LeCun, Chopra, Hadsell, Ranzato & Huang, "A Tutorial on Energy-Based Learning", 2006.
 * @example hingeEmbeddingLoss([0.3, 2], [1, -1]).print(); // 0.15
 * @throws LossInputError when shapes differ, a target is not ±1, or an option is invalid.
 */
export function hingeEmbeddingLoss(
  input: TensorLike,
  target: TensorLike,
  options?: HingeEmbeddingLossOptions | null,
): tf.Tensor {
  return lossDoor("hingeEmbeddingLoss", options, HINGE_EMBEDDING_LOSS_DEFAULTS, ({ margin, reduction }, fn) => {
    checkFiniteOption(fn, "margin", margin);
    const [x, y] = inputAndTarget(fn, input, target, { input: "distances" });
    checkPlusMinusOne(fn, "target", y);
    return reduce(tf.where(isPositive(y), x, clampMinZero(tf.sub(margin, x))), reduction);
  });
}

/**
 * Cosine similarity along the last axis as ATen computes it:
 *   cos = Σ x1·x2 / √((Σ x1² + ε)(Σ x2² + ε)),  ε = 1e-12,
 * with the root taken of each factor (same value, no float32 overflow of the product).
 */
function cosineSimilarity(x1: tf.Tensor, x2: tf.Tensor): tf.Tensor {
  const dot = sumLastAxis(tf.mul(x1, x2));
  const norm = (x: tf.Tensor) => tf.sqrt(tf.add(sumLastAxis(tf.square(x)), COSINE_EPSILON));
  return tf.div(dot, tf.mul(norm(x1), norm(x2)));
}

/**
 * Cosine embedding loss: pairs with y = 1 should point the same way, pairs with y = −1 should
 * have a cosine no larger than the margin.
 *
 *   ℓᵢ = 1 − cos(x1ᵢ, x2ᵢ)              if yᵢ = 1
 *        max(0, cos(x1ᵢ, x2ᵢ) − margin)  if yᵢ = −1
 *
 * Inputs [N, D] with target [N], or one pair [D] with a 0-d target. Same as
 * torch.nn.functional.cosine_embedding_loss (ε = 1e-12 in the norms), default margin = 0.
 * Reference: LeCun, Chopra, Hadsell, Ranzato & Huang, "A Tutorial on Energy-Based Learning", 2006.
 * @example cosineEmbeddingLoss([[1, 0]], [[0, 1]], [1]).print(); // 1
 * @throws LossInputError on a target of rank > 1, inputs of the wrong rank or differing
 * shapes, a target not ±1, or an invalid option.
 */
export function cosineEmbeddingLoss(
  input1: TensorLike,
  input2: TensorLike,
  target: TensorLike,
  options?: CosineEmbeddingLossOptions | null,
): tf.Tensor {
  return lossDoor("cosineEmbeddingLoss", options, COSINE_EMBEDDING_LOSS_DEFAULTS, ({ margin, reduction }, fn) => {
    const [x1, x2, y] = marginPairAndTarget(fn, margin, input1, input2, target);
    checkRank(fn, "target", y, [0, 1]);
    checkRank(fn, "input1", x1, [y.rank + 1]);
    checkSameShape(fn, "input2", x2, "input1", x1);
    checkShape(fn, "target", y, x1.shape.slice(0, -1));
    checkPlusMinusOne(fn, "target", y);
    const cos = cosineSimilarity(x1, x2);
    return reduce(tf.where(isPositive(y), tf.sub(1, cos), clampMinZero(tf.sub(cos, margin))), reduction);
  });
}

/**
 * Triplet margin loss: the anchor should be nearer the positive than the negative, by a margin.
 *
 *   d(a, b) = ‖a − b + eps‖_p along the last axis
 *   ℓᵢ = max(0, margin + d(aᵢ, pᵢ) − d(aᵢ, nᵢ))
 *   swap: d(aᵢ, nᵢ) is replaced by min(d(aᵢ, nᵢ), d(pᵢ, nᵢ))
 *
 * Same as torch.nn.functional.triplet_margin_loss, defaults margin = 1, p = 2, eps = 1e-6,
 * swap = false (a tie in the swap splits the gradient in half, as torch's min does).
 * Reference: Schroff, Kalenichenko & Philbin, "FaceNet", CVPR 2015; swap: Balntas et al.,
 *   "Learning local feature descriptors with triplets and shallow convolutional neural networks", BMVC 2016.
 * @example tripletMarginLoss([[0, 0]], [[1, 0]], [[1.5, 0]]).print(); // 0.5
 * @throws LossInputError when the three shapes differ, the inputs are 0-d, or an option is
 * invalid.
 */
export function tripletMarginLoss(
  anchor: TensorLike,
  positive: TensorLike,
  negative: TensorLike,
  options?: TripletMarginLossOptions | null,
): tf.Tensor {
  return lossDoor(
    "tripletMarginLoss",
    options,
    TRIPLET_MARGIN_LOSS_DEFAULTS,
    ({ margin, p, eps, swap, reduction }, fn) => {
      checkFiniteOption(fn, "margin", margin);
      checkScalarOption(fn, "p", p, "a finite number > 0", (q) => q > 0 && Number.isFinite(q));
      checkScalarOption(fn, "eps", eps, "a finite number ≥ 0", isFiniteNonNegative);
      const a = toTensor(fn, "anchor", anchor);
      const pos = toTensor(fn, "positive", positive);
      const neg = toTensor(fn, "negative", negative);
      checkNotScalar(fn, "anchor", a);
      checkSameShape(fn, "positive", pos, "anchor", a);
      checkSameShape(fn, "negative", neg, "anchor", a);
      const toPositive = pairwiseDistance(a, pos, p, eps);
      const toNegative = pairwiseDistance(a, neg, p, eps);
      const nearestNegative = swap ? minimumSplittingTies(toNegative, pairwiseDistance(pos, neg, p, eps)) : toNegative;
      return reduce(clampMinZero(tf.add(tf.sub(toPositive, nearestNegative), margin)), reduction);
    },
  );
}

/**
 * Contrastive loss (Hadsell, Chopra & LeCun 2006): similar pairs (label 0) are pulled together,
 * dissimilar pairs (label 1) pushed at least `margin` apart.
 *
 *   dᵢ = ‖x1ᵢ − x2ᵢ + 1e-6‖₂ along the last axis   (torch.pairwise_distance)
 *   ℓᵢ = (1 − labelᵢ) dᵢ² + labelᵢ max(0, margin − dᵢ)²
 *
 * Inputs [N, D] with label [N] (generally: label has the inputs' shape without the last axis).
 * Not in torch.nn.functional; the formula above is its reference, default margin = 1. The
 * label is differentiated too.
 * Reference: Hadsell, Chopra & LeCun, "Dimensionality Reduction by Learning an Invariant Mapping", CVPR 2006.
 * @example contrastiveLoss([[0, 0]], [[0.3, 0.4]], [1]).print(); // 0.250001
 * @throws LossInputError when shapes disagree, a label is not 0 or 1, or an option is invalid.
 */
export function contrastiveLoss(
  x1: TensorLike,
  x2: TensorLike,
  label: TensorLike,
  options?: ContrastiveLossOptions | null,
): tf.Tensor {
  return lossDoor("contrastiveLoss", options, CONTRASTIVE_LOSS_DEFAULTS, ({ margin, reduction }, fn) => {
    checkScalarOption(fn, "margin", margin, "a finite number ≥ 0", isFiniteNonNegative);
    const a = toTensor(fn, "x1", x1);
    const b = toTensor(fn, "x2", x2);
    const y = toTensor(fn, "label", label);
    checkNotScalar(fn, "x1", a);
    checkSameShape(fn, "x2", b, "x1", a);
    checkShape(fn, "label", y, a.shape.slice(0, -1));
    checkValues(fn, "label", y, "0 or 1", (v) => v === 0 || v === 1);
    const d = pairwiseDistance(a, b, 2, PAIRWISE_EPSILON);
    const similar = tf.mul(tf.sub(1, y), tf.square(d));
    const dissimilar = tf.mul(y, tf.square(clampMinZero(tf.sub(margin, d))));
    return reduce(tf.add(similar, dissimilar), reduction);
  });
}

function checkTemperature(fn: string, temperature: unknown): number {
  const positive = (t: number) => t > 0 && Number.isFinite(t);
  return checkScalarOption(fn, "temperature", temperature, "a finite number > 0", positive);
}

/** x / max(‖x‖₂, ε) along the last axis, as x · rsqrt(max(Σx², ε²)): the same value and gradient. */
function unitRows(x: tf.Tensor): tf.Tensor {
  const squaredNorm = tf.sum(tf.square(x), -1, true);
  return tf.mul(x, tf.rsqrt(tf.maximum(squaredNorm, NORMALIZE_EPSILON * NORMALIZE_EPSILON)));
}

/** Cross-entropy of each row of `logits` against the class whose logit is `positive`: lse(row) − positive. */
function crossEntropyAgainst(logits: tf.Tensor, positive: tf.Tensor): tf.Tensor {
  return tf.sub(tf.logSumExp(logits, -1), positive);
}

/** Two views of one batch: `first` [N, D] and `second` of its shape, float32 as torch's normalize needs. */
function pairedViews(fn: string, names: [string, string], first: unknown, second: unknown): [tf.Tensor, tf.Tensor] {
  const a = toFloatTensor(fn, names[0], first, "embeddings");
  checkRank(fn, names[0], a, [2]);
  const b = toFloatTensor(fn, names[1], second, "embeddings");
  checkSameShape(fn, names[1], b, names[0], a);
  return [a, b];
}

/** Negatives [M, D] shared by the N queries [N, D], or [N, M, D], one set per query. */
function readNegativeKeys(fn: string, negativeKeys: unknown, query: tf.Tensor): tf.Tensor {
  const n = toFloatTensor(fn, "negativeKeys", negativeKeys, "embeddings");
  checkRank(fn, "negativeKeys", n, [2, 3]);
  const [size, dim] = query.shape;
  if (n.shape[n.rank - 1] !== dim || (n.rank === 3 && n.shape[0] !== size)) {
    const expected = `[M, ${dim}] (shared) or [${size}, M, ${dim}] (per query)`;
    throw new LossInputError(fn, "negativeKeys", `expected shape ${expected}, got ${formatShape(n.shape)}`);
  }
  return n;
}

/**
 * InfoNCE: each query qᵢ [N, D] should be most similar to its own positive key kᵢ [N, D].
 * With cosine similarities s(a, b) = â·b̂ (â = a / max(‖a‖, 1e-12)) and temperature τ:
 *
 *   ℓᵢ = −log( exp(s(qᵢ, kᵢ)/τ) / (exp(s(qᵢ, kᵢ)/τ) + Σⱼ exp(s(qᵢ, nᵢⱼ)/τ)) )
 *
 * i.e. cross-entropy over the logits [s(qᵢ, kᵢ), s(qᵢ, nᵢ₁), …]/τ with the positive as the class.
 * The negatives nᵢⱼ are: without `negativeKeys`, the batch's other positive keys kⱼ (j ≠ i), so
 * that the logits are the [N, N] matrix q̂ k̂ᵀ/τ with the diagonal as the classes; with
 * `negativeKeys` [M, D], the same M negatives for every query; with [N, M, D], M for each query.
 * Reductions over the N queries: "none" gives [N]; "mean" (default) and "sum".
 * Every argument is differentiated. torch.nn has no equivalent: it is
 * F.cross_entropy(F.normalize(q) @ F.normalize(k).T / τ, arange(N)) without negatives, and the
 * `info-nce-pytorch` package's InfoNCE with negative_mode "unpaired" ([M, D]) or "paired" ([N, M, D]).
 * Reference: van den Oord, Li & Vinyals, "Representation Learning with Contrastive Predictive Coding", 2018.
 * @example infoNce([[1, 0], [0, 1]], [[1, 0], [0, 1]], { temperature: 1 }).print(); // 0.3132617
 *   (−log(e / (e + 1)): each query is at cosine 1 from its key and 0 from the other)
 * @throws LossInputError when query is not [N, D], positiveKey's shape differs, negativeKeys is
 *   not [M, D] or [N, M, D], an argument is an int32 tensor, or temperature is not a finite number > 0.
 */
export function infoNce(query: TensorLike, positiveKey: TensorLike, options?: InfoNceOptions | null): tf.Tensor {
  return lossDoor("infoNce", options, INFO_NCE_DEFAULTS, ({ negativeKeys, temperature, reduction }, fn) => {
    checkTemperature(fn, temperature);
    const [q, k] = pairedViews(fn, ["query", "positiveKey"], query, positiveKey);
    const qUnit = unitRows(q);
    const kUnit = unitRows(k);
    const positive = tf.div(tf.sum(tf.mul(qUnit, kUnit), -1), temperature);
    if (negativeKeys === undefined) {
      const logits = tf.div(tf.matMul(qUnit, kUnit, false, true), temperature);
      return reduce(crossEntropyAgainst(logits, positive), reduction);
    }
    const n = readNegativeKeys(fn, negativeKeys, q);
    const nUnit = unitRows(n);
    const negative =
      n.rank === 2 ? tf.matMul(qUnit, nUnit, false, true) : tf.sum(tf.mul(tf.expandDims(qUnit, 1), nUnit), -1);
    const logits = tf.concat([tf.expandDims(positive, 1), tf.div(negative, temperature)], 1);
    return reduce(crossEntropyAgainst(logits, positive), reduction);
  });
}

/**
 * NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR: two views z1, z2 [N, D] of the
 * same N samples. Stacking them as z = [z1; z2] (2N rows), with s(a, b) = â·b̂ the cosine similarity
 * and p(i) = (i + N) mod 2N the other view of row i:
 *
 *   ℓᵢ = −log( exp(s(zᵢ, z_p(i))/τ) / Σ_{j ≠ i} exp(s(zᵢ, zⱼ)/τ) ),     i = 0 … 2N − 1
 *
 * i.e. InfoNCE in both directions with the 2N − 2 other views of other samples as negatives.
 * "none" gives the 2N losses (z1's rows, then z2's); "mean" (default) averages them, as SimCLR.
 * torch.nn has no equivalent: it is F.cross_entropy(S, p) with S = ẑ ẑᵀ/τ, its diagonal set to −∞.
 * Reference: Chen, Kornblith, Norouzi & Hinton, "A Simple Framework for Contrastive Learning of Visual
 *   Representations", ICML 2020.
 * @example ntXent([[1, 0], [0, 1]], [[1, 0], [0, 1]], { temperature: 1 }).print(); // 0.5514447
 *   (−log(e / (e + 2)): each view is at cosine 1 from its twin and 0 from the two others)
 * @throws LossInputError when z1 is not [N, D], z2's shape differs, an argument is an int32 tensor,
 *   or temperature is not a finite number > 0.
 */
export function ntXent(z1: TensorLike, z2: TensorLike, options?: NtXentOptions | null): tf.Tensor {
  return lossDoor("ntXent", options, NT_XENT_DEFAULTS, ({ temperature, reduction }, fn) => {
    checkTemperature(fn, temperature);
    const [a, b] = pairedViews(fn, ["z1", "z2"], z1, z2);
    const views = unitRows(tf.concat([a, b], 0));
    const partners = unitRows(tf.concat([b, a], 0));
    const positive = tf.div(tf.sum(tf.mul(views, partners), -1), temperature);
    const similarity = tf.div(tf.matMul(views, views, false, true), temperature);
    const self = tf.cast(tf.eye(views.shape[0]), "bool");
    const logits = tf.where(self, tf.fill(similarity.shape, -Infinity), similarity);
    return reduce(crossEntropyAgainst(logits, positive), reduction);
  });
}
