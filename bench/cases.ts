// What the bench compares: each losslab loss, the nearest tfjs built-in, the by-hand version and
// the PyTorch function (named in torch_losses.py), each reading arrays from BenchInputs.
import * as tf from "@tensorflow/tfjs-core";
import { binaryCrossEntropyWithLogits, byhand, crossEntropy, huberLoss, klDiv, l1Loss, mseLoss } from "../src";
import type { BenchInputs, InputName } from "./inputs";

type LossOf = (...tensors: tf.Tensor[]) => tf.Tensor;

/** The by-hand loss and its gradient on arrays prepared once, outside the timed runs. */
export interface ByHandRun {
  forward: () => number;
  backward: () => unknown;
}

/** A tfjs built-in loss: its name for the legend, its arguments (the differentiated prediction first). */
export interface Builtin {
  name: string;
  inputs: InputName[];
  loss: LossOf;
}

export interface BenchCase {
  /** losslab's name; also the key of the PyTorch function in torch_losses.py. */
  loss: string;
  /** losslab's arguments; the first is differentiated (as PyTorch's input with requires_grad). */
  inputs: InputName[];
  losslab: LossOf;
  /** tfjs's nearest built-in loss, where tfjs has one. */
  builtin?: Builtin;
  /** The by-hand version over plain arrays, where byhand/ has one. */
  byhand?: (inputs: BenchInputs) => ByHandRun;
}

/** A [rows, cols] typed array as rows of plain numbers, the by-hand losses' input. */
function rowsOf(values: Float32Array | Int32Array, cols: number): number[][] {
  return Array.from({ length: values.length / cols }, (_, r) => Array.from(values.subarray(r * cols, (r + 1) * cols)));
}

/** A by-hand elementwise loss over the flattened prediction x and target y. */
function byHandElementwise(
  loss: (x: number[], y: number[]) => number,
  grad: (x: number[], y: number[]) => number[],
): (inputs: BenchInputs) => ByHandRun {
  return (inputs) => {
    const x = Array.from(inputs.x.values);
    const y = Array.from(inputs.y.values);
    return { forward: () => loss(x, y), backward: () => grad(x, y) };
  };
}

/** By-hand cross-entropy, one row at a time, averaged over the rows (its gradient scaled by 1/rows). */
function byHandCrossEntropy(inputs: BenchInputs): ByHandRun {
  const cols = inputs.x.shape[1];
  const logits = rowsOf(inputs.x.values, cols);
  const labels = Array.from(inputs.labels.values);
  const scale = 1 / logits.length;
  return {
    forward: () => logits.reduce((total, row, r) => total + byhand.crossEntropy(row, labels[r]), 0) * scale,
    backward: () => logits.map((row, r) => byhand.crossEntropyGrad(row, labels[r]).map((g) => g * scale)),
  };
}

/** By-hand KL(p ‖ q) per row, summed and divided by the element count (klDiv's "mean"). */
function byHandKlDivergence(inputs: BenchInputs): ByHandRun {
  const cols = inputs.p.shape[1];
  const p = rowsOf(inputs.p.values, cols);
  const q = rowsOf(inputs.q.values, cols);
  const scale = 1 / inputs.p.values.length;
  return {
    forward: () => p.reduce((total, row, r) => total + byhand.klDiv(row, q[r]), 0) * scale,
    backward: () => p.map((row, r) => byhand.klDivGrad(row, q[r]).map((g) => g * scale)),
  };
}

export const BENCH_CASES: readonly BenchCase[] = [
  {
    loss: "l1Loss",
    inputs: ["x", "y"],
    losslab: (x, y) => l1Loss(x, y),
    builtin: {
      name: "tf.losses.absoluteDifference",
      inputs: ["x", "y"],
      loss: (x, y) => tf.losses.absoluteDifference(y, x),
    },
    byhand: byHandElementwise(
      (x, y) => byhand.l1Loss(x, y),
      (x, y) => byhand.l1LossGrad(x, y),
    ),
  },
  {
    loss: "mseLoss",
    inputs: ["x", "y"],
    losslab: (x, y) => mseLoss(x, y),
    builtin: {
      name: "tf.losses.meanSquaredError",
      inputs: ["x", "y"],
      loss: (x, y) => tf.losses.meanSquaredError(y, x),
    },
    byhand: byHandElementwise(
      (x, y) => byhand.mseLoss(x, y),
      (x, y) => byhand.mseLossGrad(x, y),
    ),
  },
  {
    loss: "huberLoss",
    inputs: ["x", "y"],
    losslab: (x, y) => huberLoss(x, y),
    builtin: { name: "tf.losses.huberLoss", inputs: ["x", "y"], loss: (x, y) => tf.losses.huberLoss(y, x) },
    byhand: byHandElementwise(
      (x, y) => byhand.huberLoss(x, y),
      (x, y) => byhand.huberLossGrad(x, y),
    ),
  },
  {
    loss: "crossEntropy",
    inputs: ["x", "labels"],
    losslab: (x, labels) => crossEntropy(x, labels),
    builtin: {
      name: "tf.losses.softmaxCrossEntropy (one-hot labels)",
      inputs: ["x", "oneHot"],
      loss: (x, oneHot) => tf.losses.softmaxCrossEntropy(oneHot, x),
    },
    byhand: byHandCrossEntropy,
  },
  {
    loss: "binaryCrossEntropyWithLogits",
    inputs: ["x", "binaryTargets"],
    losslab: (x, t) => binaryCrossEntropyWithLogits(x, t),
    builtin: {
      name: "tf.losses.sigmoidCrossEntropy",
      inputs: ["x", "binaryTargets"],
      loss: (x, t) => tf.losses.sigmoidCrossEntropy(t, x),
    },
  },
  {
    // tfjs's public API has no KL divergence (tf.metrics has none; the layers' "kld" is internal).
    loss: "klDiv",
    inputs: ["logQ", "p"],
    losslab: (logQ, p) => klDiv(logQ, p),
    byhand: byHandKlDivergence,
  },
];
