// Properties of the KL divergence and the entropy, checked on seeded random distributions.
import * as tf from "@tensorflow/tfjs-core";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as byhand from "../../src/byhand";
import { crossEntropy } from "../../src/losses/softmax";
import { entropy, klDiv } from "../../src/losses/divergence";
import {
  RUNS,
  classCount,
  gradientsOf,
  logitsAndProbabilities,
  probabilitiesOf,
  probabilityRowsOf,
  scalarOf,
  size,
  valuesOf,
} from "./support";
import { expectAllClose, expectClose } from "../support";

/** Two batches of distributions of one shape [n, c]: targets p and predictions q. */
const twoBatches = fc
  .tuple(size, classCount)
  .chain(([n, c]) => fc.tuple(probabilityRowsOf(n, c), probabilityRowsOf(n, c)));
const logOf = (rows: number[][]) => rows.map((row) => row.map((v) => Math.fround(Math.log(v))));

describe("klDiv", () => {
  it("KL(p ‖ p) = 0, with probability and with log-probability targets", () => {
    fc.assert(
      fc.property(twoBatches, ([p]) => {
        expectClose(scalarOf(klDiv(logOf(p), p, { reduction: "sum" })), 0, { atol: 1e-6, rtol: 0 });
        expect(scalarOf(klDiv(logOf(p), logOf(p), { reduction: "sum", logTarget: true }))).toBe(0);
      }),
      RUNS,
    );
  });

  it("is ≥ 0 between distributions (Gibbs' inequality), per sample", () => {
    fc.assert(
      fc.property(twoBatches, ([p, q]) => {
        const perSample = tf.tidy(() => tf.sum(klDiv(logOf(q), p, { reduction: "none" }), -1).arraySync() as number[]);
        expect(perSample.filter((kl) => !(kl >= -1e-6))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("is cross-entropy minus entropy (batchmean)", () => {
    fc.assert(
      fc.property(logitsAndProbabilities, ([x, t]) => {
        const logQ = valuesOf(tf.logSoftmax(x));
        const kl = scalarOf(
          klDiv(
            tf.tidy(() => tf.reshape(logQ, [x.length, x[0].length])),
            t,
            { reduction: "batchmean" },
          ),
        );
        const ce = scalarOf(crossEntropy(x, t));
        const h = scalarOf(tf.tidy(() => tf.mean(entropy(t))));
        expectClose(kl, ce - h, { atol: 1e-5 * (1 + Math.abs(ce)), rtol: 1e-4 });
      }),
      RUNS,
    );
  });

  it("reads a log-probability target as its probabilities", () => {
    fc.assert(
      fc.property(twoBatches, ([p, q]) => {
        expectAllClose(
          valuesOf(klDiv(logOf(q), logOf(p), { reduction: "none", logTarget: true })),
          valuesOf(klDiv(logOf(q), p, { reduction: "none" })),
        );
      }),
      RUNS,
    );
  });

  it("sum = mean · elements = batchmean · rows", () => {
    fc.assert(
      fc.property(twoBatches, ([p, q]) => {
        const sum = scalarOf(klDiv(logOf(q), p, { reduction: "sum" }));
        expectClose(scalarOf(klDiv(logOf(q), p)) * p.length * p[0].length, sum);
        expectClose(scalarOf(klDiv(logOf(q), p, { reduction: "batchmean" })) * p.length, sum);
      }),
      RUNS,
    );
  });
});

describe("entropy", () => {
  it("lies between 0 and log C", () => {
    fc.assert(
      fc.property(classCount.chain(probabilitiesOf), (p) => {
        const h = scalarOf(entropy(p));
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(Math.log(p.length) + 1e-6);
      }),
      RUNS,
    );
  });
});

describe("by-hand divergences equal the tensor ones", () => {
  it("byhand.entropy: value and gradient", () => {
    fc.assert(
      fc.property(classCount.chain(probabilitiesOf), (p) => {
        expectClose(scalarOf(entropy(p)), byhand.entropy(p));
        const [autodiff] = gradientsOf((t) => entropy(t), p);
        expectAllClose(autodiff, byhand.entropyGrad(p));
      }),
      RUNS,
    );
  });

  it("byhand.klDiv: value, and its gradient through q = exp(input)", () => {
    fc.assert(
      fc.property(
        classCount.chain((c) => fc.tuple(probabilitiesOf(c), probabilitiesOf(c))),
        ([p, q]) => {
          const logQ = q.map((v) => Math.fround(Math.log(v)));
          const qUsed = logQ.map(Math.exp);
          expectClose(scalarOf(klDiv(logQ, p, { reduction: "sum" })), byhand.klDiv(p, qUsed), {
            atol: 1e-6,
            rtol: 1e-4,
          });
          // ∂KL/∂(log q) = q · ∂KL/∂q
          const [autodiff] = gradientsOf((x, t) => klDiv(x, t, { reduction: "sum" }), logQ, p);
          expectAllClose(
            autodiff,
            byhand.klDivGrad(p, qUsed).map((g, i) => g * qUsed[i]),
          );
        },
      ),
      RUNS,
    );
  });
});
