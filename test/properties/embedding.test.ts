// Properties of the embedding losses, checked on seeded random pairs and triplets.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as byhand from "../../src/byhand";
import {
  contrastiveLoss,
  cosineEmbeddingLoss,
  hingeEmbeddingLoss,
  marginRankingLoss,
  tripletMarginLoss,
} from "../../src/losses/embedding";
import {
  RUNS,
  expectNonNegative,
  expectSumIsMeanTimesCount,
  float32,
  gradientsOf,
  matrixOf,
  scalarOf,
  size,
  valuesOf,
  vectorOf,
} from "./support";
import { expectAllClose, expectClose } from "../support";

const signsOf = (n: number) => fc.array(fc.constantFrom(-1, 1), { minLength: n, maxLength: n });
const bitsOf = (n: number) => fc.array(fc.constantFrom(0, 1), { minLength: n, maxLength: n });
const dimension = fc.integer({ min: 1, max: 4 });
const margin = float32(0, 3);

/** Scores x1, x2 and ±1 targets, n of each. */
const rankingBatch = size.chain((n) => fc.tuple(vectorOf(n, -10, 10), vectorOf(n, -10, 10), signsOf(n)));
/** Pairs of embeddings [n, d] with 0/1 labels [n]. */
const pairBatch = fc
  .tuple(size, dimension)
  .chain(([n, d]) => fc.tuple(matrixOf(n, d, -3, 3), matrixOf(n, d, -3, 3), bitsOf(n)));

describe("marginRankingLoss", () => {
  it("is ≥ 0, 0 when every pair is ranked right by the margin, and sums to mean · N", () => {
    fc.assert(
      fc.property(rankingBatch, margin, ([x1, x2, y], m) => {
        expectNonNegative(valuesOf(marginRankingLoss(x1, x2, y, { margin: m, reduction: "none" })));
        // Put the preferred score m + 1 ahead: −y (x1 − x2) + m = −1 < 0.
        const ranked = x2.map((v, i) => Math.fround(v + y[i] * (m + 1)));
        expect(scalarOf(marginRankingLoss(ranked, x2, y, { margin: m }))).toBe(0);
        expectSumIsMeanTimesCount((reduction) => marginRankingLoss(x1, x2, y, { margin: m, reduction }));
      }),
      RUNS,
    );
  });
});

describe("hingeEmbeddingLoss and cosineEmbeddingLoss", () => {
  it("hingeEmbeddingLoss is ≥ 0 on distances (x ≥ 0) and sums to mean · N", () => {
    fc.assert(
      fc.property(
        size.chain((n) => fc.tuple(vectorOf(n, 0, 5), signsOf(n))),
        margin,
        ([x, y], m) => {
          expectNonNegative(valuesOf(hingeEmbeddingLoss(x, y, { margin: m, reduction: "none" })));
          expectSumIsMeanTimesCount((reduction) => hingeEmbeddingLoss(x, y, { margin: m, reduction }));
        },
      ),
      RUNS,
    );
  });

  it("cosineEmbeddingLoss is ≥ 0, 0 for a pair that points the same way, and sums to mean · N", () => {
    fc.assert(
      fc.property(pairBatch, float32(-1, 1), ([x1, x2, bits], m) => {
        const y = bits.map((b) => 2 * b - 1);
        expectNonNegative(valuesOf(cosineEmbeddingLoss(x1, x2, y, { margin: m, reduction: "none" })), 1e-6);
        const scaled = x1.map((row) => row.map((v) => Math.fround(3 * v)));
        const nonZero = x1.every((row) => row.some((v) => Math.abs(v) > 1e-3));
        if (nonZero) {
          const same = y.map(() => 1);
          expectClose(scalarOf(cosineEmbeddingLoss(x1, scaled, same)), 0, { atol: 1e-6, rtol: 0 });
        }
        expectSumIsMeanTimesCount((reduction) => cosineEmbeddingLoss(x1, x2, y, { margin: m, reduction }));
      }),
      RUNS,
    );
  });
});

describe("tripletMarginLoss", () => {
  const triplets = fc
    .tuple(size, dimension)
    .chain(([n, d]) => fc.tuple(matrixOf(n, d, -3, 3), matrixOf(n, d, -3, 3), matrixOf(n, d, -3, 3)));

  it("is ≥ 0, with or without swap, for p = 1, 2, 3, and sums to mean · N", () => {
    fc.assert(
      fc.property(triplets, margin, fc.constantFrom(1, 2, 3), fc.boolean(), ([a, pos, neg], m, p, swap) => {
        expectNonNegative(valuesOf(tripletMarginLoss(a, pos, neg, { margin: m, p, swap, reduction: "none" })));
        expectSumIsMeanTimesCount((reduction) => tripletMarginLoss(a, pos, neg, { margin: m, p, swap, reduction }));
      }),
      RUNS,
    );
  });

  it("is 0 when the positive is the anchor and the negative lies beyond the margin", () => {
    fc.assert(
      fc.property(triplets, margin, ([a], m) => {
        const far = a.map((row) => row.map((v) => Math.fround(v + m + 1)));
        expect(scalarOf(tripletMarginLoss(a, a, far, { margin: m }))).toBe(0);
      }),
      RUNS,
    );
  });
});

describe("contrastiveLoss", () => {
  it("is ≥ 0, about 0 for identical similar pairs, and sums to mean · N", () => {
    fc.assert(
      fc.property(pairBatch, margin, ([x1, x2, label], m) => {
        expectNonNegative(valuesOf(contrastiveLoss(x1, x2, label, { margin: m, reduction: "none" })));
        // d = ‖ε·1‖ = 1e-6 √D, so d² ≤ 4e-12.
        expectClose(
          scalarOf(
            contrastiveLoss(
              x1,
              x1,
              label.map(() => 0),
            ),
          ),
          0,
          { atol: 1e-11, rtol: 0 },
        );
        expectSumIsMeanTimesCount((reduction) => contrastiveLoss(x1, x2, label, { margin: m, reduction }));
      }),
      RUNS,
    );
  });
});

describe("by-hand embedding losses equal the tensor losses", () => {
  it("byhand.marginRankingLoss: value and the gradients of both inputs", () => {
    fc.assert(
      fc.property(rankingBatch, margin, ([x1, x2, y], m) => {
        // Away from the hinge, where the gradient jumps.
        fc.pre(x1.every((v, i) => Math.abs(-y[i] * (v - x2[i]) + m) > 1e-3));
        expectAllClose(
          valuesOf(marginRankingLoss(x1, x2, y, { margin: m, reduction: "none" })),
          byhand.marginRankingLoss(x1, x2, y, { margin: m, reduction: "none" }),
        );
        const [g1, g2] = gradientsOf((a, b, t) => marginRankingLoss(a, b, t, { margin: m }), x1, x2, y);
        const expected = byhand.marginRankingLossGrad(x1, x2, y, { margin: m });
        expectAllClose(g1, expected.input1);
        expectAllClose(g2, expected.input2);
      }),
      RUNS,
    );
  });

  it("byhand.contrastiveLoss: value and the gradients of both embeddings", () => {
    fc.assert(
      fc.property(pairBatch, margin, ([x1, x2, label], m) => {
        expectAllClose(
          valuesOf(contrastiveLoss(x1, x2, label, { margin: m, reduction: "none" })),
          byhand.contrastiveLoss(x1, x2, label, { margin: m, reduction: "none" }),
        );
        const [g1, g2] = gradientsOf(
          (a, b, l) => contrastiveLoss(a, b, l, { margin: m, reduction: "sum" }),
          x1,
          x2,
          label,
        );
        const expected = byhand.contrastiveLossGrad(x1, x2, label, { margin: m, reduction: "sum" });
        expectAllClose(g1, expected.x1.flat());
        expectAllClose(g2, expected.x2.flat());
      }),
      RUNS,
    );
  });

  it("byhand.tripletMarginLoss: value and the gradient of the anchor, for p = 1, 2, 3, with and without swap", () => {
    const triplets = fc
      .tuple(size, dimension)
      .chain(([n, d]) => fc.tuple(matrixOf(n, d, -3, 3), matrixOf(n, d, -3, 3), matrixOf(n, d, -3, 3)));
    // torch.pairwise_distance: ‖u − v + ε‖_p, ε = 1e-6.
    const distance = (u: number[], v: number[], p: number) =>
      u.reduce((s, uk, k) => s + Math.abs(uk - v[k] + 1e-6) ** p, 0) ** (1 / p);
    fc.assert(
      fc.property(triplets, margin, fc.constantFrom(1, 2, 3), fc.boolean(), ([a, pos, neg], m, p, swap) => {
        // Away from the hinge and from a near-tie of the swap's min, where the gradient jumps.
        fc.pre(
          a.every((row, i) => {
            const [toPositive, toNegative, positiveToNegative] = [
              distance(row, pos[i], p),
              distance(row, neg[i], p),
              distance(pos[i], neg[i], p),
            ];
            const nearest = swap ? Math.min(toNegative, positiveToNegative) : toNegative;
            const tie = Math.abs(toNegative - positiveToNegative);
            return Math.abs(toPositive - nearest + m) > 1e-3 && (!swap || tie > 1e-3 || tie === 0);
          }),
        );
        const options = { margin: m, p, swap };
        expectAllClose(
          valuesOf(tripletMarginLoss(a, pos, neg, { ...options, reduction: "none" })),
          byhand.tripletMarginLoss(a, pos, neg, { ...options, reduction: "none" }),
        );
        const [gradAnchor] = gradientsOf((u) => tripletMarginLoss(u, pos, neg, options), a);
        expectAllClose(gradAnchor, byhand.tripletMarginLossGrad(a, pos, neg, options).flat(), {
          atol: 1e-4,
          rtol: 1e-3,
        });
      }),
      RUNS,
    );
  });
});
