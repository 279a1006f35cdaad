import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { policyGradientLoss } from "../../src/losses/policy";
import { expectGradients, expectLossInputError, expectNoLeak, expectTensor } from "../support";

// Values marked "torch:" come from PyTorch 2.13 in float64: policy_gradient_loss of
// test/fixtures/generate.py (log_softmax, gather, the advantage detached), gradients of out.sum().

const logits = [
  [1, 0, -1],
  [0.5, 0.5, 2],
];
const actions = [0, 2];
const returns = [2, -1];

describe("policyGradientLoss", () => {
  it("by hand: two equally likely actions, return 2: ℓ = −2 log(1/2), gradient 2 (π − onehot)", () => {
    expectTensor(policyGradientLoss([[0, 0]], [1], [2], { reduction: "none" }), [2 * Math.LN2]);
    expectGradients((x) => policyGradientLoss(x, [1], [2]), [[[0, 0]]], [[[1, -1]]]);
    // Entropy of the uniform policy over 2 actions is log 2: β = 0.5 takes 0.5 log 2 off.
    expectTensor(policyGradientLoss([[0, 0]], [1], [2], { entropyCoefficient: 0.5 }), 1.5 * Math.LN2);
    // A baseline equal to the return leaves only the entropy term.
    expectTensor(policyGradientLoss([[0, 0]], [1], [2], { baseline: 2, entropyCoefficient: 1 }), -Math.LN2);
  });

  it("matches torch, with and without a baseline and an entropy bonus", () => {
    // torch: policy_gradient_loss(logits, actions, returns)
    expectTensor(policyGradientLoss(logits, actions, returns), 0.22311539674372274);
    expectGradients(
      (x) => policyGradientLoss(x, actions, returns),
      [logits],
      [
        [
          [-0.3347590442251782, 0.24472847105479764, 0.09003057317038043],
          [-0.07714038649094311, -0.07714038649094311, 0.1542807729818862],
        ],
      ],
    );
    // torch: baseline=0.5, entropy_coefficient=0.1, reduction="none"
    const options = { baseline: 0.5, entropyCoefficient: 0.1, reduction: "none" as const };
    expectTensor(policyGradientLoss(logits, actions, returns, options), [0.5281693884825768, -0.6366540485366704]);
    expectGradients(
      (x) => policyGradientLoss(x, actions, returns, options),
      [logits],
      [
        [
          [-0.4738798212298231, 0.3530156708352335, 0.12086415039458946],
          [-0.24742250834654575, -0.24742250834654575, 0.49484501669309144],
        ],
      ],
    );
    expectTensor(
      policyGradientLoss(logits, actions, returns, { ...options, baseline: [0.5, 0.5] }),
      [0.5281693884825768, -0.6366540485366704],
    );
  });

  it("passes no gradient to the returns or a baseline tensor", () => {
    const [r, b] = [tf.tensor(returns), tf.tensor([0.5, -0.5])];
    const grads = tf.grads((ret: tf.Tensor, base: tf.Tensor) =>
      policyGradientLoss(logits, actions, ret, { baseline: base }),
    )([r, b]);
    expect(grads.map((g) => Array.from(g.dataSync()))).toEqual([
      [0, 0],
      [0, 0],
    ]);
    tf.dispose([r, b, ...grads]);
  });

  it("refuses actions out of range, wrong shapes, non-finite options and unknown ones", () => {
    const fn = "policyGradientLoss";
    expectLossInputError(
      () => policyGradientLoss(logits, [0, 3], returns),
      fn,
      "actions",
      /class index 3 .* out of bounds/,
    );
    expectLossInputError(() => policyGradientLoss(logits, [0], returns), fn, "actions", /expected shape \[2\]/);
    expectLossInputError(() => policyGradientLoss(logits, actions, [1, 2, 3]), fn, "returns", /expected shape \[2\]/);
    expectLossInputError(
      () => policyGradientLoss(logits, actions, returns, { baseline: [1] }),
      fn,
      "baseline",
      /\[2\]/,
    );
    expectLossInputError(
      () => policyGradientLoss(logits, actions, returns, { baseline: NaN }),
      fn,
      "baseline",
      /finite/,
    );
    expectLossInputError(() => policyGradientLoss([1, 2], [0], [1]), fn, "logits", /rank 2/);
    const floatActions = tf.tensor(actions);
    expectLossInputError(() => policyGradientLoss(logits, floatActions, returns), fn, "actions", /int32/);
    floatActions.dispose();
    expectLossInputError(
      () => policyGradientLoss(logits, actions, returns, { entropyCoefficient: Infinity }),
      fn,
      "entropyCoefficient",
      /finite/,
    );
    expectLossInputError(
      () => policyGradientLoss(logits, actions, returns, { beta: 1 } as object),
      fn,
      "options.beta",
      /unknown option/,
    );
  });

  it("leaves no tensor behind, on success and on error", () => {
    const options = { baseline: [0.5, 1], entropyCoefficient: 0.1 };
    expectNoLeak(
      () => policyGradientLoss(logits, actions, returns, options),
      () => policyGradientLoss(logits, [0, 9], returns),
    );
  });
});
