// Connectionist temporal classification: the loss of a sequence model whose output frames are not
// aligned with the labels. It sums the probability of every alignment of the labels with the frames.
import * as tf from "@tensorflow/tfjs-core";
import { lossDoor, type Resolved } from "../core/door";
import { LossInputError, checkRank, checkScalarOption, formatShape } from "../core/errors";
import { customOp } from "../core/gradient";
import { reduce, type ReductionOptions } from "../core/reduction";
import { toFloatTensor, toTensor, type TensorLike } from "../core/tensor";

/** "mean" divides each sample's loss by its target length (at least 1), then averages over the batch. */
export interface CtcLossOptions extends ReductionOptions {
  /** The class index of the blank, in [0, C); default 0. */
  blank?: number;
  /** Give impossible alignments (infinite loss) a loss of 0 and a zero gradient; default false. */
  zeroInfinity?: boolean;
}

// ctcLoss's defaults, PyTorch's; their keys are the only options it accepts.
const DEFAULTS: Resolved<CtcLossOptions> = { blank: 0, reduction: "mean", zeroInfinity: false };

/** One sample of the batch: its frames and its labels, checked. */
interface CtcSample {
  inputLength: number;
  labels: number[];
}

/** The shape of log_probs, [T, N, C], and the samples along N. */
interface CtcProblem {
  frames: number;
  batch: number;
  classes: number;
  blank: number;
  samples: CtcSample[];
}

/** Integers read from a plain value or an int32 tensor (a float tensor is refused). */
function readIntegers(fn: string, name: string, value: TensorLike): { shape: number[]; values: number[] } {
  if (value instanceof tf.Tensor && value.dtype !== "int32") {
    throw new LossInputError(fn, name, `expected an int32 tensor or integers, got dtype ${value.dtype}`);
  }
  const t = value instanceof tf.Tensor ? value : toTensor(fn, name, value);
  const values = Array.from(t.dataSync());
  const shape = t.shape;
  if (t !== value) t.dispose();
  const bad = values.findIndex((v) => !Number.isInteger(v));
  if (bad >= 0) throw new LossInputError(fn, name, `expected integers, got ${values[bad]} at flat index ${bad}`);
  return { shape, values };
}

/** [N] lengths, each in [0, max]; unbatched calls take a 0-d value or [1], as torch. */
function readLengths(
  fn: string,
  name: string,
  value: TensorLike,
  batch: number,
  batched: boolean,
  max?: number,
): number[] {
  const { shape, values } = readIntegers(fn, name, value);
  const fits = batched ? shape.length === 1 && shape[0] === batch : shape.length === 0 || formatShape(shape) === "[1]";
  if (!fits) {
    const expected = batched ? `[${batch}] (one per sample)` : "[] or [1] (one sequence)";
    throw new LossInputError(fn, name, `expected shape ${expected}, got ${formatShape(shape)}`);
  }
  values.forEach((v, i) => {
    if (v < 0 || (max !== undefined && v > max)) {
      const range = max === undefined ? "≥ 0" : `in [0, ${max}] (the number of frames)`;
      throw new LossInputError(fn, name, `expected lengths ${range}, got ${v} at index ${i}`);
    }
  });
  return values;
}

/**
 * Each sample's labels from padded [N, S] targets (S ≥ every target length; entries past a length
 * are ignored) or concatenated [Σ target lengths] ones (an unbatched call's [S] is concatenated, as
 * in torch). Every label used must be a class in [0, C).
 */
function readLabels(fn: string, targets: TensorLike, targetLengths: number[], classes: number): number[][] {
  const { shape, values } = readIntegers(fn, "targets", targets);
  const total = targetLengths.reduce((a, b) => a + b, 0);
  const longest = Math.max(0, ...targetLengths);
  const concatenated = shape.length === 1;
  if (concatenated && shape[0] !== total) {
    const detail = `concatenated targets must hold Σ targetLengths = ${total} labels, got ${shape[0]}`;
    throw new LossInputError(fn, "targets", detail);
  }
  if (!concatenated && !(shape.length === 2 && shape[0] === targetLengths.length && shape[1] >= longest)) {
    const expected = `[${targetLengths.length}, S] with S ≥ ${longest} (padded) or [${total}] (concatenated)`;
    throw new LossInputError(fn, "targets", `expected shape ${expected}, got ${formatShape(shape)}`);
  }
  const starts = targetLengths.map((_, i) =>
    concatenated ? targetLengths.slice(0, i).reduce((a, b) => a + b, 0) : i * shape[1],
  );
  return targetLengths.map((length, i) => {
    const labels = values.slice(starts[i], starts[i] + length);
    const bad = labels.findIndex((c) => c < 0 || c >= classes);
    if (bad >= 0) {
      const detail =
        `label ${labels[bad]} of sample ${i} (position ${bad}) is out of bounds: ` +
        `expected a class in [0, ${classes - 1}]`;
      throw new LossInputError(fn, "targets", detail);
    }
    return labels;
  });
}

/** The checked problem and log_probs as [T, N, C] (an unbatched [T, C] gets N = 1). */
function readCtcInputs(
  fn: string,
  logProbs: TensorLike,
  targets: TensorLike,
  inputLengths: TensorLike,
  targetLengths: TensorLike,
  blank: number,
): { logProbs3d: tf.Tensor; problem: CtcProblem; batched: boolean } {
  const lp = toFloatTensor(fn, "logProbs", logProbs, "log-probabilities");
  checkRank(fn, "logProbs", lp, [2, 3]);
  if (lp.size === 0) {
    const detail = `must not be empty (torch refuses it too), got shape ${formatShape(lp.shape)}`;
    throw new LossInputError(fn, "logProbs", detail);
  }
  const batched = lp.rank === 3;
  const logProbs3d = batched ? lp : tf.expandDims(lp, 1);
  const [frames, batch, classes] = logProbs3d.shape;
  if (blank < 0 || blank >= classes) {
    throw new LossInputError(
      fn,
      "blank",
      `blank must be in label range: expected an integer in [0, ${classes - 1}], got ${blank}`,
    );
  }
  const inputs = readLengths(fn, "inputLengths", inputLengths, batch, batched, frames);
  const lengths = readLengths(fn, "targetLengths", targetLengths, batch, batched);
  const labels = readLabels(fn, targets, lengths, classes);
  const samples = labels.map((l, i) => ({ inputLength: inputs[i], labels: l }));
  return { logProbs3d, problem: { frames, batch, classes, blank, samples }, batched };
}

/** log(eᵃ + eᵇ) without overflow; exact when either is −∞. */
function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** The class at position s of the extended labels: blank, l₁, blank, l₂, …, blank. */
function extendedLabel(sample: CtcSample, blank: number, s: number): number {
  return s % 2 === 0 ? blank : sample.labels[(s - 1) >> 1];
}

/** Whether the path may jump from s − 2 to s: s is a label different from the label two back. */
function canSkip(sample: CtcSample, s: number): boolean {
  return s % 2 === 1 && s > 1 && sample.labels[(s - 1) >> 1] !== sample.labels[(s - 3) >> 1];
}

/** Reads log_probs[t, b, c] from the flat [T, N, C] values. */
type LogProb = (t: number, c: number) => number;

function sampleReader(values: ArrayLike<number>, problem: CtcProblem, b: number): LogProb {
  const { batch, classes } = problem;
  return (t, c) => values[(t * batch + b) * classes + c];
}

/** The forward variables log α[t][s], flat [inputLength × (2S + 1)]. */
function forwardVariables(lp: LogProb, sample: CtcSample, blank: number): Float64Array {
  const width = 2 * sample.labels.length + 1;
  const alpha = new Float64Array(sample.inputLength * width).fill(-Infinity);
  if (sample.inputLength === 0) return alpha;
  alpha[0] = lp(0, blank);
  if (width > 1) alpha[1] = lp(0, extendedLabel(sample, blank, 1));
  for (let t = 1; t < sample.inputLength; t++) {
    for (let s = 0; s < width; s++) {
      const previous = (t - 1) * width;
      let a = alpha[previous + s];
      if (s > 0) a = logAddExp(a, alpha[previous + s - 1]);
      if (canSkip(sample, s)) a = logAddExp(a, alpha[previous + s - 2]);
      alpha[t * width + s] = a + lp(t, extendedLabel(sample, blank, s));
    }
  }
  return alpha;
}

/** The backward variables log β[t][s] (β includes the frame t itself, as α does). */
function backwardVariables(lp: LogProb, sample: CtcSample, blank: number): Float64Array {
  const width = 2 * sample.labels.length + 1;
  const frames = sample.inputLength;
  const beta = new Float64Array(frames * width).fill(-Infinity);
  if (frames === 0) return beta;
  const last = (frames - 1) * width;
  beta[last + width - 1] = lp(frames - 1, blank);
  if (width > 1) beta[last + width - 2] = lp(frames - 1, extendedLabel(sample, blank, width - 2));
  for (let t = frames - 2; t >= 0; t--) {
    for (let s = 0; s < width; s++) {
      const next = (t + 1) * width;
      let b = beta[next + s];
      if (s + 1 < width) b = logAddExp(b, beta[next + s + 1]);
      if (s + 2 < width && canSkip(sample, s + 2)) b = logAddExp(b, beta[next + s + 2]);
      beta[t * width + s] = b + lp(t, extendedLabel(sample, blank, s));
    }
  }
  return beta;
}

/** −log p(labels | frames): 0 for no frames and no labels, ∞ for no frames but some labels. */
function negativeLogLikelihood(alpha: Float64Array, sample: CtcSample): number {
  const width = 2 * sample.labels.length + 1;
  if (sample.inputLength === 0) return sample.labels.length === 0 ? 0 : Infinity;
  const last = (sample.inputLength - 1) * width;
  return -(width > 1 ? logAddExp(alpha[last + width - 1], alpha[last + width - 2]) : alpha[last]);
}

/** Each sample's −log p, with 0 in place of ∞ when `zeroInfinity`. */
function sampleLosses(values: ArrayLike<number>, problem: CtcProblem, zeroInfinity: boolean): Float32Array {
  return Float32Array.from(problem.samples, (sample, b) => {
    const nll = negativeLogLikelihood(
      forwardVariables(sampleReader(values, problem, b), sample, problem.blank),
      sample,
    );
    return zeroInfinity && nll === Infinity ? 0 : nll;
  });
}

/**
 * PyTorch's gradient of each sample's loss, written into `grad` ([T, N, C]): exp(log_probs) − γ at
 * the frames t < inputLength, where γ[t][c] = Σ_{s: l′ₛ = c} α[t][s] β[t][s] / (p(t, c) · p(labels));
 * 0 past the input length, and 0 throughout an impossible sample when `zeroInfinity`.
 */
function sampleGradients(values: ArrayLike<number>, problem: CtcProblem, zeroInfinity: boolean): Float32Array {
  const { frames, batch, classes, blank } = problem;
  const grad = new Float32Array(frames * batch * classes);
  problem.samples.forEach((sample, b) => {
    const lp = sampleReader(values, problem, b);
    const alpha = forwardVariables(lp, sample, blank);
    const nll = negativeLogLikelihood(alpha, sample);
    if (zeroInfinity && nll === Infinity) return;
    const beta = backwardVariables(lp, sample, blank);
    const width = 2 * sample.labels.length + 1;
    for (let t = 0; t < sample.inputLength; t++) {
      const occupancy = new Float64Array(classes).fill(-Infinity);
      for (let s = 0; s < width; s++) {
        const c = extendedLabel(sample, blank, s);
        occupancy[c] = logAddExp(occupancy[c], alpha[t * width + s] + beta[t * width + s]);
      }
      for (let c = 0; c < classes; c++) {
        const posterior = Math.exp(occupancy[c] + nll - lp(t, c));
        grad[(t * batch + b) * classes + c] = Math.exp(lp(t, c)) - posterior;
      }
    }
  });
  return grad;
}

/** The per-sample losses [N] of log_probs [T, N, C], with PyTorch's gradient. */
function ctcSampleLosses(logProbs3d: tf.Tensor, problem: CtcProblem, zeroInfinity: boolean): tf.Tensor {
  const op = customOp<[tf.Tensor]>(([lp], save) => {
    save([lp]);
    return {
      value: tf.tensor1d(sampleLosses(lp.dataSync(), problem, zeroInfinity)),
      gradFunc: (dy, [saved]) => {
        const grad = tf.tensor(sampleGradients(saved.dataSync(), problem, zeroInfinity), saved.shape);
        return tf.mul(tf.reshape(dy, [1, problem.batch, 1]), grad);
      },
    };
  });
  return op(logProbs3d);
}

/**
 * Connectionist temporal classification loss: −log of the probability of the target labels summed
 * over every alignment with the input frames, where an alignment emits one class per frame, may
 * repeat a label over consecutive frames, and puts blanks between and around the labels (a blank
 * separates a repeated label).
 *
 *   l′ = (blank, l₁, blank, l₂, …, l_S, blank)                  (2S + 1 states)
 *   α[0][0] = p₀(blank),  α[0][1] = p₀(l₁)
 *   α[t][s] = (α[t−1][s] + α[t−1][s−1] + [l′ₛ ≠ blank, l′ₛ ≠ l′ₛ₋₂] α[t−1][s−2]) · pₜ(l′ₛ)
 *   ℓ = −log(α[T−1][2S] + α[T−1][2S−1])                          (T = the sample's input length)
 *
 * computed in log space (log-sum-exp) in float64, sample by sample. `logProbs` are log-probabilities
 * (a log-softmax) [T, N, C], or [T, C] for one sequence; targets are padded [N, S] (S ≥ every
 * target length; entries past a length are ignored) or concatenated [Σ targetLengths] (one sequence:
 * [S], its labels); the lengths are numbers, arrays or int32 tensors of shape [N] (one sequence: a
 * number, [] or [1]). Reductions: "none" gives [N]; "sum" adds the
 * losses; "mean" divides each by its target length (at least 1) and averages over the batch.
 * An impossible alignment (too few frames) has loss ∞; `zeroInfinity` makes it 0.
 * The gradient is PyTorch's: exp(logProbs) − γ (γ: the posterior of each class at each frame), which
 * is the gradient with respect to the logits when logProbs = logSoftmax(logits); 0 past a sample's
 * input length; NaN for an infinite loss unless `zeroInfinity`, which makes it 0.
 * Same as torch.nn.functional.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank,
 * reduction, zero_infinity).
 * Reference: Graves, Fernández, Gomez & Schmidhuber, "Connectionist Temporal Classification: Labelling
 *   Unsegmented Sequence Data with Recurrent Neural Networks", ICML 2006.
 * @example ctcLoss(tf.log(tf.fill([2, 1, 2], 0.5)), [[1]], [2], [1]).print(); // 0.2876821
 *   (−log(3/4): the alignments (1,1), (0,1) and (1,0) of label 1 over two frames)
 * @throws LossInputError when logProbs is not [T, N, C] or [T, C], is empty or is an int32 tensor;
 *   blank is not an integer in [0, C); a length has the wrong shape, is negative, or an input length
 *   exceeds T; targets have the wrong shape or a used label outside [0, C) (torch reads such a label
 *   out of bounds); targets or lengths are not integers, or are a tensor whose dtype is not int32
 *   (torch casts floating targets); or zeroInfinity is not true or false.
 */
export function ctcLoss(
  logProbs: TensorLike,
  targets: TensorLike,
  inputLengths: TensorLike,
  targetLengths: TensorLike,
  options?: CtcLossOptions | null,
): tf.Tensor {
  return lossDoor("ctcLoss", options, DEFAULTS, ({ blank, reduction, zeroInfinity }, fn) => {
    checkScalarOption(fn, "blank", blank, "an integer class index", Number.isInteger);
    const inputs = readCtcInputs(fn, logProbs, targets, inputLengths, targetLengths, blank);
    const { logProbs3d, problem, batched } = inputs;
    const losses = ctcSampleLosses(logProbs3d, problem, zeroInfinity);
    const perSample = batched ? losses : tf.reshape(losses, []);
    if (reduction !== "mean") return reduce(perSample, reduction);
    const divisors = problem.samples.map((s) => Math.max(s.labels.length, 1));
    return reduce(tf.div(perSample, batched ? tf.tensor1d(divisors) : divisors[0]), "mean");
  });
}
