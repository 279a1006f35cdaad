import { describe, expect, it } from "vitest";
import {
  binaryCrossEntropy,
  binaryCrossEntropyGrad,
  binaryCrossEntropyWithLogits,
  binaryCrossEntropyWithLogitsGrad,
  crossEntropy,
  crossEntropyGrad,
  logSoftmax,
  logSoftmaxJacobian,
  nllLoss,
  nllLossGrad,
  softmax,
  softmaxJacobian,
} from "../../src/byhand";
import { expectClose, numericGradient, numericJacobian } from "./finiteDifference";

// exp(1), exp(2), exp(3), exp(4) = 2.718281828459045, 7.38905609893065, 20.085536923187668,
// 54.598150033144236; their sum is 84.7910248837216 and its log 4.440189698561196.
const logits = [1, 2, 3, 4];
const expectedSoftmax = [
  2.718281828459045 / 84.7910248837216,
  7.38905609893065 / 84.7910248837216,
  20.085536923187668 / 84.7910248837216,
  54.598150033144236 / 84.7910248837216,
]; // ≈ [0.0320586, 0.0871443, 0.2368828, 0.6439143]
const expectedLogSoftmax = [1, 2, 3, 4].map((x) => x - 4.440189698561196);
const z = [0.4, -1.3, 2.2, 0.05, -0.6];

describe("byhand.softmax and logSoftmax", () => {
  it("normalise exp(x)", () => {
    expectClose(softmax(logits), expectedSoftmax, 1e-15);
    expectClose(logSoftmax(logits), expectedLogSoftmax, 1e-15);
  });

  it("are unchanged by adding a constant to every logit", () => {
    expectClose(softmax(logits.map((x) => x + 100)), expectedSoftmax, 1e-14);
  });

  it("stay finite at logits of ±1000, where exp overflows", () => {
    // Subtracting the max 1000 leaves exp(0) = 1, exp(−1000) = 0, exp(−2000) = 0.
    expect(logSoftmax([1000, 0, -1000])).toEqual([0, -1000, -2000]);
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    expect(softmax([-1000, -1000, -1000]).every((s) => Math.abs(s - 1 / 3) < 1e-15)).toBe(true);
  });

  it("have Jacobians sᵢ(δᵢⱼ − sⱼ) and δᵢⱼ − sⱼ that match finite differences", () => {
    const s = softmax(z);
    expect(softmaxJacobian(z)[1][3]).toBeCloseTo(-s[1] * s[3], 15);
    expect(logSoftmaxJacobian(z)[2][2]).toBeCloseTo(1 - s[2], 15);
    numericJacobian(softmax, z).forEach((row, i) => expectClose(softmaxJacobian(z)[i], row));
    numericJacobian(logSoftmax, z).forEach((row, i) => expectClose(logSoftmaxJacobian(z)[i], row));
  });

  it("reject an empty vector", () => {
    expect(() => softmax([])).toThrow("byhand.softmax: logits: expected at least one entry, got an empty array");
  });
});

describe("byhand.crossEntropy", () => {
  it("is −logSoftmax at the target class", () => {
    // −(4 − 4.440189698561196) and −(1 − 4.440189698561196)
    expect(crossEntropy(logits, 3)).toBeCloseTo(0.440189698561196, 14);
    expect(crossEntropy(logits, 0)).toBeCloseTo(3.440189698561196, 14);
    // Two equal logits: −log(1/2) = log 2.
    expect(crossEntropy([0, 0], 0)).toBeCloseTo(Math.LN2, 15);
  });

  it("takes class probabilities, and a one-hot target is the class index", () => {
    // t = [0, 0, 0.5, 0.5]: 0.5 · 1.440189698561196 + 0.5 · 0.440189698561196
    expect(crossEntropy(logits, [0, 0, 0.5, 0.5])).toBeCloseTo(0.940189698561196, 14);
    expect(crossEntropy(z, [0, 0, 1, 0, 0])).toBeCloseTo(crossEntropy(z, 2), 15);
  });

  it("has gradient softmax − one-hot", () => {
    const [s0, s1, s2, s3] = expectedSoftmax;
    expectClose(crossEntropyGrad(logits, 3), [s0, s1, s2, s3 - 1], 1e-15);
    expectClose(
      crossEntropyGrad(z, 1),
      numericGradient((x) => crossEntropy(x, 1), z),
    );
  });

  it("has gradient s Σt − t for probability targets, summing or not to 1", () => {
    for (const t of [
      [0.1, 0.2, 0.3, 0.4, 0],
      [0.5, 0, 1, 0.25, 0],
    ]) {
      expectClose(
        crossEntropyGrad(z, t),
        numericGradient((x) => crossEntropy(x, t), z),
      );
    }
  });

  it("is finite, with a finite gradient, at logits of 1000", () => {
    expect(crossEntropy([1000, 0], 1)).toBe(1000);
    expect(crossEntropyGrad([1000, 0], 1)).toEqual([1, -1]);
  });

  it("rejects a class index out of range or not an integer, and a target of the wrong length", () => {
    expect(() => crossEntropy(logits, 4)).toThrow(
      "byhand.crossEntropy: target: expected a class index in [0, 3], got 4",
    );
    expect(() => crossEntropy(logits, -1)).toThrow("got -1");
    expect(() => crossEntropyGrad(logits, 1.5)).toThrow("byhand.crossEntropyGrad: target: expected a class index");
    expect(() => crossEntropy(logits, [0.5, 0.5])).toThrow(
      "byhand.crossEntropy: target: expected length 4 (the length of logits), got 2",
    );
  });
});

describe("byhand.nllLoss", () => {
  it("is minus the log-probability of the target", () => {
    expect(nllLoss([-1, -2, -3], 1)).toBe(2);
    expect(nllLossGrad([-1, -2, -3], 1)).toEqual([0, -1, 0]);
  });

  it("composed with logSoftmax is crossEntropy", () => {
    expect(nllLoss(logSoftmax(z), 4)).toBeCloseTo(crossEntropy(z, 4), 15);
  });

  it("matches finite differences and checks its target", () => {
    const logProbs = logSoftmax(z);
    expectClose(
      nllLossGrad(logProbs, 0),
      numericGradient((lp) => nllLoss(lp, 0), logProbs),
    );
    expect(() => nllLoss([-1], 1)).toThrow("byhand.nllLoss: target: expected a class index in [0, 0], got 1");
  });
});

describe("byhand.binaryCrossEntropy", () => {
  it("is −[y log p + (1 − y) log(1 − p)]", () => {
    // −log 0.5 = 0.6931471805599453; −log(1 − 0.8) = −log 0.2 = 1.6094379124341003.
    expectClose(
      binaryCrossEntropy([0.5, 0.8], [1, 0], { reduction: "none" }),
      [0.6931471805599453, 1.6094379124341003],
      1e-15,
    );
    expect(binaryCrossEntropy([0.5, 0.8], [1, 0])).toBeCloseTo((0.6931471805599453 + 1.6094379124341003) / 2, 15);
  });

  it("clamps each log at −100, as PyTorch", () => {
    // log 0 = −∞ would give ∞; clamped, a confidently wrong p = 0 costs 100.
    expect(binaryCrossEntropy([0, 1], [1, 0], { reduction: "none" })).toEqual([100, 100]);
    expect(binaryCrossEntropy([0, 1], [0, 1])).toBe(0);
  });

  it("has gradient (p − y) / (p(1 − p)) / n", () => {
    // (0.5 − 1)/0.25/2 = −1 and (0.8 − 0)/0.16/2 = 2.5
    expectClose(binaryCrossEntropyGrad([0.5, 0.8], [1, 0]), [-1, 2.5], 1e-14);
    const p = [0.1, 0.35, 0.6, 0.93];
    const y = [0, 1, 0.3, 1];
    expectClose(
      binaryCrossEntropyGrad(p, y),
      numericGradient((q) => binaryCrossEntropy(q, y), p),
      1e-5,
    );
    expectClose(
      binaryCrossEntropyGrad(p, y, { reduction: "sum" }),
      numericGradient((q) => binaryCrossEntropy(q, y, { reduction: "sum" }), p),
      1e-5,
    );
  });

  it("rejects a probability outside [0, 1] and mismatched lengths", () => {
    expect(() => binaryCrossEntropy([0.5, 1.2], [1, 0])).toThrow(
      "byhand.binaryCrossEntropy: probabilities: expected a probability in [0, 1], got 1.2 at index 1",
    );
    expect(() => binaryCrossEntropyGrad([0.5], [1, 0])).toThrow(
      "byhand.binaryCrossEntropyGrad: target: expected length 1 (the length of probabilities), got 2",
    );
  });
});

describe("byhand.binaryCrossEntropyWithLogits", () => {
  // softplus(0) = log 2 = 0.6931471805599453, softplus(2) = 2 + log(1 + e⁻²) = 2.1269280110429727,
  // softplus(1) = 1 + log(1 + e⁻¹) = 1.3132616875182228; σ(2) = 0.8807970779778823, σ(−1) = 0.2689414213699951.
  const logitsZ = [0, 2, -1];
  const labels = [1, 0, 1];

  it("is max(z, 0) − z y + log(1 + e^(−|z|))", () => {
    // y = 1: log(1 + e^(−z)) = softplus(−z); y = 0: log(1 + e^z) = softplus(z).
    const expected = [0.6931471805599453, 2.1269280110429727, 1.3132616875182228];
    expectClose(binaryCrossEntropyWithLogits(logitsZ, labels, { reduction: "none" }), expected, 1e-15);
    expect(binaryCrossEntropyWithLogits(logitsZ, labels)).toBeCloseTo(
      (expected[0] + expected[1] + expected[2]) / 3,
      15,
    );
    expect(binaryCrossEntropyWithLogits(logitsZ, labels, { reduction: "sum" })).toBeCloseTo(
      expected[0] + expected[1] + expected[2],
      15,
    );
  });

  it("equals binaryCrossEntropy of σ(z)", () => {
    const zs = [-3, -0.4, 0.7, 2.5];
    const y = [0, 1, 0.3, 1];
    const sigmoid = zs.map((v) => 1 / (1 + Math.exp(-v)));
    expectClose(
      binaryCrossEntropyWithLogits(zs, y, { reduction: "none" }),
      binaryCrossEntropy(sigmoid, y, { reduction: "none" }),
      1e-14,
    );
  });

  it("multiplies the positive term by posWeight, as PyTorch's pos_weight", () => {
    // PyTorch float64, pos_weight = 2.5, z = (0, 2, −1, 30), y = (1, 0, 1, 0.25):
    // loss (1.7328679513998633, 2.1269280110429727, 3.283154218795557, 22.500000000000128),
    // gradient of the sum (−1.25, 0.8807970779778823, −1.8276464465750122, 0.7499999999998714).
    const zs = [0, 2, -1, 30];
    const y = [1, 0, 1, 0.25];
    expectClose(
      binaryCrossEntropyWithLogits(zs, y, { posWeight: 2.5, reduction: "none" }),
      [1.7328679513998633, 2.1269280110429727, 3.283154218795557, 22.500000000000128],
      1e-14,
    );
    expectClose(
      binaryCrossEntropyWithLogitsGrad(zs, y, { posWeight: 2.5, reduction: "sum" }),
      [-1.25, 0.8807970779778823, -1.8276464465750122, 0.7499999999998714],
      1e-13,
    );
  });

  it("stays finite and exact at extreme logits", () => {
    // A confident mistake costs |z|; a confident right answer costs e^(−|z|) ≈ 0.
    expectClose(
      binaryCrossEntropyWithLogits([1000, -1000, 1000], [0, 1, 1], { reduction: "none" }),
      [1000, 1000, 0],
      1e-15,
    );
    expectClose(binaryCrossEntropyWithLogitsGrad([1000, -1000], [0, 1], { reduction: "sum" }), [1, -1], 1e-15);
  });

  it("has gradient (σ(z) − y)/n, and [(1 + (w₊ − 1) y) σ(z) − w₊ y]/n with posWeight", () => {
    expectClose(
      binaryCrossEntropyWithLogitsGrad(logitsZ, labels),
      [-0.5 / 3, 0.8807970779778823 / 3, (0.2689414213699951 - 1) / 3],
      1e-15,
    );
    const zs = [0.4, -1.3, 2.2, 0.05, -0.6];
    const y = [1, 0, 0.6, 1, 0];
    for (const options of [
      {},
      { reduction: "sum" as const },
      { posWeight: 3 },
      { posWeight: 0.5, reduction: "sum" as const },
    ]) {
      expectClose(
        binaryCrossEntropyWithLogitsGrad(zs, y, options),
        numericGradient((v) => binaryCrossEntropyWithLogits(v, y, options), zs),
      );
    }
  });

  it("rejects mismatched lengths and a posWeight that is not a number", () => {
    expect(() => binaryCrossEntropyWithLogits([0.5], [1, 0])).toThrow(
      "byhand.binaryCrossEntropyWithLogits: target: expected length 1 (the length of logits), got 2",
    );
    expect(() => binaryCrossEntropyWithLogitsGrad([0.5], [1], { posWeight: NaN })).toThrow(
      "byhand.binaryCrossEntropyWithLogitsGrad: posWeight: expected a finite number, got null",
    );
  });
});
