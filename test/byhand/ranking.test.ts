import { describe, expect, it } from "vitest";
import {
  contrastiveLoss,
  contrastiveLossGrad,
  marginRankingLoss,
  marginRankingLossGrad,
  tripletMarginLoss,
  tripletMarginLossGrad,
} from "../../src/byhand";
import { expectClose, flatten, numericGradient, unflatten } from "./finiteDifference";

describe("byhand.marginRankingLoss", () => {
  const input1 = [1, 2, 3];
  const input2 = [2, 2, 1];
  const target = [1, -1, 1];

  it("is max(0, −y(x1 − x2) + margin)", () => {
    // margin 0: −1·(1−2) = 1; −(−1)·0 = 0; −1·(3−1) = −2 → 0.  Mean 1/3.
    expect(marginRankingLoss(input1, input2, target, { reduction: "none" })).toEqual([1, 0, 0]);
    expect(marginRankingLoss(input1, input2, target)).toBeCloseTo(1 / 3, 15);
    // margin 1: 2; 1; −2 + 1 = −1 → 0.  Sum 3.
    expect(marginRankingLoss(input1, input2, target, { margin: 1, reduction: "sum" })).toBe(3);
  });

  it("has gradient ∓y/n on the pairs inside the margin, 0 elsewhere", () => {
    // margin 1: pairs 0 and 1 active.
    const grad = marginRankingLossGrad(input1, input2, target, { margin: 1 });
    expectClose(grad.input1, [-1 / 3, 1 / 3, 0], 1e-15);
    expectClose(grad.input2, [1 / 3, -1 / 3, 0], 1e-15);
  });

  it("matches finite differences in both inputs", () => {
    const x1 = [0.3, -1.2, 2, 0.7];
    const x2 = [0.9, 0.4, 1.1, -0.2];
    const y = [1, -1, -1, 1];
    const options = { margin: 0.5 };
    const grad = marginRankingLossGrad(x1, x2, y, options);
    expectClose(
      grad.input1,
      numericGradient((a) => marginRankingLoss(a, x2, y, options), x1),
    );
    expectClose(
      grad.input2,
      numericGradient((b) => marginRankingLoss(x1, b, y, options), x2),
    );
  });

  it("rejects lists of different lengths", () => {
    expect(() => marginRankingLoss([1, 2], [1], [1, 1])).toThrow(
      "byhand.marginRankingLoss: input2: expected length 2 (the length of input1), got 1",
    );
    expect(() => marginRankingLossGrad([1, 2], [1, 2], [1])).toThrow(
      "byhand.marginRankingLossGrad: target: expected length 2",
    );
  });
});

describe("byhand.contrastiveLoss", () => {
  it("pulls similar pairs (label 0) by d² and pushes dissimilar ones (label 1) by max(margin − d, 0)²", () => {
    // d = ‖[0, 0] − [3, 4]‖ = 5 (the ε = 1e-6 shifts it by about 1.4e-6).
    expect(contrastiveLoss([[0, 0]], [[3, 4]], [0])).toBeCloseTo(25, 4);
    expect(contrastiveLoss([[0, 0]], [[3, 4]], [1])).toBe(0);
    expect(contrastiveLoss([[0, 0]], [[3, 4]], [1], { margin: 6 })).toBeCloseTo(1, 4);
    // Mean of 25 and 1, and their sum.
    const x1 = [
      [0, 0],
      [0, 0],
    ];
    const x2 = [
      [3, 4],
      [3, 4],
    ];
    expect(contrastiveLoss(x1, x2, [0, 1], { margin: 6 })).toBeCloseTo(13, 4);
    expect(contrastiveLoss(x1, x2, [0, 1], { margin: 6, reduction: "sum" })).toBeCloseTo(26, 4);
  });

  it("has gradient (∂ℓ/∂d) (x1 − x2)/d, and its negative for x2", () => {
    // label 0: ∂ℓ/∂d = 2d, so ∂ℓ/∂x1 = 2 (x1 − x2) = [−6, −8].
    const grad = contrastiveLossGrad([[0, 0]], [[3, 4]], [0]);
    expectClose(grad.x1[0], [-6, -8], 1e-5);
    expectClose(grad.x2[0], [6, 8], 1e-5);
  });

  it("matches finite differences in both embeddings", () => {
    const x1 = [
      [0.2, -0.4, 1.1],
      [1, 0.5, -0.3],
      [0.1, 0.1, 0.2],
    ];
    const x2 = [
      [0.5, 0.3, 0.9],
      [-0.8, 0.2, 0.4],
      [0.3, -0.2, 0.1],
    ];
    const label = [0, 1, 1];
    const options = { margin: 1.5 };
    const grad = contrastiveLossGrad(x1, x2, label, options);
    const byX1 = numericGradient((flat) => contrastiveLoss(unflatten(flat, 3), x2, label, options), flatten(x1));
    const byX2 = numericGradient((flat) => contrastiveLoss(x1, unflatten(flat, 3), label, options), flatten(x2));
    expectClose(flatten(grad.x1), byX1);
    expectClose(flatten(grad.x2), byX2);
  });

  it("stays finite when the two embeddings coincide", () => {
    const grad = contrastiveLossGrad([[1, 2]], [[1, 2]], [1]);
    expect(flatten(grad.x1).every(Number.isFinite)).toBe(true);
  });

  it("rejects pairs of different counts or dimensions", () => {
    expect(() =>
      contrastiveLoss(
        [[1, 2]],
        [
          [1, 2],
          [3, 4],
        ],
        [0],
      ),
    ).toThrow("byhand.contrastiveLoss: x2: expected length 1 (the length of x1), got 2");
    expect(() => contrastiveLoss([[1, 2]], [[1]], [0])).toThrow(
      "byhand.contrastiveLoss: x2[0]: expected length 2 (the length of x1[0]), got 1",
    );
  });
});

describe("byhand.tripletMarginLoss", () => {
  // Anchor at the origin, positive at (0.3, 0.4): d(a, p) = 0.5 (with ε = 0, to work on paper).
  const anchor = [
    [0, 0],
    [0, 0],
  ];
  const positive = [
    [0.3, 0.4],
    [0.3, 0.4],
  ];
  const negative = [
    [0.8, -0.6],
    [2, 0],
  ];
  const exact = { eps: 0 };

  it("is max(0, d(a, p) − d(a, n) + margin)", () => {
    // d(a, n) = 1 → 0.5 − 1 + 1 = 0.5;  d(a, n) = 2 → max(0, −0.5) = 0.  Mean 0.25.
    expectClose(tripletMarginLoss(anchor, positive, negative, { ...exact, reduction: "none" }), [0.5, 0], 1e-15);
    expect(tripletMarginLoss(anchor, positive, negative, exact)).toBeCloseTo(0.25, 15);
    // margin 2: 1.5 and 0.5, sum 2.
    expect(tripletMarginLoss(anchor, positive, negative, { ...exact, margin: 2, reduction: "sum" })).toBeCloseTo(2, 15);
    // p = 1: d₁(a, p) = 0.7, d₁(a, n) = 1.4 → 0.3.
    expectClose(tripletMarginLoss(anchor, positive, negative, { ...exact, p: 1, reduction: "none" }), [0.3, 0], 1e-15);
  });

  it("has gradient (a − p)/d(a, p) − (a − n)/d(a, n) per active triplet, divided by n", () => {
    // (−0.6, −0.8) − (−0.8, 0.6) = (0.2, −1.4), halved by the mean; the second triplet is inactive.
    expectClose(tripletMarginLossGrad(anchor, positive, negative, exact).flat(), [0.1, -0.7, 0, 0], 1e-15);
    // p = 1: sign(a − p) − sign(a − n) = (−1, −1) − (−1, 1) = (0, −2), halved.
    expectClose(tripletMarginLossGrad(anchor, positive, negative, { ...exact, p: 1 }).flat(), [0, -1, 0, 0], 1e-15);
  });

  it("with swap, measures the negative from the nearer of anchor and positive", () => {
    // n = (0.6, 0.4): d(a, n) = √0.52 = 0.7211102550927979 but d(p, n) = 0.3.
    const near = [[0.6, 0.4]];
    expectClose(
      tripletMarginLoss([[0, 0]], [[0.3, 0.4]], near, { ...exact, reduction: "none" }),
      [0.5 - 0.7211102550927979 + 1],
      1e-15,
    );
    expectClose(
      tripletMarginLoss([[0, 0]], [[0.3, 0.4]], near, { ...exact, swap: true, reduction: "none" }),
      [1.2],
      1e-15,
    );
    // d(p, n) does not move with the anchor: only the pull towards p is left, (a − p)/0.5.
    expectClose(
      tripletMarginLossGrad([[0, 0]], [[0.3, 0.4]], near, { ...exact, swap: true }).flat(),
      [-0.6, -0.8],
      1e-15,
    );
  });

  it("equals PyTorch (float64) with its defaults, p = 3 and p = 1", () => {
    const a = [
      [0.1, -0.2, 0.3],
      [1, 0.5, -0.5],
    ];
    const pos = [
      [0.4, 0.2, 0.1],
      [0.9, 0.1, -0.2],
    ];
    const neg = [
      [0.5, -0.1, 0.6],
      [1.2, 0.4, -1],
    ];
    expectClose(tripletMarginLoss(a, pos, neg, { reduction: "none" }), [1.028615169808019, 0.9621790557901783], 1e-14);
    expectClose(
      tripletMarginLossGrad(a, pos, neg).flat(),
      [
        0.11368993753085477, -0.2733329995009424, 0.4798707140970438, 0.2806320022519215, 0.300945065066341,
        -0.7506087647137363,
      ],
      1e-13,
    );
    expectClose(
      tripletMarginLoss(a, pos, neg, { p: 3, margin: 0.7, reduction: "none" }),
      [0.7111710518828275, 0.639712301268694],
      1e-14,
    );
    expectClose(
      tripletMarginLossGrad(a, pos, neg, { p: 3, margin: 0.7 }).flat(),
      [
        0.1822779040152716, -0.349288952619414, 0.3142679273218019, 0.10091055112522403, 0.3734596397539515,
        -0.698162987232502,
      ],
      1e-13,
    );
    expectClose(tripletMarginLoss(a, pos, neg, { p: 1, reduction: "none" }), [1.1000020000000001, 1], 1e-14);
    expectClose(tripletMarginLossGrad(a, pos, neg, { p: 1 }).flat(), [0, 0, 1, 1, 0, -1], 1e-15);
  });

  it("matches finite differences in the anchor", () => {
    const a = [
      [0.2, -0.4, 1.1],
      [1, 0.5, -0.3],
      [0.1, 0.1, 0.2],
    ];
    const pos = [
      [0.5, 0.3, 0.9],
      [0.8, 0.2, 0.4],
      [0.3, -0.2, 0.1],
    ];
    const neg = [
      [0.1, -0.2, 1.4],
      [1.3, 0.9, -0.6],
      [0.25, -0.15, 0.12],
    ];
    for (const options of [
      {},
      { p: 3, margin: 0.4 },
      { swap: true, reduction: "sum" as const },
      { p: 1.5, eps: 0.01 },
    ]) {
      const grad = tripletMarginLossGrad(a, pos, neg, options);
      expectClose(
        flatten(grad),
        numericGradient((flat) => tripletMarginLoss(unflatten(flat, 3), pos, neg, options), flatten(a)),
      );
    }
  });

  it("rejects triplets of different counts or dimensions, and bad options", () => {
    expect(() =>
      tripletMarginLoss(
        [[1, 2]],
        [
          [1, 2],
          [3, 4],
        ],
        [[0, 0]],
      ),
    ).toThrow("byhand.tripletMarginLoss: positive: expected length 1 (the length of anchor), got 2");
    expect(() => tripletMarginLossGrad([[1, 2]], [[1, 2]], [[0]])).toThrow(
      "byhand.tripletMarginLossGrad: negative[0]: expected length 2 (the length of anchor[0]), got 1",
    );
    expect(() => tripletMarginLoss([[1]], [[1]], [[1]], { p: 0 })).toThrow(
      "byhand.tripletMarginLoss: p: expected a number > 0, got 0",
    );
    expect(() => tripletMarginLoss([[1]], [[1]], [[1]], { eps: -1 })).toThrow(
      "byhand.tripletMarginLoss: eps: expected a number ≥ 0, got -1",
    );
  });
});
