// Properties of infoNce and ntXent, on seeded random embeddings.
import * as fc from "fast-check";
import { describe, it } from "vitest";
import { infoNce, ntXent } from "../../src/losses/embedding";
import { expectAllClose, expectClose } from "../support";
import { RUNS, float32, matrixOf, scalarOf, size, valuesOf } from "./support";

const dimension = fc.integer({ min: 2, max: 4 });
/** Rows well away from zero length, so that cosines are well defined in float32. */
const rowsOf = (n: number, d: number) =>
  matrixOf(n, d, -3, 3).filter((rows) => rows.every((row) => Math.hypot(...row) > 0.1));
const pairs = fc.tuple(size, dimension).chain(([n, d]) => fc.tuple(rowsOf(n, d), rowsOf(n, d), rowsOf(1, d)));
const temperature = float32(0.25, 2);

function cosine(a: number[], b: number[]): number {
  return a.reduce((s, ai, i) => s + ai * b[i], 0) / (Math.hypot(...a) * Math.hypot(...b));
}

describe("infoNce", () => {
  it("with one negative is the two-class cross-entropy softplus((cos(q, n) − cos(q, k)) / τ)", () => {
    fc.assert(
      fc.property(pairs, temperature, ([q, k, [n]], tau) => {
        const expected = q.map((qi, i) => {
          const z = (cosine(qi, n) - cosine(qi, k[i])) / tau;
          return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        });
        expectAllClose(valuesOf(infoNce(q, k, { negativeKeys: [n], temperature: tau, reduction: "none" })), expected);
      }),
      RUNS,
    );
  });

  it("does not change when a vector is scaled, and is 0 for a batch of one without negatives", () => {
    fc.assert(
      fc.property(pairs, float32(0.5, 4), ([q, k], scale) => {
        const scaled = q.map((row) => row.map((v) => Math.fround(v * scale)));
        expectClose(scalarOf(infoNce(scaled, k)), scalarOf(infoNce(q, k)), { atol: 1e-4, rtol: 1e-4 });
        expectClose(scalarOf(infoNce([q[0]], [k[0]])), 0, { atol: 1e-6, rtol: 0 });
      }),
      RUNS,
    );
  });
});

describe("ntXent", () => {
  it("is symmetric in its two views", () => {
    fc.assert(
      fc.property(pairs, temperature, ([z1, z2], tau) => {
        expectClose(scalarOf(ntXent(z1, z2, { temperature: tau })), scalarOf(ntXent(z2, z1, { temperature: tau })));
      }),
      RUNS,
    );
  });

  it("with one sample is 0: the twin is the only candidate", () => {
    fc.assert(
      fc.property(pairs, ([z1, z2]) => {
        expectAllClose(valuesOf(ntXent([z1[0]], [z2[0]], { reduction: "none" })), [0, 0]);
      }),
      RUNS,
    );
  });
});
