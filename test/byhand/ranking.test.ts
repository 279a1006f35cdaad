import { describe, expect, it } from "vitest";
import { contrastive, contrastiveGrad, marginRanking, marginRankingGrad } from "../../src/byhand";
import { expectClose, flatten, numericGradient, unflatten } from "./finiteDifference";

describe("byhand.marginRanking", () => {
  const input1 = [1, 2, 3];
  const input2 = [2, 2, 1];
  const target = [1, -1, 1];

  it("is max(0, −y(x1 − x2) + margin)", () => {
    // margin 0: −1·(1−2) = 1; −(−1)·0 = 0; −1·(3−1) = −2 → 0.  Mean 1/3.
    expect(marginRanking(input1, input2, target, { reduction: "none" })).toEqual([1, 0, 0]);
    expect(marginRanking(input1, input2, target)).toBeCloseTo(1 / 3, 15);
    // margin 1: 2; 1; −2 + 1 = −1 → 0.  Sum 3.
    expect(marginRanking(input1, input2, target, { margin: 1, reduction: "sum" })).toBe(3);
  });

  it("has gradient ∓y/n on the pairs inside the margin, 0 elsewhere", () => {
    // margin 1: pairs 0 and 1 active.
    const grad = marginRankingGrad(input1, input2, target, { margin: 1 });
    expectClose(grad.input1, [-1 / 3, 1 / 3, 0], 1e-15);
    expectClose(grad.input2, [1 / 3, -1 / 3, 0], 1e-15);
  });

  it("matches finite differences in both inputs", () => {
    const x1 = [0.3, -1.2, 2, 0.7];
    const x2 = [0.9, 0.4, 1.1, -0.2];
    const y = [1, -1, -1, 1];
    const options = { margin: 0.5 };
    const grad = marginRankingGrad(x1, x2, y, options);
    expectClose(grad.input1, numericGradient((a) => marginRanking(a, x2, y, options), x1));
    expectClose(grad.input2, numericGradient((b) => marginRanking(x1, b, y, options), x2));
  });

  it("rejects lists of different lengths", () => {
    expect(() => marginRanking([1, 2], [1], [1, 1])).toThrow(
      "byhand.marginRanking: input2: expected length 2 (the length of input1), got 1",
    );
    expect(() => marginRankingGrad([1, 2], [1, 2], [1])).toThrow("byhand.marginRankingGrad: target: expected length 2");
  });
});

describe("byhand.contrastive", () => {
  it("pulls similar pairs (label 0) by d² and pushes dissimilar ones (label 1) by max(margin − d, 0)²", () => {
    // d = ‖[0, 0] − [3, 4]‖ = 5 (the ε = 1e-6 shifts it by about 1.4e-6).
    expect(contrastive([[0, 0]], [[3, 4]], [0])).toBeCloseTo(25, 4);
    expect(contrastive([[0, 0]], [[3, 4]], [1])).toBe(0);
    expect(contrastive([[0, 0]], [[3, 4]], [1], { margin: 6 })).toBeCloseTo(1, 4);
    // Mean of 25 and 1, and their sum.
    const x1 = [[0, 0], [0, 0]];
    const x2 = [[3, 4], [3, 4]];
    expect(contrastive(x1, x2, [0, 1], { margin: 6 })).toBeCloseTo(13, 4);
    expect(contrastive(x1, x2, [0, 1], { margin: 6, reduction: "sum" })).toBeCloseTo(26, 4);
  });

  it("has gradient (∂ℓ/∂d) (x1 − x2)/d, and its negative for x2", () => {
    // label 0: ∂ℓ/∂d = 2d, so ∂ℓ/∂x1 = 2 (x1 − x2) = [−6, −8].
    const grad = contrastiveGrad([[0, 0]], [[3, 4]], [0]);
    expectClose(grad.x1[0], [-6, -8], 1e-5);
    expectClose(grad.x2[0], [6, 8], 1e-5);
  });

  it("matches finite differences in both embeddings", () => {
    const x1 = [[0.2, -0.4, 1.1], [1, 0.5, -0.3], [0.1, 0.1, 0.2]];
    const x2 = [[0.5, 0.3, 0.9], [-0.8, 0.2, 0.4], [0.3, -0.2, 0.1]];
    const label = [0, 1, 1];
    const options = { margin: 1.5 };
    const grad = contrastiveGrad(x1, x2, label, options);
    const byX1 = numericGradient((flat) => contrastive(unflatten(flat, 3), x2, label, options), flatten(x1));
    const byX2 = numericGradient((flat) => contrastive(x1, unflatten(flat, 3), label, options), flatten(x2));
    expectClose(flatten(grad.x1), byX1);
    expectClose(flatten(grad.x2), byX2);
  });

  it("stays finite when the two embeddings coincide", () => {
    const grad = contrastiveGrad([[1, 2]], [[1, 2]], [1]);
    expect(flatten(grad.x1).every(Number.isFinite)).toBe(true);
  });

  it("rejects pairs of different counts or dimensions", () => {
    expect(() => contrastive([[1, 2]], [[1, 2], [3, 4]], [0])).toThrow(
      "byhand.contrastive: x2: expected length 1 (the length of x1), got 2",
    );
    expect(() => contrastive([[1, 2]], [[1]], [0])).toThrow(
      "byhand.contrastive: x2[0]: expected length 2 (the length of x1[0]), got 1",
    );
  });
});
