// Properties of the weighted sum of losses and of the weight penalties.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TensorLike } from "../../src/core/tensor";
import { l1Penalty, l2Penalty, weightedSum } from "../../src/losses/composite";
import { RUNS, float32, gradientsOf, scalarOf, size, vectorOf } from "./support";
import { expectAllClose, expectClose } from "../support";

/**
 * A weight in sixteenths from −5 to 5, zero included: exact in float32, and never subnormal (the
 * wasm backend flushes subnormals to zero, so sign(1e-45) is 0 there).
 */
const weight = fc.integer({ min: -80, max: 80 }).map((i) => i / 16);
const weightsOf = (n: number) => fc.array(weight, { minLength: n, maxLength: n });
/** Two weight tensors of random shapes, [n, m] and [k]. */
const weightLists = fc
  .tuple(size, size, size)
  .chain(([n, m, k]) => fc.tuple(fc.array(weightsOf(m), { minLength: n, maxLength: n }), weightsOf(k)));
const coefficient = float32(0, 2);

describe("weightedSum", () => {
  it("is Σ wₖ Lₖ, and passes each loss the gradient wₖ", () => {
    fc.assert(
      fc.property(vectorOf(3, -10, 10), vectorOf(3, 0, 5), (losses, weights) => {
        const terms = (values: TensorLike[]) =>
          Object.fromEntries(values.map((loss, k) => [`task${k}`, { loss, weight: weights[k] }]));
        expectClose(
          scalarOf(weightedSum(terms(losses))),
          losses.reduce((s, l, k) => s + weights[k] * l, 0),
        );
        const grads = gradientsOf((a, b, c) => weightedSum(terms([a, b, c])), ...losses);
        expectAllClose(grads.flat(), weights);
      }),
      RUNS,
    );
  });
});

describe("l1Penalty and l2Penalty", () => {
  it("are ≥ 0, 0 at zero weights, and λ Σ|W| and λ ΣW² with gradients λ sign(W) and 2λW", () => {
    fc.assert(
      fc.property(weightLists, coefficient, ([w1, w2], lambda) => {
        const flat = [...w1.flat(), ...w2];
        const l1 = scalarOf(l1Penalty([w1, w2], { coefficient: lambda }));
        const l2 = scalarOf(l2Penalty([w1, w2], { coefficient: lambda }));
        expect(l1).toBeGreaterThanOrEqual(0);
        expect(l2).toBeGreaterThanOrEqual(0);
        expectClose(l1, lambda * flat.reduce((s, w) => s + Math.abs(w), 0));
        expectClose(l2, lambda * flat.reduce((s, w) => s + w * w, 0));
        expect(scalarOf(l2Penalty([w1.map((row) => row.map(() => 0))], { coefficient: lambda }))).toBe(0);
        const l1Grads = gradientsOf((a, b) => l1Penalty([a, b], { coefficient: lambda }), w1, w2);
        const l2Grads = gradientsOf((a, b) => l2Penalty([a, b], { coefficient: lambda }), w1, w2);
        expectAllClose(
          l1Grads.flat(),
          flat.map((w) => lambda * Math.sign(w)),
        );
        expectAllClose(
          l2Grads.flat(),
          flat.map((w) => 2 * lambda * w),
        );
      }),
      RUNS,
    );
  });
});
