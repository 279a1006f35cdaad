import { describe, expect, it } from "vitest";
import {
  huberLoss,
  huberLossGrad,
  l1Loss,
  l1LossGrad,
  mseLoss,
  mseLossGrad,
  smoothL1Loss,
  smoothL1LossGrad,
} from "../../src/byhand";
import { expectClose, numericGradient } from "./finiteDifference";

const prediction = [2, 3, 4, 5];
const target = [4, 5, 6, 7];
// Errors x − y are away from every kink (0, ±β, ±δ) so finite differences see a smooth function.
const x = [0.3, -1.7, 2.4, -0.05, 0.6];
const y = [0.1, 0.2, -0.4, 0.5, 1.0];

describe("byhand.l1Loss", () => {
  it("averages absolute errors", () => {
    // Every error is 2 − 4 = −2, so each |error| is 2: mean 2, sum 8.
    expect(l1Loss(prediction, target)).toBe(2);
    expect(l1Loss(prediction, target, { reduction: "sum" })).toBe(8);
    expect(l1Loss(prediction, target, { reduction: "none" })).toEqual([2, 2, 2, 2]);
  });

  it("has gradient sign(x − y)/n, 0 where x = y", () => {
    // sign(−2) / 4 = −0.25
    expect(l1LossGrad(prediction, target)).toEqual([-0.25, -0.25, -0.25, -0.25]);
    expect(l1LossGrad([1, 3], [1, 2], { reduction: "sum" })).toEqual([0, 1]);
  });

  it("matches central finite differences", () => {
    expectClose(
      l1LossGrad(x, y),
      numericGradient((p) => l1Loss(p, y), x),
    );
    expectClose(
      l1LossGrad(x, y, { reduction: "sum" }),
      numericGradient((p) => l1Loss(p, y, { reduction: "sum" }), x),
    );
  });
});

describe("byhand.mseLoss", () => {
  it("averages squared errors", () => {
    // Every squared error is (−2)² = 4: mean 4, sum 16.
    expect(mseLoss(prediction, target)).toBe(4);
    expect(mseLoss(prediction, target, { reduction: "sum" })).toBe(16);
    expect(mseLoss(prediction, target, { reduction: "none" })).toEqual([4, 4, 4, 4]);
  });

  it("has gradient 2(x − y)/n", () => {
    // 2 · (−2) / 4 = −1
    expect(mseLossGrad(prediction, target)).toEqual([-1, -1, -1, -1]);
    expectClose(
      mseLossGrad(x, y),
      numericGradient((p) => mseLoss(p, y), x),
    );
    expectClose(
      mseLossGrad(x, y, { reduction: "sum" }),
      numericGradient((p) => mseLoss(p, y, { reduction: "sum" }), x),
    );
  });

  it("is NaN on empty input, as a mean of nothing", () => {
    expect(mseLoss([], [])).toBeNaN();
    expect(mseLoss([], [], { reduction: "sum" })).toBe(0);
  });
});

describe("byhand.smoothL1Loss", () => {
  const errors = [0, 0.5, 3];
  const zeros = [0, 0, 0];

  it("is quadratic below β and linear above", () => {
    // β = 1: 0 → 0; 0.5 → 0.5 · 0.25 / 1 = 0.125; 3 → 3 − 0.5 = 2.5. Mean 2.625 / 3 = 0.875.
    expect(smoothL1Loss(errors, zeros, { reduction: "none" })).toEqual([0, 0.125, 2.5]);
    expect(smoothL1Loss(errors, zeros)).toBeCloseTo(0.875, 15);
    // β = 2: 0.5 → 0.5 · 0.25 / 2 = 0.0625; 3 → 3 − 1 = 2.
    expect(smoothL1Loss(errors, zeros, { beta: 2, reduction: "none" })).toEqual([0, 0.0625, 2]);
  });

  it("is l1Loss when β = 0", () => {
    expect(smoothL1Loss(x, y, { beta: 0, reduction: "none" })).toEqual(l1Loss(x, y, { reduction: "none" }));
    expect(smoothL1LossGrad(x, y, { beta: 0 })).toEqual(l1LossGrad(x, y));
  });

  it("has gradient (x − y)/β inside, sign(x − y) outside, over n", () => {
    // β = 1: [0, 0.5, 1] / 3
    expectClose(smoothL1LossGrad(errors, zeros), [0, 0.5 / 3, 1 / 3], 1e-15);
    for (const beta of [0.3, 1, 2.5]) {
      expectClose(
        smoothL1LossGrad(x, y, { beta }),
        numericGradient((p) => smoothL1Loss(p, y, { beta }), x),
      );
    }
  });

  it("rejects a negative β", () => {
    expect(() => smoothL1Loss(x, y, { beta: -1 })).toThrow("byhand.smoothL1Loss: beta: expected a number ≥ 0, got -1");
  });
});

describe("byhand.huberLoss", () => {
  const errors = [0, 0.5, 3];
  const zeros = [0, 0, 0];

  it("is quadratic below δ and linear with slope δ above", () => {
    // δ = 1: 0.5 → 0.125; 3 → 1 · (3 − 0.5) = 2.5.  δ = 2: 0.5 → 0.125; 3 → 2 · (3 − 1) = 4.
    expect(huberLoss(errors, zeros, { reduction: "none" })).toEqual([0, 0.125, 2.5]);
    expect(huberLoss(errors, zeros, { delta: 2, reduction: "none" })).toEqual([0, 0.125, 4]);
    expect(huberLoss(errors, zeros, { delta: 2, reduction: "sum" })).toBe(4.125);
  });

  it("has gradient (x − y) clipped to ±δ, over n", () => {
    // δ = 2: [0, 0.5, 2] / 3
    expectClose(huberLossGrad(errors, zeros, { delta: 2 }), [0, 0.5 / 3, 2 / 3], 1e-15);
    for (const delta of [0.3, 1, 2.5]) {
      expectClose(
        huberLossGrad(x, y, { delta }),
        numericGradient((p) => huberLoss(p, y, { delta }), x),
      );
    }
  });

  it("rejects δ ≤ 0", () => {
    expect(() => huberLoss(x, y, { delta: 0 })).toThrow("byhand.huberLoss: delta: expected a number > 0, got 0");
  });
});

describe("byhand regression input checks", () => {
  it("names the function and both lengths on a mismatch", () => {
    expect(() => mseLoss([1, 2, 3, 4], [1, 2, 3])).toThrow(
      "byhand.mseLoss: target: expected length 4 (the length of prediction), got 3",
    );
    expect(() => l1LossGrad([1], [1, 2])).toThrow("byhand.l1LossGrad: target: expected length 1");
  });

  it("rejects an unknown reduction", () => {
    expect(() => l1Loss([1], [2], { reduction: "batchmean" as "sum" })).toThrow(
      'byhand.l1Loss: reduction: expected one of "none", "mean", "sum", got "batchmean"',
    );
    expect(() => mseLossGrad([1], [2], { reduction: "none" as "sum" })).toThrow(
      'byhand.mseLossGrad: reduction: expected one of "mean", "sum", got "none"',
    );
  });
});
