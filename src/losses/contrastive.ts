// Contrastive losses over a batch: each query must pick its own positive key out of a crowd of
// negatives by cosine similarity, a softmax classification whose classes are the other samples.
import * as tf from "@tensorflow/tfjs-core";
import { LossInputError, checkRank, checkSameShape, checkScalarOption, formatShape } from "../core/errors";
import { checkReduction, reduce, REDUCTIONS, type Reduction } from "../core/reduction";
import { toTensor, type TensorLike } from "../core/tensor";
import { checkOptionKeys } from "./optionKeys";

export interface InfoNceOptions {
  /** Negatives [M, D] shared by every query, or [N, M, D] for each query its own; default: in-batch. */
  negativeKeys?: TensorLike;
  /** The softmax temperature τ > 0; default 0.1. */
  temperature?: number;
  /** "none" | "mean" | "sum"; default "mean". */
  reduction?: Reduction;
}

export interface NtXentOptions {
  /** The softmax temperature τ > 0; default 0.5, as SimCLR's. */
  temperature?: number;
  /** "none" | "mean" | "sum" over the 2N views; default "mean". */
  reduction?: Reduction;
}

const INFO_NCE_OPTIONS = ["negativeKeys", "temperature", "reduction"] as const;
const NT_XENT_OPTIONS = ["temperature", "reduction"] as const;
/** torch.nn.functional.normalize's guard: x / max(‖x‖, ε). */
const NORMALIZE_EPSILON = 1e-12;

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

function readInfoNceOptions(fn: string, options: InfoNceOptions) {
  checkOptionKeys(fn, options, INFO_NCE_OPTIONS);
  const { negativeKeys, temperature = 0.1, reduction = "mean" } = options;
  checkTemperature(fn, temperature);
  return { negativeKeys, temperature, reduction: checkReduction(fn, reduction, REDUCTIONS) };
}

function readInfoNceInputs(fn: string, query: TensorLike, positiveKey: TensorLike, negativeKeys?: TensorLike) {
  const q = toTensor(fn, "query", query);
  checkRank(fn, "query", q, [2]);
  const k = toTensor(fn, "positiveKey", positiveKey);
  checkSameShape(fn, "positiveKey", k, "query", q);
  if (negativeKeys === undefined) return { q, k };
  const n = toTensor(fn, "negativeKeys", negativeKeys);
  checkRank(fn, "negativeKeys", n, [2, 3]);
  const [size, dim] = q.shape;
  const fits = n.shape[n.rank - 1] === dim && (n.rank === 2 || n.shape[0] === size);
  if (!fits) {
    const expected = `[M, ${dim}] (shared) or [${size}, M, ${dim}] (per query)`;
    throw new LossInputError(fn, "negativeKeys", `expected shape ${expected}, got ${formatShape(n.shape)}`);
  }
  return { q, k, n };
}

/**
 * InfoNCE (van den Oord, Li & Vinyals, "Representation Learning with Contrastive Predictive
 * Coding", 2018): each query qᵢ [N, D] should be most similar to its own positive key kᵢ [N, D].
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
 * @example infoNce([[1, 0], [0, 1]], [[1, 0], [0, 1]], { temperature: 1 }).print(); // 0.3132617
 *   (−log(e / (e + 1)): each query is at cosine 1 from its key and 0 from the other)
 * @throws LossInputError when query is not [N, D], positiveKey's shape differs, negativeKeys is
 *   not [M, D] or [N, M, D], temperature ≤ 0, or an option is unknown.
 */
export function infoNce(query: TensorLike, positiveKey: TensorLike, options: InfoNceOptions = {}): tf.Tensor {
  const fn = "infoNce";
  const { negativeKeys, temperature, reduction } = readInfoNceOptions(fn, options);
  return tf.tidy(() => {
    const { q, k, n } = readInfoNceInputs(fn, query, positiveKey, negativeKeys);
    const qUnit = unitRows(q);
    const kUnit = unitRows(k);
    const positive = tf.div(tf.sum(tf.mul(qUnit, kUnit), -1), temperature);
    if (n === undefined) {
      return reduce(
        crossEntropyAgainst(tf.div(tf.matMul(qUnit, kUnit, false, true), temperature), positive),
        reduction,
      );
    }
    const nUnit = unitRows(n);
    const negative =
      n.rank === 2 ? tf.matMul(qUnit, nUnit, false, true) : tf.sum(tf.mul(tf.expandDims(qUnit, 1), nUnit), -1);
    const logits = tf.concat([tf.expandDims(positive, 1), tf.div(negative, temperature)], 1);
    return reduce(crossEntropyAgainst(logits, positive), reduction);
  });
}

function readNtXentOptions(fn: string, options: NtXentOptions) {
  checkOptionKeys(fn, options, NT_XENT_OPTIONS);
  const { temperature = 0.5, reduction = "mean" } = options;
  checkTemperature(fn, temperature);
  return { temperature, reduction: checkReduction(fn, reduction, REDUCTIONS) };
}

function readNtXentInputs(fn: string, z1: TensorLike, z2: TensorLike): [tf.Tensor, tf.Tensor] {
  const a = toTensor(fn, "z1", z1);
  checkRank(fn, "z1", a, [2]);
  const b = toTensor(fn, "z2", z2);
  checkSameShape(fn, "z2", b, "z1", a);
  return [a, b];
}

/**
 * NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen, Kornblith, Norouzi &
 * Hinton, "A Simple Framework for Contrastive Learning of Visual Representations", ICML 2020):
 * two views z1, z2 [N, D] of the same N samples. Stacking them as z = [z1; z2] (2N rows), with
 * s(a, b) = â·b̂ the cosine similarity and p(i) = (i + N) mod 2N the other view of row i:
 *
 *   ℓᵢ = −log( exp(s(zᵢ, z_p(i))/τ) / Σ_{j ≠ i} exp(s(zᵢ, zⱼ)/τ) ),     i = 0 … 2N − 1
 *
 * i.e. InfoNCE in both directions with the 2N − 2 other views of other samples as negatives.
 * "none" gives the 2N losses (z1's rows, then z2's); "mean" (default) averages them, as SimCLR.
 * torch.nn has no equivalent: it is F.cross_entropy(S, p) with S = ẑ ẑᵀ/τ, its diagonal set to −∞.
 * @example ntXent([[1, 0], [0, 1]], [[1, 0], [0, 1]], { temperature: 1 }).print(); // 0.5514447
 *   (−log(e / (e + 2)): each view is at cosine 1 from its twin and 0 from the two others)
 * @throws LossInputError when z1 is not [N, D], z2's shape differs, temperature ≤ 0, or an option
 *   is unknown.
 */
export function ntXent(z1: TensorLike, z2: TensorLike, options: NtXentOptions = {}): tf.Tensor {
  const fn = "ntXent";
  const { temperature, reduction } = readNtXentOptions(fn, options);
  return tf.tidy(() => {
    const [a, b] = readNtXentInputs(fn, z1, z2);
    const views = unitRows(tf.concat([a, b], 0));
    const partners = unitRows(tf.concat([b, a], 0));
    const positive = tf.div(tf.sum(tf.mul(views, partners), -1), temperature);
    const similarity = tf.div(tf.matMul(views, views, false, true), temperature);
    const self = tf.cast(tf.eye(views.shape[0]), "bool");
    const logits = tf.where(self, tf.fill(similarity.shape, -Infinity), similarity);
    return reduce(crossEntropyAgainst(logits, positive), reduction);
  });
}
