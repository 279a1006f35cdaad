import { describe, expect, it } from "vitest";
import { crossEntropy, entropy, entropyGrad, klDiv, klDivGrad, logSoftmax, softmax } from "../../src/byhand";
import { expectClose, numericGradient } from "./finiteDifference";

const p = [0.1, 0.2, 0.3, 0.4];
const q = [0.25, 0.25, 0.4, 0.1];

describe("byhand.entropy", () => {
  it("is log C for a uniform distribution and 0 for a certain one", () => {
    // −4 · (1/4) log(1/4) = log 4
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 15);
    expect(entropy([0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
    // 0 log 0 counts 0, and 1 log 1 = 0.
    expect(entropy([1, 0, 0])).toBe(0);
  });

  it("has gradient −(log p + 1)", () => {
    // −(log 0.5 + 1) = 0.6931471805599453 − 1
    expectClose(entropyGrad([0.5, 0.5]), [Math.LN2 - 1, Math.LN2 - 1], 1e-15);
    expectClose(entropyGrad(p), numericGradient(entropy, p));
    expect(entropyGrad([0, 1])[0]).toBe(Infinity);
  });
});

describe("byhand.klDiv", () => {
  it("is Σ p log(p/q)", () => {
    // 0.5 log(0.5/0.25) + 0.5 log(0.5/0.75) = 0.5 (log 2 + log 2/3) = 0.5 log(4/3)
    expect(klDiv([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.5 * Math.log(4 / 3), 15);
  });

  it("is 0 from a distribution to itself, positive otherwise, and not symmetric", () => {
    expect(klDiv(p, p)).toBe(0);
    expect(klDiv(p, q)).toBeGreaterThan(0);
    expect(klDiv(p, q)).not.toBeCloseTo(klDiv(q, p), 3);
  });

  it("is cross-entropy minus entropy", () => {
    const logits = [0.3, -1, 2, 0.5];
    // crossEntropy(logits, p) = −Σ p log softmax(logits)
    expect(klDiv(p, softmax(logits))).toBeCloseTo(crossEntropy(logits, p) - entropy(p), 14);
  });

  it("skips terms where p = 0", () => {
    // 1 · log(1/0.5) = log 2; the 0 · log(0/0.5) term counts 0.
    expect(klDiv([1, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
  });

  it("has gradient −p/q with respect to q", () => {
    // [−0.5/0.25, −0.5/0.75]
    expectClose(klDivGrad([0.5, 0.5], [0.25, 0.75]), [-2, -2 / 3], 1e-15);
    expectClose(
      klDivGrad(p, q),
      numericGradient((r) => klDiv(p, r), q),
    );
    // With respect to log q it is −p: the chain rule multiplies by q.
    const logQ = logSoftmax([0, 1, 2, 3]);
    expectClose(
      numericGradient((lq) => klDiv(p, lq.map(Math.exp)), logQ),
      p.map((pi) => -pi),
    );
  });

  it("rejects distributions of different lengths", () => {
    expect(() => klDiv(p, [0.5, 0.5])).toThrow("byhand.klDiv: q: expected length 4 (the length of p), got 2");
    expect(() => entropy([])).toThrow("byhand.entropy: p: expected at least one entry");
  });
});
