// Properties of policyGradientLoss, on seeded random logits, actions and returns.
import * as tf from "@tensorflow/tfjs-core";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { policyGradientLoss } from "../../src/losses/policy";
import { expectAllClose } from "../support";
import { RUNS, float32, gradientsOf, logitsAndClasses, valuesOf, vectorOf } from "./support";

const batch = logitsAndClasses.chain(([logits, actions]) =>
  fc.tuple(fc.constant(logits), fc.constant(actions), vectorOf(actions.length, -5, 5)),
);

describe("policyGradientLoss", () => {
  it("is linear in the advantage: ℓ(R, b) = ℓ(R, 0) + b · log π(a) per sample", () => {
    fc.assert(
      fc.property(batch, float32(-3, 3), ([logits, actions, returns], b) => {
        const logPolicy = tf.tidy(() => tf.logSoftmax(tf.tensor(logits)).arraySync() as number[][]);
        const plain = valuesOf(policyGradientLoss(logits, actions, returns, { reduction: "none" }));
        const expected = plain.map((l, i) => l + b * logPolicy[i][actions[i]]);
        expectAllClose(
          valuesOf(policyGradientLoss(logits, actions, returns, { baseline: b, reduction: "none" })),
          expected,
          {
            atol: 1e-4,
            rtol: 1e-4,
          },
        );
      }),
      RUNS,
    );
  });

  it("moves no logit when the advantage is 0 and β = 0, and each row's gradient sums to 0", () => {
    fc.assert(
      fc.property(batch, float32(0, 1), ([logits, actions, returns], beta) => {
        const [still] = gradientsOf((x) => policyGradientLoss(x, actions, returns, { baseline: returns }), logits);
        expect(still.every((g) => g === 0)).toBe(true);
        const [grad] = gradientsOf(
          (x) => policyGradientLoss(x, actions, returns, { entropyCoefficient: beta }),
          logits,
        );
        const width = logits[0].length;
        for (let i = 0; i < logits.length; i++) {
          const rowSum = grad.slice(i * width, (i + 1) * width).reduce((a, b) => a + b, 0);
          expect(Math.abs(rowSum)).toBeLessThan(1e-5);
        }
      }),
      RUNS,
    );
  });
});
