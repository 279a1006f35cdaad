// Properties of sigmoidFocalLoss, on seeded random logits and targets.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binaryCrossEntropyWithLogits, sigmoidFocalLoss } from "../../src/losses/binary";
import { expectAllClose, expectClose } from "../support";
import { RUNS, float32, scalarOf, size, valuesOf, vectorOf } from "./support";

const bitsOf = (n: number) => fc.array(fc.constantFrom(0, 1), { minLength: n, maxLength: n });
const logitsAndBits = size.chain((n) => fc.tuple(vectorOf(n, -20, 20), bitsOf(n)));
const logitsAndSoft = size.chain((n) => fc.tuple(vectorOf(n, -20, 20), vectorOf(n, 0, 1)));

describe("sigmoidFocalLoss", () => {
  it("with γ = 0 and α < 0 is binaryCrossEntropyWithLogits, for soft targets too", () => {
    fc.assert(
      fc.property(logitsAndSoft, ([x, y]) => {
        const bce = valuesOf(binaryCrossEntropyWithLogits(x, y, { reduction: "none" }));
        expectAllClose(valuesOf(sigmoidFocalLoss(x, y, { alpha: -1, gamma: 0 })), bce);
      }),
      RUNS,
    );
  });

  it("lies between 0 and αₜ · BCE for hard targets and γ ≥ 0, and sums to mean · N", () => {
    fc.assert(
      fc.property(logitsAndBits, float32(0, 1), float32(0, 5), ([x, y], alpha, gamma) => {
        const focal = valuesOf(sigmoidFocalLoss(x, y, { alpha, gamma }));
        const bce = valuesOf(binaryCrossEntropyWithLogits(x, y, { reduction: "none" }));
        focal.forEach((f, i) => {
          const weight = y[i] === 1 ? alpha : 1 - alpha;
          expect(f).toBeGreaterThanOrEqual(0);
          expect(f).toBeLessThanOrEqual(weight * bce[i] * (1 + 1e-5) + 1e-6);
        });
        const sum = scalarOf(sigmoidFocalLoss(x, y, { alpha, gamma, reduction: "sum" }));
        expectClose(scalarOf(sigmoidFocalLoss(x, y, { alpha, gamma, reduction: "mean" })) * x.length, sum);
      }),
      RUNS,
    );
  });
});
