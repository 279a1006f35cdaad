// The bench's inputs, generated once from a seed: the same typed arrays feed tfjs (tf.tensor), the
// by-hand losses, the bandwidth floor and PyTorch (written to files). No tfjs here.
import { seededRandom } from "../src/data/random";

/** A flat row-major array and its shape, as handed to tf.tensor and to numpy. */
export interface HostArray {
  values: Float32Array | Int32Array;
  shape: number[];
  dtype: "float32" | "int32";
}

/** Every array a bench case may read, all [rows, cols] except labels ([rows]). */
export interface BenchInputs {
  /** Standard normal scores: regression predictions, and logits for the classification losses. */
  x: HostArray;
  /** Standard normal regression targets. */
  y: HostArray;
  /** One class index in [0, cols) per row. */
  labels: HostArray;
  /** labels as one-hot rows, for tfjs's softmaxCrossEntropy. */
  oneHot: HostArray;
  /** 0/1 targets, each 1 with probability 1/2. */
  binaryTargets: HostArray;
  /** log-softmax of each row of x: the prediction of klDiv, as log-probabilities. */
  logQ: HostArray;
  /** softmax of each row of x: the same prediction as probabilities (tfjs's KL divergence takes these). */
  q: HostArray;
  /** softmax of each row of y: klDiv's target distribution. */
  p: HostArray;
}

export type InputName = keyof BenchInputs;

/**
 * log-softmax of each row of a row-major [rows, cols] matrix, in float64 before rounding:
 * xᵢ − m − log Σⱼ exp(xⱼ − m), m the row's maximum.
 */
export function logSoftmaxRows(values: Float32Array, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let start = 0; start < values.length; start += cols) {
    const row = values.subarray(start, start + cols);
    const m = row.reduce((a, b) => Math.max(a, b), -Infinity);
    let total = 0;
    for (const v of row) total += Math.exp(v - m);
    const logSumExp = m + Math.log(total);
    for (let j = 0; j < cols; j++) out[start + j] = row[j] - logSumExp;
  }
  return out;
}

/** [rows, cols] one-hot rows: 1 at each row's label, 0 elsewhere. */
export function oneHotRows(labels: Int32Array, cols: number): Float32Array {
  const out = new Float32Array(labels.length * cols);
  labels.forEach((label, row) => (out[row * cols + label] = 1));
  return out;
}

/** The bench's inputs for a [rows, cols] problem; the same seed gives the same arrays. */
export function makeInputs(rows: number, cols: number, seed: number): BenchInputs {
  const random = seededRandom(seed);
  const matrix = (values: Float32Array): HostArray => ({ values, shape: [rows, cols], dtype: "float32" });
  const normal = () => Float32Array.from({ length: rows * cols }, () => random.normal());
  const x = normal();
  const y = normal();
  const labels = Int32Array.from({ length: rows }, () => random.integer(cols));
  const binaryTargets = Float32Array.from({ length: rows * cols }, () => (random.uniform() < 0.5 ? 1 : 0));
  const logQ = logSoftmaxRows(x, cols);
  return {
    x: matrix(x),
    y: matrix(y),
    labels: { values: labels, shape: [rows], dtype: "int32" },
    oneHot: matrix(oneHotRows(labels, cols)),
    binaryTargets: matrix(binaryTargets),
    logQ: matrix(logQ),
    q: matrix(logQ.map(Math.exp)),
    p: matrix(logSoftmaxRows(y, cols).map(Math.exp)),
  };
}

/**
 * The memory-bandwidth floor's work: one pass that reads every element of `arrays` and sums them
 * (four accumulators, so the loop is bound by loads rather than by one add chain).
 */
export function readOnce(arrays: readonly (Float32Array | Int32Array)[]): number {
  let total = 0;
  for (const a of arrays) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const end = a.length - (a.length % 4);
    for (let i = 0; i < end; i += 4) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
    }
    for (let i = end; i < a.length; i++) s0 += a[i];
    total += s0 + s1 + s2 + s3;
  }
  return total;
}
