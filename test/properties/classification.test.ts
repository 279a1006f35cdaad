// Properties of the classification losses, checked on seeded random inputs.
import * as tf from "@tensorflow/tfjs-core";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as byhand from "../../src/byhand";
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  multilabelSoftMarginLoss,
  softMarginLoss,
} from "../../src/losses/binary";
import { multiMarginLoss, multilabelMarginLoss } from "../../src/losses/margin";
import { crossEntropy, nllLoss } from "../../src/losses/softmax";
import type { Reduction } from "../../src/core/reduction";
import {
  RUNS,
  expectNonNegative,
  expectSumIsMeanTimesCount,
  classCount,
  classIndicesOf,
  float32,
  gradientsOf,
  logitsAndClasses,
  logitsAndProbabilities,
  matrixOf,
  scalarOf,
  size,
  valuesOf,
  vectorOf,
} from "./support";
import { expectAllClose, expectClose } from "../support";

/** ±1 labels, n of them. */
const signsOf = (n: number) => fc.array(fc.constantFrom(-1, 1), { minLength: n, maxLength: n });
/** 0/1 labels, n×c. */
const bitsOf = (n: number, c: number) =>
  fc.array(fc.array(fc.constantFrom(0, 1), { minLength: c, maxLength: c }), { minLength: n, maxLength: n });
/** Probabilities in [0.01, 0.99] and soft targets in [0, 1], same shape [n]. */
const probabilitiesAndTargets = size.chain((n) => fc.tuple(vectorOf(n, 0.01, 0.99), vectorOf(n, 0, 1)));
/** Logits of magnitude 1e3 to 1e6, either sign: exp() of them overflows float32. */
const extremeLogit = fc.tuple(float32(1e3, 1e6), fc.boolean()).map(([m, negative]) => (negative ? -m : m));
const extremeLogitsAndClasses = fc
  .tuple(size, classCount)
  .chain(([n, c]) =>
    fc.tuple(
      fc.array(fc.array(extremeLogit, { minLength: c, maxLength: c }), { minLength: n, maxLength: n }),
      classIndicesOf(n, c),
    ),
  );
/**
 * multilabelMarginLoss targets for [n, c] scores: each row lists distinct classes, then −1 (and
 * anything after the −1 is ignored, here more −1s).
 */
const multilabelTargetsOf = (n: number, c: number) =>
  fc.array(
    fc
      .uniqueArray(fc.integer({ min: 0, max: c - 1 }), { maxLength: c })
      .map((labels) => [...labels, ...Array<number>(c - labels.length).fill(-1)]),
    { minLength: n, maxLength: n },
  );

describe("crossEntropy and nllLoss", () => {
  it("are ≥ 0, with class indices and with class probabilities", () => {
    fc.assert(
      fc.property(logitsAndClasses, logitsAndProbabilities, ([x, y], [u, t]) => {
        expectNonNegative(valuesOf(crossEntropy(x, y, { reduction: "none" })));
        expectNonNegative(valuesOf(crossEntropy(u, t, { reduction: "none" })));
        expectNonNegative(
          valuesOf(
            nllLoss(
              tf.tidy(() => tf.logSoftmax(tf.tensor(x))),
              y,
              { reduction: "none" },
            ),
          ),
        );
      }),
      RUNS,
    );
  });

  it("crossEntropy is nllLoss of logSoftmax, weights and ignored targets included", () => {
    const withOptions = logitsAndClasses.chain(([x, y]) =>
      fc.tuple(
        fc.constant(x),
        fc
          .array(fc.boolean(), { minLength: y.length, maxLength: y.length })
          .map((ignored) => y.map((c, i) => (ignored[i] ? -100 : c))),
        vectorOf(x[0].length, 0.1, 3),
        fc.constantFrom<Reduction>("none", "mean", "sum"),
      ),
    );
    fc.assert(
      fc.property(withOptions, ([x, y, weight, reduction]) => {
        const logProbs = tf.logSoftmax(tf.tensor(x));
        expectAllClose(
          valuesOf(crossEntropy(x, y, { weight, reduction })),
          valuesOf(nllLoss(logProbs, y, { weight, reduction })),
        );
        logProbs.dispose();
      }),
      RUNS,
    );
  });

  it("sum is mean times the number of samples (no weights)", () => {
    fc.assert(
      fc.property(logitsAndClasses, logitsAndProbabilities, ([x, y], [u, t]) => {
        expectSumIsMeanTimesCount((reduction) => crossEntropy(x, y, { reduction }));
        expectSumIsMeanTimesCount((reduction) => crossEntropy(u, t, { reduction }));
        expectSumIsMeanTimesCount((reduction) => nllLoss(x, y, { reduction }));
      }),
      RUNS,
    );
  });

  it("stays finite, with a finite gradient, at logits far beyond exp's range", () => {
    fc.assert(
      fc.property(extremeLogitsAndClasses, ([x, y]) => {
        const value = scalarOf(crossEntropy(x, y));
        expect(Number.isFinite(value), `crossEntropy = ${value}`).toBe(true);
        const [grad] = gradientsOf((t) => crossEntropy(t, y), x);
        expect(grad.every(Number.isFinite), `gradient ${grad}`).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("crossEntropy's other forms", () => {
  it("is unchanged by adding a constant to every logit of a sample", () => {
    fc.assert(
      fc.property(logitsAndClasses, float32(-50, 50), ([x, y], shift) => {
        const shifted = x.map((row) => row.map((v) => Math.fround(v + shift)));
        expectAllClose(
          valuesOf(crossEntropy(shifted, y, { reduction: "none" })),
          valuesOf(crossEntropy(x, y, { reduction: "none" })),
          {
            atol: 1e-4,
            rtol: 1e-4,
          },
        );
      }),
      RUNS,
    );
  });

  it("with label smoothing ε on class indices equals crossEntropy on the smoothed one-hot probabilities", () => {
    fc.assert(
      fc.property(logitsAndClasses, float32(0, 1), ([x, y], epsilon) => {
        const c = x[0].length;
        const oneHot = y.map((k) => Array.from({ length: c }, (_, j) => (j === k ? 1 : 0)));
        const smoothed = oneHot.map((row) => row.map((t) => (1 - epsilon) * t + epsilon / c));
        expectClose(scalarOf(crossEntropy(x, y, { labelSmoothing: epsilon })), scalarOf(crossEntropy(x, smoothed)));
        expectClose(
          scalarOf(crossEntropy(x, oneHot, { labelSmoothing: epsilon })),
          scalarOf(crossEntropy(x, smoothed)),
        );
      }),
      RUNS,
    );
  });

  it("on [N, C, d] equals crossEntropy on the N·d rows of classes", () => {
    const spatial = fc
      .tuple(size, classCount, fc.integer({ min: 1, max: 3 }))
      .chain(([n, c, d]) =>
        fc.tuple(
          fc.array(matrixOf(c, d, -10, 10), { minLength: n, maxLength: n }),
          fc.array(classIndicesOf(d, c), { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(spatial, vectorOf(5, 0.1, 3), ([x, y], weights) => {
        const c = x[0].length;
        const weight = weights.slice(0, c);
        // Row (n, j) holds x[n][·][j], the scores of position j of sample n.
        const rows = x.flatMap((sample) => sample[0].map((_, j) => sample.map((classRow) => classRow[j])));
        expectAllClose(
          valuesOf(crossEntropy(x, y, { weight, reduction: "none" })),
          valuesOf(crossEntropy(rows, y.flat(), { weight, reduction: "none" })),
        );
        expectClose(scalarOf(crossEntropy(x, y, { weight })), scalarOf(crossEntropy(rows, y.flat(), { weight })));
      }),
      RUNS,
    );
  });
});

describe("binary and multi-label losses", () => {
  it("binaryCrossEntropy is ≥ 0 and 0 at a perfect 0/1 prediction", () => {
    fc.assert(
      fc.property(probabilitiesAndTargets, bitsOf(1, 6), ([p, y], [bits]) => {
        expectNonNegative(valuesOf(binaryCrossEntropy(p, y, { reduction: "none" })));
        expect(scalarOf(binaryCrossEntropy(bits, bits, { reduction: "sum" }))).toBe(0);
      }),
      RUNS,
    );
  });

  it("binaryCrossEntropyWithLogits is binaryCrossEntropy of the sigmoid, ≥ 0, finite at extreme logits", () => {
    fc.assert(
      fc.property(
        size.chain((n) =>
          fc.tuple(vectorOf(n, -8, 8), vectorOf(n, 0, 1), fc.array(extremeLogit, { minLength: n, maxLength: n })),
        ),
        ([x, y, extreme]) => {
          const probabilities = valuesOf(tf.sigmoid(x));
          expectAllClose(
            valuesOf(binaryCrossEntropyWithLogits(x, y, { reduction: "none" })),
            valuesOf(binaryCrossEntropy(probabilities, y, { reduction: "none" })),
            { atol: 1e-4, rtol: 1e-3 },
          );
          const atExtremes = valuesOf(binaryCrossEntropyWithLogits(extreme, y, { reduction: "none" }));
          expectNonNegative(atExtremes);
          expect(atExtremes.every(Number.isFinite), `${atExtremes}`).toBe(true);
          const [grad] = gradientsOf((t, u) => binaryCrossEntropyWithLogits(t, u), extreme, y);
          expect(grad.every(Number.isFinite), `gradient ${grad}`).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("the margin and soft-margin losses are ≥ 0, and sum = mean · count", () => {
    const batch = fc
      .tuple(size, classCount)
      .chain(([n, c]) =>
        fc.tuple(
          matrixOf(n, c, -10, 10),
          classIndicesOf(n, c),
          multilabelTargetsOf(n, c),
          bitsOf(n, c),
          signsOf(n * c),
        ),
      );
    fc.assert(
      fc.property(batch, fc.constantFrom(1, 2), ([x, classes, labels, bits, signs], p) => {
        const signed = tf.tidy(() => tf.reshape(tf.tensor(signs), [x.length, x[0].length]).arraySync() as number[][]);
        const losses: ((reduction: Reduction) => tf.Tensor)[] = [
          (reduction) => softMarginLoss(x, signed, { reduction }),
          (reduction) => multiMarginLoss(x, classes, { p, reduction }),
          (reduction) => multilabelMarginLoss(x, labels, { reduction }),
          (reduction) => multilabelSoftMarginLoss(x, bits, { reduction }),
        ];
        for (const loss of losses) {
          expectNonNegative(valuesOf(loss("none")));
          expectSumIsMeanTimesCount(loss);
        }
      }),
      RUNS,
    );
  });

  it("multilabelMarginLoss ignores whatever follows the first −1 of a target row", () => {
    const batch = fc
      .tuple(size, classCount)
      .chain(([n, c]) =>
        fc.tuple(
          matrixOf(n, c, -10, 10),
          multilabelTargetsOf(n, c),
          fc.array(classIndicesOf(c, c), { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(batch, ([x, labels, noise]) => {
        const noisy = labels.map((row, n) => {
          const end = row.indexOf(-1);
          return end === -1 ? row : row.map((v, j) => (j > end ? noise[n][j] : v));
        });
        expectAllClose(
          valuesOf(multilabelMarginLoss(x, noisy, { reduction: "none" })),
          valuesOf(multilabelMarginLoss(x, labels, { reduction: "none" })),
        );
      }),
      RUNS,
    );
  });

  it("softMarginLoss and multilabelSoftMarginLoss stay finite at extreme logits", () => {
    fc.assert(
      fc.property(fc.array(extremeLogit, { minLength: 4, maxLength: 4 }), bitsOf(1, 4), (x, [bits]) => {
        const signs = bits.map((b) => 2 * b - 1);
        expect(Number.isFinite(scalarOf(softMarginLoss(x, signs)))).toBe(true);
        expect(Number.isFinite(scalarOf(multilabelSoftMarginLoss([x], [bits])))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("by-hand classification losses equal the tensor losses", () => {
  it("byhand.softmax and byhand.logSoftmax equal tf.softmax and tf.logSoftmax", () => {
    fc.assert(
      fc.property(
        size.chain((n) => vectorOf(n + 1, -50, 50)),
        (x) => {
          expectAllClose(valuesOf(tf.softmax(x)), byhand.softmax(x));
          expectAllClose(valuesOf(tf.logSoftmax(x)), byhand.logSoftmax(x), { atol: 1e-5, rtol: 1e-5 });
        },
      ),
      RUNS,
    );
  });

  it("byhand.crossEntropy with class indices: the batch mean, and its gradient / N", () => {
    fc.assert(
      fc.property(logitsAndClasses, ([x, y]) => {
        const n = x.length;
        const rows = x.map((row, i) => byhand.crossEntropy(row, y[i]));
        expectClose(scalarOf(crossEntropy(x, y)), rows.reduce((s, v) => s + v, 0) / n);
        const [autodiff] = gradientsOf((t) => crossEntropy(t, y), x);
        expectAllClose(
          autodiff,
          x.flatMap((row, i) => byhand.crossEntropyGrad(row, y[i]).map((g) => g / n)),
        );
      }),
      RUNS,
    );
  });

  it("byhand.crossEntropy with class probabilities: per sample, and the gradient of the sum", () => {
    fc.assert(
      fc.property(logitsAndProbabilities, ([x, t]) => {
        expectAllClose(
          valuesOf(crossEntropy(x, t, { reduction: "none" })),
          x.map((row, i) => byhand.crossEntropy(row, t[i])),
        );
        const [autodiff] = gradientsOf((u, v) => crossEntropy(u, v, { reduction: "sum" }), x, t);
        expectAllClose(
          autodiff,
          x.flatMap((row, i) => byhand.crossEntropyGrad(row, t[i])),
        );
      }),
      RUNS,
    );
  });

  it("byhand.nllLoss: per sample, and its gradient", () => {
    fc.assert(
      fc.property(logitsAndClasses, ([x, y]) => {
        const logProbs = x.map(byhand.logSoftmax).map((row) => row.map(Math.fround));
        expectAllClose(
          valuesOf(nllLoss(logProbs, y, { reduction: "none" })),
          logProbs.map((row, i) => byhand.nllLoss(row, y[i])),
        );
        const [autodiff] = gradientsOf((u) => nllLoss(u, y, { reduction: "sum" }), logProbs);
        expectAllClose(
          autodiff,
          logProbs.flatMap((row, i) => byhand.nllLossGrad(row, y[i])),
        );
      }),
      RUNS,
    );
  });

  it("byhand.binaryCrossEntropy: value and gradient (mean and sum)", () => {
    fc.assert(
      fc.property(probabilitiesAndTargets, ([p, y]) => {
        for (const reduction of ["mean", "sum"] as const) {
          expectClose(
            scalarOf(binaryCrossEntropy(p, y, { reduction })),
            byhand.binaryCrossEntropy(p, y, { reduction }),
          );
          const [autodiff] = gradientsOf((u, v) => binaryCrossEntropy(u, v, { reduction }), p, y);
          expectAllClose(autodiff, byhand.binaryCrossEntropyGrad(p, y, { reduction }));
        }
      }),
      RUNS,
    );
  });

  it("byhand.binaryCrossEntropyWithLogits: value and gradient (mean and sum, with and without posWeight)", () => {
    const logitsAndTargets = size.chain((n) => fc.tuple(vectorOf(n, -20, 20), vectorOf(n, 0, 1)));
    fc.assert(
      fc.property(logitsAndTargets, float32(0.1, 5), ([z, y], w) => {
        for (const reduction of ["mean", "sum"] as const) {
          for (const posWeight of [undefined, w]) {
            const options = posWeight === undefined ? { reduction } : { reduction, posWeight: [posWeight] };
            const byHandOptions = { reduction, posWeight };
            expectClose(
              scalarOf(binaryCrossEntropyWithLogits(z, y, options)),
              byhand.binaryCrossEntropyWithLogits(z, y, byHandOptions),
            );
            const [autodiff] = gradientsOf((u) => binaryCrossEntropyWithLogits(u, y, options), z);
            expectAllClose(autodiff, byhand.binaryCrossEntropyWithLogitsGrad(z, y, byHandOptions));
          }
        }
      }),
      RUNS,
    );
  });
});
