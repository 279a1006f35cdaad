import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { l1Penalty, l2Penalty, weightedSum } from "../../src/losses/composite";
import { hingeEmbeddingLoss } from "../../src/losses/embedding";
import { mseLoss } from "../../src/losses/regression";
import { expectGradients, expectLossInputError, expectNoLeak, expectTensor } from "../support";

// All values by hand, with the arithmetic beside them.

describe("weightedSum", () => {
  it("adds weighted scalar losses; a bare loss has weight 1", () => {
    // 0.5·2 + 1·3 = 4
    const [a, b] = [tf.scalar(2), tf.scalar(3)];
    expectTensor(weightedSum({ a: { loss: a, weight: 0.5 }, b }), 4);
    expectTensor(weightedSum({ a: { loss: a }, b: { loss: b, weight: 0 } }), 2);
    expectTensor(weightedSum({ only: { loss: 1.5, weight: 4 } }), 6); // numbers are accepted as 0-d losses
    expectTensor(weightedSum({ a: 1.5, b: { loss: a } }), 3.5);
    tf.dispose([a, b]);
  });

  it("passes each loss the gradient of its weight", () => {
    expectGradients(
      (a, b) => weightedSum({ a: { loss: a, weight: 0.5 }, b: { loss: b, weight: 3 } }),
      [2, 3],
      [0.5, 3],
    );
  });

  it("weights the gradients of real losses in a multi-task objective", () => {
    // L = 2·mse(x, y) + hinge(x, t) with x = [1, 3], y = [0, 1], t = [1, −1]:
    //   mse = ((1 − 0)² + (3 − 1)²)/2 = 2.5; hinge = (1 + max(0, 1 − 3))/2 = 0.5; L = 5.5
    //   ∂L/∂x = 2·(2(x − y)/2) + [1, 0]/2 = 2·[1, 2] + [0.5, 0] = [2.5, 4]
    const objective = (x: tf.Tensor) =>
      weightedSum({ regression: { loss: mseLoss(x, [0, 1]), weight: 2 }, ranking: hingeEmbeddingLoss(x, [1, -1]) });
    expectTensor(
      tf.tidy(() => objective(tf.tensor([1, 3]))),
      5.5,
    );
    expectGradients(objective, [[1, 3]], [[2.5, 4]]);
  });

  it("names the term that is wrong", () => {
    const fn = "weightedSum";
    const vector = tf.tensor([1, 2, 3]);
    expectLossInputError(() => weightedSum({}), fn, "terms", /at least one named loss, got none/);
    expectLossInputError(
      () => weightedSum({ box: vector }),
      fn,
      "terms.box.loss",
      /expected a scalar \(shape \[\]\), got shape \[3\]; reduce the loss/,
    );
    expectLossInputError(
      () => weightedSum({ box: { loss: 1, weight: -1 } }),
      fn,
      "terms.box.weight",
      /finite number ≥ 0, got -1/,
    );
    expectLossInputError(() => weightedSum({ a: 1, b: [1, 2] }), fn, "terms.b.loss", /scalar.*got shape \[2\]/);
    expectLossInputError(
      () => weightedSum({ a: 1, box: { loss: 1, weight: NaN } }),
      fn,
      "terms.box.weight",
      /got NaN$/,
    );
    expectLossInputError(
      () => weightedSum({ box: { loss: 1, weight: Infinity } }),
      fn,
      "terms.box.weight",
      /got Infinity$/,
    );
    vector.dispose();
  });

  it("leaves no tensor behind", () => {
    const [a, b] = [tf.scalar(2), tf.scalar(3)];
    expectNoLeak(
      () => weightedSum({ a, b: { loss: b, weight: 2 } }),
      () => weightedSum({ a: { loss: a, weight: -2 } }),
    );
    tf.dispose([a, b]);
  });
});

describe("l1Penalty and l2Penalty", () => {
  // W₁ = [1, −2], W₂ = [[3], [−4]]: Σ|w| = 1 + 2 + 3 + 4 = 10, Σw² = 1 + 4 + 9 + 16 = 30
  const weights = [
    [1, -2],
    [[3], [-4]],
  ];

  it("sum |w| and w² over every tensor, times the coefficient (default 1)", () => {
    expectTensor(l1Penalty(weights), 10);
    expectTensor(l1Penalty(weights, { coefficient: 0.1 }), 1);
    expectTensor(l2Penalty(weights), 30);
    expectTensor(l2Penalty(weights, { coefficient: 0.01 }), 0.3);
    expectTensor(l2Penalty(weights, { coefficient: 0 }), 0);
  });

  it("have gradients λ·sign(w) (0 at w = 0) and 2λ·w", () => {
    expectGradients((w) => l1Penalty([w], { coefficient: 0.5 }), [[0, -2, 3]], [[0, -0.5, 0.5]]);
    expectGradients((w, v) => l2Penalty([w, v], { coefficient: 0.5 }), [[0, -2, 3], [[4]]], [[0, -2, 3], [[4]]]);
  });

  it("give variables the gradient an optimizer's weight decay d adds (λ = d/2)", () => {
    // weight_decay = 0.2 adds 0.2·w to the gradient: [0.2, −0.4]
    const w = tf.variable(tf.tensor([1, -2]));
    const { grads, value } = tf.variableGrads(() => l2Penalty([w], { coefficient: 0.1 }) as tf.Scalar, [w]);
    expectTensor(value, 0.5); // 0.1·(1 + 4)
    expectTensor(grads[w.name], [0.2, -0.4]);
    w.dispose();
  });

  it("are 0 for an empty list or empty tensors, and accept integer tensors", () => {
    expectTensor(l1Penalty([]), 0);
    expectTensor(
      tf.tidy(() => l2Penalty([tf.zeros([0, 3]), [2]])),
      4,
    );
    expectTensor(
      tf.tidy(() => l1Penalty([tf.tensor([1, -3], undefined, "int32")])),
      4,
    );
  });

  it("refuse a bare tensor, a ragged entry and a bad coefficient", () => {
    const w = tf.tensor([1, 2]);
    expectLossInputError(
      () => l1Penalty(w as never),
      "l1Penalty",
      "weights",
      /array of weight tensors, got a tensor of shape \[2\]; wrap a single tensor as \[w\]/,
    );
    expectLossInputError(() => l2Penalty([w, [[1, 2], [3]]]), "l2Penalty", "weights[1]", /ragged/);
    expectLossInputError(
      () => l2Penalty([w], { coefficient: -0.1 }),
      "l2Penalty",
      "coefficient",
      /finite number ≥ 0, got -0.1/,
    );
    expectLossInputError(
      () => l1Penalty([w], { coefficient: "0.1" as never }),
      "l1Penalty",
      "coefficient",
      /got "0.1"/,
    );
    expectNoLeak(
      () => l1Penalty([w, w]),
      () => l2Penalty([w, [[1], [2, 3]]]),
    );
    expectNoLeak(() => l2Penalty([w]));
    expect(w.isDisposed).toBe(false);
    w.dispose();
  });
});
