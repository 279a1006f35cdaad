import * as tf from "@tensorflow/tfjs-core";
import { crossEntropy } from "../losses/softmax";
import { weightedSum } from "../losses/composite";
import { mseLoss } from "../losses/regression";
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

export interface MultiTaskTrainingOptions {
  /** Width of the shared layer. Default 8. */
  hidden?: number;
  /** Number of classes. Default: the largest label + 1. */
  classes?: number;
  /** Weight of the regression (MSE) term. Default 1. */
  regressionWeight?: number;
  /** Weight of the classification (cross-entropy) term. Default 1. */
  classificationWeight?: number;
  /** Default 0.1. */
  learningRate?: number;
  /** Default 300. */
  steps?: number;
  /** Seeds the initial weights. Default 0. */
  seed?: number;
}

/** The trained weights as plain numbers: h = x·shared + sharedBias, then one head per task. */
export interface MultiTaskParameters {
  shared: number[][];
  sharedBias: number[];
  /** [hidden][1]: the regression head. */
  regressionHead: number[][];
  regressionBias: number[];
  /** [hidden][classes]: the classification head. */
  classificationHead: number[][];
  classificationBias: number[];
}

export interface MultiTaskModel {
  parameters: MultiTaskParameters;
  /** The weighted objective after k steps (k = 0 … steps). */
  lossHistory: number[];
  /** Its two terms, unweighted: the MSE and the cross-entropy after k steps. */
  regressionLossHistory: number[];
  classificationLossHistory: number[];
  /** Both predictions for each row of features. */
  predict(features: readonly (readonly number[])[]): { regression: number[]; classes: number[] };
}

/**
 * Trains a shared linear layer with two heads, a regression head under MSE and a classification
 * head under cross-entropy, by gradient descent on the weighted sum (weightedSum)
 *
 *   L = regressionWeight · MSE + classificationWeight · CE.
 *
 * The returned model holds plain numbers, no tensors.
 * @throws RangeError when features are ragged or empty, a target does not match them, labels are
 *   not classes, or the schedule is invalid; weightedSum's LossInputError for a negative weight.
 */
export function trainMultiTask(
  features: readonly (readonly number[])[],
  regressionTarget: readonly number[],
  classLabel: readonly number[],
  {
    hidden = 8,
    classes,
    regressionWeight = 1,
    classificationWeight = 1,
    learningRate = 0.1,
    steps = 300,
    seed = 0,
  }: MultiTaskTrainingOptions = {},
): MultiTaskModel {
  const fn = "trainMultiTask";
  const width = checkRows(fn, "features", features);
  checkLength(fn, "regressionTarget", regressionTarget, features.length);
  checkLength(fn, "classLabel", classLabel, features.length);
  const classCount = checkLabels(fn, "classLabel", classLabel, classes);
  checkSchedule(fn, learningRate, steps);
  if (!Number.isInteger(hidden) || hidden < 1)
    throw new RangeError(`${fn}: hidden: expected an integer ≥ 1, got ${hidden}`);

  const x = tf.tensor2d(features as number[][]);
  const yRegression = tf.tensor2d(regressionTarget as number[], [features.length, 1]);
  const yClass = tf.tensor1d(classLabel as number[], "int32");
  const shared = seededMatrix(seed, width, hidden, 1 / Math.sqrt(width));
  const sharedBias = zeros([hidden]);
  const regressionHead = seededMatrix(seed + 1, hidden, 1, 1 / Math.sqrt(hidden));
  const regressionBias = zeros([1]);
  const classificationHead = seededMatrix(seed + 2, hidden, classCount, 1 / Math.sqrt(hidden));
  const classificationBias = zeros([classCount]);
  const variables = [shared, sharedBias, regressionHead, regressionBias, classificationHead, classificationBias];

  const regressionLossHistory: number[] = [];
  const classificationLossHistory: number[] = [];
  const objective = () => {
    const h = tf.add(tf.matMul(x, shared), sharedBias);
    const regression = mseLoss(tf.add(tf.matMul(h, regressionHead), regressionBias), yRegression);
    const classification = crossEntropy(tf.add(tf.matMul(h, classificationHead), classificationBias), yClass);
    regressionLossHistory.push(regression.dataSync()[0]);
    classificationLossHistory.push(classification.dataSync()[0]);
    return weightedSum({
      regression: { loss: regression, weight: regressionWeight },
      classification: { loss: classification, weight: classificationWeight },
    }) as tf.Scalar;
  };
  try {
    const lossHistory = descend(objective, variables, { learningRate, steps });
    const parameters: MultiTaskParameters = {
      shared: readMatrix(shared),
      sharedBias: Array.from(sharedBias.dataSync()),
      regressionHead: readMatrix(regressionHead),
      regressionBias: Array.from(regressionBias.dataSync()),
      classificationHead: readMatrix(classificationHead),
      classificationBias: Array.from(classificationBias.dataSync()),
    };
    return {
      parameters,
      lossHistory,
      regressionLossHistory,
      classificationLossHistory,
      predict: (rows) => {
        const hs = rows.map((row) => affine(row, parameters.shared, parameters.sharedBias));
        return {
          regression: hs.map((h) => affine(h, parameters.regressionHead, parameters.regressionBias)[0]),
          classes: hs.map((h) => argmax(affine(h, parameters.classificationHead, parameters.classificationBias))),
        };
      },
    };
  } finally {
    disposeAll(variables);
    tf.dispose([x, yRegression, yClass]);
  }
}
