import { describe, expect, it } from "vitest";
import { huber, huberGrad, l1, l1Grad, mse, mseGrad, smoothL1, smoothL1Grad } from "../../src/byhand";
import { expectClose, numericGradient } from "./finiteDifference";

const prediction = [2, 3, 4, 5];
const target = [4, 5, 6, 7];
// Errors x − y are away from every kink (0, ±β, ±δ) so finite differences see a smooth function.
const x = [0.3, -1.7, 2.4, -0.05, 0.6];
const y = [0.1, 0.2, -0.4, 0.5, 1.0];

describe("byhand.l1", () => {
  it("averages absolute errors", () => {
    // Every error is 2 − 4 = −2, so each |error| is 2: mean 2, sum 8.
    expect(l1(prediction, target)).toBe(2);
    expect(l1(prediction, target, { reduction: "sum" })).toBe(8);
    expect(l1(prediction, target, { reduction: "none" })).toEqual([2, 2, 2, 2]);
  });

  it("has gradient sign(x − y)/n, 0 where x = y", () => {
    // sign(−2) / 4 = −0.25
    expect(l1Grad(prediction, target)).toEqual([-0.25, -0.25, -0.25, -0.25]);
    expect(l1Grad([1, 3], [1, 2], { reduction: "sum" })).toEqual([0, 1]);
  });

  it("matches central finite differences", () => {
    expectClose(l1Grad(x, y), numericGradient((p) => l1(p, y), x));
    expectClose(l1Grad(x, y, { reduction: "sum" }), numericGradient((p) => l1(p, y, { reduction: "sum" }), x));
  });
});

describe("byhand.mse", () => {
  it("averages squared errors", () => {
    // Every squared error is (−2)² = 4: mean 4, sum 16.
    expect(mse(prediction, target)).toBe(4);
    expect(mse(prediction, target, { reduction: "sum" })).toBe(16);
    expect(mse(prediction, target, { reduction: "none" })).toEqual([4, 4, 4, 4]);
  });

  it("has gradient 2(x − y)/n", () => {
    // 2 · (−2) / 4 = −1
    expect(mseGrad(prediction, target)).toEqual([-1, -1, -1, -1]);
    expectClose(mseGrad(x, y), numericGradient((p) => mse(p, y), x));
    expectClose(mseGrad(x, y, { reduction: "sum" }), numericGradient((p) => mse(p, y, { reduction: "sum" }), x));
  });

  it("is NaN on empty input, as a mean of nothing", () => {
    expect(mse([], [])).toBeNaN();
    expect(mse([], [], { reduction: "sum" })).toBe(0);
  });
});

describe("byhand.smoothL1", () => {
  const errors = [0, 0.5, 3];
  const zeros = [0, 0, 0];

  it("is quadratic below β and linear above", () => {
    // β = 1: 0 → 0; 0.5 → 0.5 · 0.25 / 1 = 0.125; 3 → 3 − 0.5 = 2.5. Mean 2.625 / 3 = 0.875.
    expect(smoothL1(errors, zeros, { reduction: "none" })).toEqual([0, 0.125, 2.5]);
    expect(smoothL1(errors, zeros)).toBeCloseTo(0.875, 15);
    // β = 2: 0.5 → 0.5 · 0.25 / 2 = 0.0625; 3 → 3 − 1 = 2.
    expect(smoothL1(errors, zeros, { beta: 2, reduction: "none" })).toEqual([0, 0.0625, 2]);
  });

  it("is l1 when β = 0", () => {
    expect(smoothL1(x, y, { beta: 0, reduction: "none" })).toEqual(l1(x, y, { reduction: "none" }));
    expect(smoothL1Grad(x, y, { beta: 0 })).toEqual(l1Grad(x, y));
  });

  it("has gradient (x − y)/β inside, sign(x − y) outside, over n", () => {
    // β = 1: [0, 0.5, 1] / 3
    expectClose(smoothL1Grad(errors, zeros), [0, 0.5 / 3, 1 / 3], 1e-15);
    for (const beta of [0.3, 1, 2.5]) {
      expectClose(smoothL1Grad(x, y, { beta }), numericGradient((p) => smoothL1(p, y, { beta }), x));
    }
  });

  it("rejects a negative β", () => {
    expect(() => smoothL1(x, y, { beta: -1 })).toThrow("byhand.smoothL1: beta: expected a number ≥ 0, got -1");
  });
});

describe("byhand.huber", () => {
  const errors = [0, 0.5, 3];
  const zeros = [0, 0, 0];

  it("is quadratic below δ and linear with slope δ above", () => {
    // δ = 1: 0.5 → 0.125; 3 → 1 · (3 − 0.5) = 2.5.  δ = 2: 0.5 → 0.125; 3 → 2 · (3 − 1) = 4.
    expect(huber(errors, zeros, { reduction: "none" })).toEqual([0, 0.125, 2.5]);
    expect(huber(errors, zeros, { delta: 2, reduction: "none" })).toEqual([0, 0.125, 4]);
    expect(huber(errors, zeros, { delta: 2, reduction: "sum" })).toBe(4.125);
  });

  it("has gradient (x − y) clipped to ±δ, over n", () => {
    // δ = 2: [0, 0.5, 2] / 3
    expectClose(huberGrad(errors, zeros, { delta: 2 }), [0, 0.5 / 3, 2 / 3], 1e-15);
    for (const delta of [0.3, 1, 2.5]) {
      expectClose(huberGrad(x, y, { delta }), numericGradient((p) => huber(p, y, { delta }), x));
    }
  });

  it("rejects δ ≤ 0", () => {
    expect(() => huber(x, y, { delta: 0 })).toThrow("byhand.huber: delta: expected a number > 0, got 0");
  });
});

describe("byhand regression input checks", () => {
  it("names the function and both lengths on a mismatch", () => {
    expect(() => mse([1, 2, 3, 4], [1, 2, 3])).toThrow(
      "byhand.mse: target: expected length 4 (the length of prediction), got 3",
    );
    expect(() => l1Grad([1], [1, 2])).toThrow("byhand.l1Grad: target: expected length 1");
  });

  it("rejects an unknown reduction", () => {
    expect(() => l1([1], [2], { reduction: "batchmean" as "sum" })).toThrow(
      'byhand.l1: reduction: expected one of "none", "mean", "sum", got "batchmean"',
    );
    expect(() => mseGrad([1], [2], { reduction: "none" as "sum" })).toThrow(
      'byhand.mseGrad: reduction: expected one of "mean", "sum", got "none"',
    );
  });
});
