import * as tf from "@tensorflow/tfjs-core";
import { softmax } from "../byhand/classification";
import { crossEntropy } from "../losses/softmax";
import {
  affine,
  argmax,
  checkLabels,
  checkLength,
  checkRows,
  checkSchedule,
  descend,
  disposeAll,
  readMatrix,
  seededMatrix,
  zeros,
} from "./descent";

export interface SoftmaxClassifierOptions {
  /** Number of classes. Default: the largest label + 1. */
  classes?: number;
  /** Default 0.5. */
  learningRate?: number;
  /** Default 200. */
  steps?: number;
  /** Seeds the initial weights (normal, std 0.01). Default 0. */
  seed?: number;
  /** crossEntropy's label smoothing ε. Default 0. */
  labelSmoothing?: number;
}

export interface SoftmaxClassifier {
  /** weights[i][c]: feature i's weight for class c. */
  weights: number[][];
  bias: number[];
  /** lossHistory[k]: the mean cross-entropy after k steps (k = 0 … steps). */
  lossHistory: number[];
  /** Fraction of the training points classified correctly at the end. */
  accuracy: number;
  /** The class of each point: argmax of its logits. */
  predict(points: readonly (readonly number[])[]): number[];
  /** The softmax probabilities of each point. */
  probabilities(points: readonly (readonly number[])[]): number[][];
}

/**
 * Trains a linear softmax classifier, logits = x·W + b, by gradient descent on the mean
 * cross-entropy (crossEntropy) of the class labels. The returned model holds plain numbers:
 * predict and probabilities run without tensors, so they can be called on a whole grid to draw
 * decision regions.
 * @throws RangeError when points are ragged or empty, labels do not match them or are not
 *   classes in [0, classes), or the schedule is invalid.
 */
export function trainSoftmaxClassifier(
  points: readonly (readonly number[])[],
  labels: readonly number[],
  { classes, learningRate = 0.5, steps = 200, seed = 0, labelSmoothing = 0 }: SoftmaxClassifierOptions = {},
): SoftmaxClassifier {
  const fn = "trainSoftmaxClassifier";
  const features = checkRows(fn, "points", points);
  checkLength(fn, "labels", labels, points.length);
  const classCount = checkLabels(fn, "labels", labels, classes);
  checkSchedule(fn, learningRate, steps);
  const x = tf.tensor2d(points as number[][]);
  const y = tf.tensor1d(labels as number[], "int32");
  const w = seededMatrix(seed, features, classCount, 0.01);
  const b = zeros([classCount]);
  try {
    const lossHistory = descend(
      () => crossEntropy(tf.add(tf.matMul(x, w), b), y, { labelSmoothing }) as tf.Scalar,
      [w, b],
      { learningRate, steps },
    );
    const weights = readMatrix(w);
    const bias = Array.from(b.dataSync());
    const logits = (rows: readonly (readonly number[])[]) => rows.map((row) => affine(row, weights, bias));
    const predict = (rows: readonly (readonly number[])[]) => logits(rows).map(argmax);
    const correct = predict(points).filter((c, i) => c === labels[i]).length;
    return {
      weights,
      bias,
      lossHistory,
      accuracy: correct / points.length,
      predict,
      probabilities: (rows) => logits(rows).map(softmax),
    };
  } finally {
    disposeAll([w, b]);
    x.dispose();
    y.dispose();
  }
}
