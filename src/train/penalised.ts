import * as tf from "@tensorflow/tfjs-core";
import { l1Penalty, l2Penalty, weightedSum } from "../losses/composite";
import { mseLoss } from "../losses/regression";
import { checkLength, checkRows, checkSchedule, descend, disposeAll, seededMatrix, zeros } from "./descent";

/** The penalty on the weights: none, L1 (lasso) or L2 (ridge). */
export type Penalty = "none" | "l1" | "l2";

export interface PenalisedRegressionOptions {
  /** Default "l2". */
  penalty?: Penalty;
  /** The penalty's coefficient λ. Default 0.1. */
  strength?: number;
  /** Default 0.05. */
  learningRate?: number;
  /** Default 500. */
  steps?: number;
  /** Seeds the initial weights (normal, std 0.01). Default 0. */
  seed?: number;
}

export interface PenalisedRegression {
  weights: number[];
  bias: number;
  /** weightHistory[k]: the weights after k steps (k = 0 … steps), to plot their paths. */
  weightHistory: number[][];
  /** The objective (MSE + penalty) after k steps. */
  lossHistory: number[];
  /** Its MSE term alone after k steps. */
  dataLossHistory: number[];
  predict(x: readonly (readonly number[])[]): number[];
}

/**
 * Fits y ≈ x·w + b by gradient descent on
 *
 *   MSE(x·w + b, y) + λ Σ|wᵢ|   (l1Penalty)   or   MSE + λ Σwᵢ²   (l2Penalty),
 *
 * the bias unpenalised. Under L1, plain (sub)gradient descent leaves the weights the penalty
 * silences hovering within about learningRate·λ of zero rather than exactly at zero.
 * @throws RangeError when x is ragged or empty, y does not match it, or the schedule is invalid;
 *   the penalty's LossInputError for a negative strength.
 */
export function fitPenalisedRegression(
  x: readonly (readonly number[])[],
  y: readonly number[],
  { penalty = "l2", strength = 0.1, learningRate = 0.05, steps = 500, seed = 0 }: PenalisedRegressionOptions = {},
): PenalisedRegression {
  const fn = "fitPenalisedRegression";
  const features = checkRows(fn, "x", x);
  checkLength(fn, "y", y, x.length);
  checkSchedule(fn, learningRate, steps);
  if (!["none", "l1", "l2"].includes(penalty)) {
    throw new RangeError(`${fn}: penalty: expected "none", "l1" or "l2", got ${JSON.stringify(penalty)}`);
  }
  const xs = tf.tensor2d(x as number[][]);
  const ys = tf.tensor2d(y as number[], [x.length, 1]);
  const w = seededMatrix(seed, features, 1, 0.01);
  const b = zeros([1]);
  const dataLossHistory: number[] = [];
  const weightHistory = [Array.from(w.dataSync())];
  const objective = () => {
    const data = mseLoss(tf.add(tf.matMul(xs, w), b), ys);
    dataLossHistory.push(data.dataSync()[0]);
    if (penalty === "none") return data as tf.Scalar;
    const penaltyTerm = (penalty === "l1" ? l1Penalty : l2Penalty)([w], { coefficient: strength });
    return weightedSum({ data, penalty: penaltyTerm }) as tf.Scalar;
  };
  try {
    const lossHistory = descend(objective, [w, b], { learningRate, steps }, () =>
      weightHistory.push(Array.from(w.dataSync())),
    );
    const weights = weightHistory[weightHistory.length - 1];
    const bias = b.dataSync()[0];
    return {
      weights,
      bias,
      weightHistory,
      lossHistory,
      dataLossHistory,
      predict: (rows) => rows.map((row) => row.reduce((sum, v, i) => sum + v * weights[i], bias)),
    };
  } finally {
    disposeAll([w, b]);
    tf.dispose([xs, ys]);
  }
}
