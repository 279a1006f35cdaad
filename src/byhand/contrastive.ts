// InfoNCE and NT-Xent by hand: every query is a softmax classification whose classes are candidate
// keys, scored by cosine similarity over a temperature; the right class is its own positive key.
// Gradients are with respect to every vector, through the normalisation.
import { checkNotEmpty, checkNumber, checkSameLength } from "./checks";
import { gradientScale, reduce, sum, type Reduced, type Unreduced } from "./reduce";

/** Options of infoNce: the negatives ([M][D] shared, or [N][M][D] per query) and the temperature τ. */
export interface InfoNceOptions {
  negativeKeys?: number[][] | number[][][];
  temperature?: number;
}

/** Options of ntXent: the temperature τ (default 0.5). */
export interface NtXentOptions {
  temperature?: number;
}

/** PyTorch's F.normalize guard: x / max(‖x‖, ε). */
const EPSILON = 1e-12;

function dot(a: readonly number[], b: readonly number[]): number {
  return sum(a.map((ai, i) => ai * b[i]));
}

function norm(a: readonly number[]): number {
  return Math.max(Math.sqrt(dot(a, a)), EPSILON);
}

/** A vector, and the row its gradient is added into. */
interface Slot {
  vector: number[];
  grad: number[];
}

/** One softmax classification: the anchor against its candidates, the first of which is the positive. */
interface Row {
  anchor: Slot;
  candidates: Slot[];
}

function slotsOf(vectors: number[][]): Slot[] {
  return vectors.map((vector) => ({ vector, grad: vector.map(() => 0) }));
}

/** The logits cos(anchor, cⱼ)/τ of one row. */
function rowLogits(row: Row, temperature: number): number[] {
  const a = row.anchor.vector;
  return row.candidates.map(({ vector }) => dot(a, vector) / (norm(a) * norm(vector)) / temperature);
}

/** −log softmax(logits)₀ = log Σⱼ e^(logitⱼ) − logit₀, with the largest logit factored out. */
function rowLoss(row: Row, temperature: number): number {
  const logits = rowLogits(row, temperature);
  const m = Math.max(...logits);
  return m + Math.log(sum(logits.map((l) => Math.exp(l - m)))) - logits[0];
}

/**
 * ∂cos(a, b)/∂a = (b̂ − cos(a, b) â) / ‖a‖: the part of b̂ across â, shrunk by a's length (moving
 * a along itself does not change the angle).
 */
function cosineGrad(a: number[], b: number[]): number[] {
  const cos = dot(a, b) / (norm(a) * norm(b));
  return a.map((ai, i) => (b[i] / norm(b) - (cos * ai) / norm(a)) / norm(a));
}

/**
 * Adds `scale` × the row's gradient into its slots: with s = softmax(logits),
 * ∂ℓ/∂logitⱼ = sⱼ − [j = 0], and each logit is cos(anchor, cⱼ)/τ.
 */
function addRowGrad(row: Row, temperature: number, scale: number): void {
  const logits = rowLogits(row, temperature);
  const m = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - m));
  const total = sum(exps);
  row.candidates.forEach((candidate, j) => {
    const weight = ((exps[j] / total - (j === 0 ? 1 : 0)) / temperature) * scale;
    const towardAnchor = cosineGrad(row.anchor.vector, candidate.vector);
    const towardCandidate = cosineGrad(candidate.vector, row.anchor.vector);
    towardAnchor.forEach((g, d) => (row.anchor.grad[d] += weight * g));
    towardCandidate.forEach((g, d) => (candidate.grad[d] += weight * g));
  });
}

function checkTemperature(fn: string, temperature: number): void {
  checkNumber(fn, "temperature", temperature, "a number > 0", (t) => t > 0);
}

/** The rows of InfoNCE, with the slots whose gradients they fill. */
function infoNceRows(query: number[][], positiveKey: number[][], negativeKeys?: number[][] | number[][][]) {
  const queries = slotsOf(query);
  const keys = slotsOf(positiveKey);
  if (negativeKeys === undefined) {
    const rows = queries.map((anchor, i) => ({ anchor, candidates: [keys[i], ...keys.filter((_, j) => j !== i)] }));
    return { rows, queries, keys, negatives: [] as Slot[][], perQuery: false };
  }
  const perQuery = Array.isArray(negativeKeys[0]?.[0]);
  const negatives = perQuery ? (negativeKeys as number[][][]).map(slotsOf) : [slotsOf(negativeKeys as number[][])];
  const rows = queries.map((anchor, i) => ({ anchor, candidates: [keys[i], ...negatives[perQuery ? i : 0]] }));
  return { rows, queries, keys, negatives, perQuery };
}

/** Two row lists of one length, the first not empty, and a temperature > 0: what InfoNCE and NT-Xent take. */
function checkPairedRows(
  fn: string,
  [firstName, secondName]: [string, string],
  first: number[][],
  second: number[][],
  temperature: number,
): void {
  checkNotEmpty(fn, firstName, first);
  checkSameLength(fn, secondName, second, firstName, first);
  checkTemperature(fn, temperature);
}

/**
 * InfoNCE (Oord et al., 2018): for each query qᵢ, cross-entropy over the cosine similarities to its
 * positive key kᵢ and its negatives, divided by the temperature τ:
 *
 *   ℓᵢ = −log( e^(cos(qᵢ, kᵢ)/τ) / (e^(cos(qᵢ, kᵢ)/τ) + Σⱼ e^(cos(qᵢ, nᵢⱼ)/τ)) )
 *
 * Negatives: the other queries' positive keys (in-batch) unless negativeKeys gives [M][D] shared
 * ones or [N][M][D] per query.
 * losslab: infoNce(query, positiveKey, { negativeKeys, temperature }).
 * PyTorch: F.cross_entropy(F.normalize(q) @ F.normalize(k).T / τ, torch.arange(N)) (in-batch).
 * @throws Error when query is empty, positiveKey's length differs, or τ ≤ 0.
 */
export function infoNce(query: number[][], positiveKey: number[][], options?: InfoNceOptions & Reduced): number;
export function infoNce(query: number[][], positiveKey: number[][], options: InfoNceOptions & Unreduced): number[];
export function infoNce(
  query: number[][],
  positiveKey: number[][],
  { negativeKeys, temperature = 0.1, reduction = "mean" }: InfoNceOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkPairedRows("infoNce", ["query", "positiveKey"], query, positiveKey, temperature);
  const { rows } = infoNceRows(query, positiveKey, negativeKeys);
  return reduce(
    "infoNce",
    rows.map((row) => rowLoss(row, temperature)),
    reduction,
  );
}

/**
 * Gradient of InfoNCE with respect to the queries, the positive keys and the negatives. Row i's
 * softmax s over its candidates gives ∂ℓᵢ/∂logitⱼ = sⱼ − [j is the positive]; through
 * logit = cos(q, c)/τ and ∂cos(a, b)/∂a = (b̂ − cos(a, b) â)/‖a‖ it reaches both vectors.
 * @throws Error as infoNce.
 */
export function infoNceGrad(
  query: number[][],
  positiveKey: number[][],
  { negativeKeys, temperature = 0.1, reduction = "mean" }: InfoNceOptions & Reduced = {},
): { query: number[][]; positiveKey: number[][]; negativeKeys?: number[][] | number[][][] } {
  checkPairedRows("infoNceGrad", ["query", "positiveKey"], query, positiveKey, temperature);
  const { rows, queries, keys, negatives, perQuery } = infoNceRows(query, positiveKey, negativeKeys);
  const scale = gradientScale("infoNceGrad", rows.length, reduction);
  rows.forEach((row) => addRowGrad(row, temperature, scale));
  const grads = { query: queries.map((s) => s.grad), positiveKey: keys.map((s) => s.grad) };
  if (negativeKeys === undefined) return grads;
  const negativeGrads = negatives.map((slots) => slots.map((s) => s.grad));
  return { ...grads, negativeKeys: perQuery ? negativeGrads : negativeGrads[0] };
}

/** The 2N rows of NT-Xent over the views [z1; z2]: row i's positive is its twin, the rest its negatives. */
function ntXentRows(z1: number[][], z2: number[][]) {
  const views = slotsOf([...z1, ...z2]);
  const n = z1.length;
  const rows = views.map((anchor, i) => {
    const twin = (i + n) % (2 * n);
    return { anchor, candidates: [views[twin], ...views.filter((_, j) => j !== i && j !== twin)] };
  });
  return { rows, views };
}

/**
 * NT-Xent (SimCLR, Chen et al., 2020) of two views z1, z2 of the same N samples: InfoNCE for each of
 * the 2N views, whose positive is the other view of its sample and whose negatives are the 2N − 2
 * views of the other samples:
 *
 *   ℓᵢ = −log( e^(cos(zᵢ, z_twin)/τ) / Σ_{j ≠ i} e^(cos(zᵢ, zⱼ)/τ) )          i over [z1; z2]
 *
 * losslab: ntXent(z1, z2, { temperature }).
 * @throws Error when z1 is empty, z2's length differs, or τ ≤ 0.
 */
export function ntXent(z1: number[][], z2: number[][], options?: NtXentOptions & Reduced): number;
export function ntXent(z1: number[][], z2: number[][], options: NtXentOptions & Unreduced): number[];
export function ntXent(
  z1: number[][],
  z2: number[][],
  { temperature = 0.5, reduction = "mean" }: NtXentOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkPairedRows("ntXent", ["z1", "z2"], z1, z2, temperature);
  return reduce(
    "ntXent",
    ntXentRows(z1, z2).rows.map((row) => rowLoss(row, temperature)),
    reduction,
  );
}

/**
 * Gradient of NT-Xent with respect to both views: each view gets the gradient of its own row (as
 * the anchor) and of the rows where it is a candidate (a positive once, a negative 2N − 2 times).
 * @throws Error as ntXent.
 */
export function ntXentGrad(
  z1: number[][],
  z2: number[][],
  { temperature = 0.5, reduction = "mean" }: NtXentOptions & Reduced = {},
): { z1: number[][]; z2: number[][] } {
  checkPairedRows("ntXentGrad", ["z1", "z2"], z1, z2, temperature);
  const { rows, views } = ntXentRows(z1, z2);
  const scale = gradientScale("ntXentGrad", rows.length, reduction);
  rows.forEach((row) => addRowGrad(row, temperature, scale));
  const grads = views.map((s) => s.grad);
  return { z1: grads.slice(0, z1.length), z2: grads.slice(z1.length) };
}
