import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { policyGradientLoss, policyGradientLossGrad } from "../../src/byhand";
import { policyGradientLoss as policyGradientLossTensor } from "../../src/losses/policy";
import { expectClose, flatten, numericGradient, unflatten } from "./finiteDifference";

const logits = [
  [1, 0, -1],
  [0.5, 0.5, 2],
  [-0.3, 1.2, 0.1],
];
const actions = [0, 2, 1];
const returns = [2, -1, 0.5];

describe("byhand.policyGradientLoss", () => {
  it("is −R log π(a) − β H: two equal logits, return 2, β = 1: 2 log 2 − log 2", () => {
    expect(policyGradientLoss([[0, 0]], [1], [2], { entropyCoefficient: 1 })).toBeCloseTo(Math.LN2, 15);
    expect(policyGradientLoss([[0, 0]], [1], [2], { baseline: 2, reduction: "none" })[0] === 0).toBe(true);
  });

  it("has the gradient of finite differences, with a baseline and an entropy bonus", () => {
    for (const options of [
      {},
      { baseline: 0.5, entropyCoefficient: 0.1 },
      { baseline: [1, 0, -1], entropyCoefficient: 2 },
    ]) {
      const f = (flat: number[]) => policyGradientLoss(unflatten(flat, 3), actions, returns, options);
      expectClose(
        flatten(policyGradientLossGrad(logits, actions, returns, options)),
        numericGradient(f, flatten(logits)),
        1e-7,
      );
    }
  });

  it("agrees with the tensor policyGradientLoss, value and gradient", () => {
    const options = { baseline: [1, 0, -1], entropyCoefficient: 0.3 };
    const loss = policyGradientLossTensor(logits, actions, returns, options);
    const x = tf.tensor(logits);
    const grad = tf.grad((z: tf.Tensor) => policyGradientLossTensor(z, actions, returns, options))(x);
    expectClose([loss.dataSync()[0]], [policyGradientLoss(logits, actions, returns, options)], 1e-5);
    expectClose(Array.from(grad.dataSync()), flatten(policyGradientLossGrad(logits, actions, returns, options)), 1e-5);
    tf.dispose([loss, x, grad]);
  });

  it("refuses an action that is not a class index and lists of different lengths", () => {
    expect(() => policyGradientLoss(logits, [0, 3, 1], returns)).toThrow(
      "byhand.policyGradientLoss: actions: expected a class index in [0, 2], got 3",
    );
    expect(() => policyGradientLossGrad(logits, actions, [1])).toThrow(
      "byhand.policyGradientLossGrad: returns: expected length 3",
    );
  });
});
