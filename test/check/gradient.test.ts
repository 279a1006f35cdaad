import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { gradientCheck, numericGradient } from "../../src/check";
import { mseLoss } from "../../src/losses/regression";
import { ctcLoss } from "../../src/losses/sequence";

describe("numericGradient", () => {
  it("is the central difference: 2x for Σx², exact up to float32 rounding", () => {
    const grad = numericGradient((x) => tf.sum(tf.square(x)), [1, -2, 0.5]);
    grad.forEach((g, i) => expect(g).toBeCloseTo([2, -4, 1][i], 2));
  });
});

describe("gradientCheck", () => {
  it("passes a correct gradient and returns both gradients", () => {
    // mean((x − y)²): ∂/∂x = 2(x − y)/n = [0.5, 1]
    const result = gradientCheck((x) => mseLoss(x, [0, 1]), [0.5, 2]);
    expect(result.analytic).toEqual([0.5, 1]);
    result.numeric.forEach((g, i) => expect(g).toBeCloseTo(result.analytic[i], 2));
    expect(result.largestDifference).toBeLessThan(1e-3);
  });

  it("passes ctcLoss's custom gradient with respect to the logits, not to the log-probabilities", () => {
    const logits = [[[0.3, -1, 0.8]], [[-0.5, 0.9, 0.2]], [[1.1, -0.4, -0.9]]];
    const ctcOfLogits = (z: tf.Tensor) => ctcLoss(tf.logSoftmax(z), [[1, 2]], [3], [2], { reduction: "sum" });
    gradientCheck(ctcOfLogits, logits, { label: "ctc" });
    // torch's convention: the gradient reported for log_probs is exp(log_probs) − γ, which is the
    // gradient of the logits; the plain derivative with respect to log_probs is −γ.
    const logProbs = tf.tidy(() => tf.logSoftmax(tf.tensor(logits)));
    expect(() => gradientCheck((lp) => ctcLoss(lp, [[1, 2]], [3], [2], { reduction: "sum" }), logProbs)).toThrow(
      /the gradient at flat index 0 is -0\.06\d*, finite differences give -0\.40\d*/,
    );
    logProbs.dispose();
  });

  it("catches a wrong hand-written gradient, naming the entry", () => {
    // x² with the gradient x (half the truth), as tf.customGrad makes it easy to write.
    const wrongSquare = tf.customGrad((...args: unknown[]) => {
      const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
      save([x]);
      return { value: tf.sum(tf.square(x)), gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(dy, saved) };
    });
    expect(() => gradientCheck((x) => wrongSquare(x), [1, 3], { label: "square" })).toThrow(
      /square: the gradient at flat index 0 is 1, finite differences give (2|1\.99\d*|2\.00\d*) /,
    );
  });

  it("refuses a function that does not return one number", () => {
    expect(() => gradientCheck((x) => tf.square(x), [1, 2])).toThrow(
      /gradientCheck: f must return a scalar \(0-d\) tensor, got shape \[2\]/,
    );
  });

  it("leaves no tensor behind, also when it throws", () => {
    const before = tf.memory().numTensors;
    gradientCheck((x) => mseLoss(x, [0, 1]), [0.5, 2]);
    expect(() => gradientCheck((x) => tf.square(x), [1, 2])).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    const x = tf.tensor([0.5, 2]);
    gradientCheck((t) => mseLoss(t, [0, 1]), x);
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });
});
