import * as tf from "@tensorflow/tfjs-core";
import { contrastiveLoss } from "../losses/embedding";
import {
  affine,
  checkLength,
  checkRows,
  checkSchedule,
  descend,
  disposeAll,
  readMatrix,
  seededMatrix,
} from "./descent";

export interface ContrastiveEmbeddingOptions {
  /** Size of the embedding. Default 2 (so that it can be plotted). */
  embeddingSize?: number;
  /** contrastiveLoss's margin. Default 1. */
  margin?: number;
  /** Default 0.05. */
  learningRate?: number;
  /** Default 200. */
  steps?: number;
  /** Seeds the initial map (normal, std 0.5). Default 0. */
  seed?: number;
}

export interface ContrastiveEmbedding {
  /** weights[i][j]: input feature i's contribution to embedding coordinate j. */
  weights: number[][];
  /** lossHistory[k]: the mean contrastive loss after k steps (k = 0 … steps). */
  lossHistory: number[];
  /** The embedding of each point: point · weights. */
  embed(points: readonly (readonly number[])[]): number[][];
}

/**
 * Learns a linear map f(x) = x·W by gradient descent on contrastiveLoss(f(x1), f(x2), label):
 * pairs labelled 0 (similar) are pulled together, pairs labelled 1 pushed `margin` apart.
 * The returned embedding holds plain numbers, no tensors.
 * @throws RangeError when x1 and x2 are ragged, differ in size, or label does not match them;
 *   contrastiveLoss's LossInputError when a label is not 0 or 1.
 */
export function trainContrastiveEmbedding(
  x1: readonly (readonly number[])[],
  x2: readonly (readonly number[])[],
  label: readonly number[],
  { embeddingSize = 2, margin = 1, learningRate = 0.05, steps = 200, seed = 0 }: ContrastiveEmbeddingOptions = {},
): ContrastiveEmbedding {
  const fn = "trainContrastiveEmbedding";
  const features = checkRows(fn, "x1", x1);
  checkLength(fn, "x2", x2, x1.length);
  if (checkRows(fn, "x2", x2) !== features) {
    throw new RangeError(`${fn}: x2: expected rows of ${features} numbers (as x1), got ${x2[0].length}`);
  }
  checkLength(fn, "label", label, x1.length);
  checkSchedule(fn, learningRate, steps);
  if (!Number.isInteger(embeddingSize) || embeddingSize < 1) {
    throw new RangeError(`${fn}: embeddingSize: expected an integer ≥ 1, got ${embeddingSize}`);
  }
  const a = tf.tensor2d(x1 as number[][]);
  const b = tf.tensor2d(x2 as number[][]);
  const y = tf.tensor1d(label as number[]);
  const w = seededMatrix(seed, features, embeddingSize, 0.5);
  try {
    const lossHistory = descend(
      () => contrastiveLoss(tf.matMul(a, w), tf.matMul(b, w), y, { margin }) as tf.Scalar,
      [w],
      { learningRate, steps },
    );
    const weights = readMatrix(w);
    const noBias = new Array<number>(embeddingSize).fill(0);
    return { weights, lossHistory, embed: (points) => points.map((p) => affine(p, weights, noBias)) };
  } finally {
    disposeAll([w]);
    tf.dispose([a, b, y]);
  }
}
