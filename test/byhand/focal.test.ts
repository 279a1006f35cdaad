import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { binaryCrossEntropyWithLogits, sigmoidFocalLoss, sigmoidFocalLossGrad } from "../../src/byhand";
import { sigmoidFocalLoss as sigmoidFocalLossTensor } from "../../src/losses/binary";
import { expectClose, numericGradient } from "./finiteDifference";

const logits = [2, -1, 0.5, -3, 0.25];
const target = [1, 0, 0, 1, 0.3];

describe("byhand.sigmoidFocalLoss", () => {
  it("is α (1 − p)^γ log(1/p) for a positive: at z = 0, 0.25 · 0.25 · log 2", () => {
    expect(sigmoidFocalLoss([0], [1])[0]).toBeCloseTo(0.25 * 0.25 * Math.LN2, 15);
    expect(sigmoidFocalLoss([0, 0], [1, 0], { reduction: "sum" })).toBeCloseTo(0.25 * Math.LN2, 15);
  });

  it("with γ = 0 and α < 0 is binary cross-entropy on logits", () => {
    expectClose(
      sigmoidFocalLoss(logits, target, { alpha: -1, gamma: 0 }),
      binaryCrossEntropyWithLogits(logits, target, { reduction: "none" }),
      1e-14,
    );
  });

  it("has the gradient of finite differences, for several α and γ", () => {
    for (const options of [{}, { alpha: 0.5, gamma: 0.5 }, { alpha: -1, gamma: 3 }, { gamma: 0 }]) {
      const f = (z: number[]) => sigmoidFocalLoss(z, target, { ...options, reduction: "mean" });
      expectClose(
        sigmoidFocalLossGrad(logits, target, { ...options, reduction: "mean" }),
        numericGradient(f, logits),
        1e-7,
      );
    }
  });

  it("agrees with the tensor sigmoidFocalLoss, value and gradient", () => {
    const options = { alpha: 0.4, gamma: 1.5 };
    const loss = sigmoidFocalLossTensor(logits, target, options);
    const x = tf.tensor(logits);
    const grad = tf.grad((z: tf.Tensor) => tf.sum(sigmoidFocalLossTensor(z, target, options)))(x);
    expectClose(Array.from(loss.dataSync()), sigmoidFocalLoss(logits, target, options), 1e-5);
    expectClose(Array.from(grad.dataSync()), sigmoidFocalLossGrad(logits, target, options), 1e-5);
    tf.dispose([loss, x, grad]);
  });

  it("refuses lists of different lengths and a negative γ", () => {
    expect(() => sigmoidFocalLoss([1, 2], [1])).toThrow(
      "byhand.sigmoidFocalLoss: target: expected length 2 (the length of logits), got 1",
    );
    expect(() => sigmoidFocalLossGrad([1], [1], { gamma: -1 })).toThrow(
      "byhand.sigmoidFocalLossGrad: gamma: expected a number ≥ 0, got -1",
    );
  });
});
