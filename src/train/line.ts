import * as tf from "@tensorflow/tfjs-core";
import { huberLoss, l1Loss, mseLoss } from "../losses/regression";
import { checkLength, checkSchedule, descend, disposeAll, variableOf } from "./descent";

/** The losses a line can be fitted under. */
export type LineLoss = "mse" | "l1" | "huber";

export interface FitLineOptions {
  /** Default "mse". */
  loss?: LineLoss;
  /** Default 0.01. */
  learningRate?: number;
  /** Default 100. */
  steps?: number;
  /** Fit y = slope·x + intercept instead of y = slope·x. Default false. */
  intercept?: boolean;
  /** Where descent starts. Default 0 for both. */
  initialSlope?: number;
  initialIntercept?: number;
  /** Huber's δ. Default 1. */
  delta?: number;
}

export interface LineFit {
  slope: number;
  /** 0 when no intercept was fitted. */
  intercept: number;
  /** slopeHistory[k]: the slope after k steps (k = 0 … steps). */
  slopeHistory: number[];
  interceptHistory: number[];
  /** lossHistory[k]: the loss after k steps (k = 0 … steps). */
  lossHistory: number[];
}

/**
 * Fits a line to (x, y) by plain gradient descent on the mean loss:
 *
 *   ŷᵢ = θ xᵢ (+ b),   θ ← θ − η ∂L/∂θ,   L = mean ℓ(ŷᵢ, yᵢ)
 *
 * With the defaults it is the classic first example: x = [1, 2, 3, 4], y = [2, 4, 6, 8],
 * θ from 0, η = 0.01, 100 steps under MSE, where θₖ = 2 (1 − 0.85ᵏ).
 * @throws RangeError when x and y differ in length or are empty, or the schedule is invalid.
 */
export function fitLine(
  x: readonly number[],
  y: readonly number[],
  {
    loss = "mse",
    learningRate = 0.01,
    steps = 100,
    intercept = false,
    initialSlope = 0,
    initialIntercept = 0,
    delta = 1,
  }: FitLineOptions = {},
): LineFit {
  const fn = "fitLine";
  if (x.length === 0) throw new RangeError(`${fn}: x: expected at least one value, got none`);
  checkLength(fn, "y", y, x.length);
  checkSchedule(fn, learningRate, steps);
  if (!["mse", "l1", "huber"].includes(loss)) {
    throw new RangeError(`${fn}: loss: expected "mse", "l1" or "huber", got ${JSON.stringify(loss)}`);
  }
  const xs = tf.tensor1d(x as number[]);
  const ys = tf.tensor1d(y as number[]);
  const slope = variableOf(() => tf.scalar(initialSlope));
  const offset = variableOf(() => tf.scalar(intercept ? initialIntercept : 0));
  const variables = intercept ? [slope, offset] : [slope];
  const lossOf = lineLoss(loss, delta);
  const slopeHistory = [initialSlope];
  const interceptHistory = [intercept ? initialIntercept : 0];
  try {
    const lossHistory = descend(
      () => lossOf(tf.add(tf.mul(slope, xs), offset), ys) as tf.Scalar,
      variables,
      { learningRate, steps },
      () => {
        slopeHistory.push(slope.dataSync()[0]);
        interceptHistory.push(offset.dataSync()[0]);
      },
    );
    return {
      slope: slopeHistory[slopeHistory.length - 1],
      intercept: interceptHistory[interceptHistory.length - 1],
      slopeHistory,
      interceptHistory,
      lossHistory,
    };
  } finally {
    disposeAll([slope, offset]);
    xs.dispose();
    ys.dispose();
  }
}

function lineLoss(loss: LineLoss, delta: number): (prediction: tf.Tensor, target: tf.Tensor) => tf.Tensor {
  switch (loss) {
    case "mse":
      return (p, t) => mseLoss(p, t);
    case "l1":
      return (p, t) => l1Loss(p, t);
    case "huber":
      return (p, t) => huberLoss(p, t, { delta });
  }
}
