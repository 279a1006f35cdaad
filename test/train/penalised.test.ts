import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { sparseRegression } from "../../src/data/datasets";
import { seededRandom } from "../../src/data/random";
import { fitPenalisedRegression, type Penalty } from "../../src/train/penalised";

describe("fitPenalisedRegression", () => {
  const x = [
    [1, 0.5],
    [0, 1],
    [2, -1],
    [1, 1],
  ];
  const y = [1, 2, 0, 3];

  for (const [penalty, penaltyGradient] of [
    ["none", () => 0],
    ["l1", (w: number) => 0.3 * Math.sign(w)],
    ["l2", (w: number) => 2 * 0.3 * w],
  ] as [Penalty, (w: number) => number][]) {
    it(`${penalty}: takes the gradient step computed by hand, 2/N·Xᵀ(Xw + b − y) + ∂penalty`, () => {
      const fit = fitPenalisedRegression(x, y, { penalty, strength: 0.3, learningRate: 0.1, steps: 1, seed: 7 });
      const random = seededRandom(7);
      const w = [random.normal(0, 0.01), random.normal(0, 0.01)];
      const residuals = x.map((row, n) => row[0] * w[0] + row[1] * w[1] - y[n]);
      const gradW = w.map(
        (wi, i) => residuals.reduce((s, r, n) => s + (2 * r * x[n][i]) / x.length, 0) + penaltyGradient(wi),
      );
      const gradB = residuals.reduce((s, r) => s + (2 * r) / x.length, 0);
      expect(fit.weightHistory[0][0]).toBeCloseTo(w[0], 7);
      fit.weights.forEach((v, i) => expect(v).toBeCloseTo(w[i] - 0.1 * gradW[i], 6));
      expect(fit.bias).toBeCloseTo(-0.1 * gradB, 6);
    });
  }

  const data = sparseRegression({ seed: 1, n: 30, features: 20, nonZero: 3, noise: 0.5 });
  const fits = Object.fromEntries(
    (["none", "l1", "l2"] as const).map((penalty) => [
      penalty,
      fitPenalisedRegression(data.x, data.y, { penalty, strength: 0.1, steps: 400 }),
    ]),
  );

  it("records an objective equal to the MSE plus λ times the penalty at every step", () => {
    const { l1, l2 } = fits;
    l1.lossHistory.forEach((loss, k) => {
      const norm1 = l1.weightHistory[k].reduce((s, w) => s + Math.abs(w), 0);
      expect(loss).toBeCloseTo(l1.dataLossHistory[k] + 0.1 * norm1, 4);
    });
    l2.lossHistory.forEach((loss, k) => {
      const norm2 = l2.weightHistory[k].reduce((s, w) => s + w * w, 0);
      expect(loss).toBeCloseTo(l2.dataLossHistory[k] + 0.1 * norm2, 4);
    });
    expect(fits.none.lossHistory).toEqual(fits.none.dataLossHistory);
    expect(l1.weightHistory).toHaveLength(401);
  });

  it("finds the true non-zero weights; L1 silences many more of the others than L2", () => {
    const support = data.trueWeights.flatMap((w, i) => (w !== 0 ? [i] : []));
    const nearZero = (weights: number[]) => weights.filter((w, i) => !support.includes(i) && Math.abs(w) < 0.02).length;
    for (const fit of Object.values(fits)) {
      for (const i of support) expect(Math.abs(fit.weights[i] - data.trueWeights[i])).toBeLessThan(0.5);
    }
    expect(nearZero(fits.l1.weights)).toBeGreaterThanOrEqual(2 * nearZero(fits.l2.weights));
    expect(nearZero(fits.l1.weights)).toBeGreaterThanOrEqual(9);
    // The unpenalised fit reaches the lowest training error.
    expect(fits.none.dataLossHistory[400]).toBeLessThan(fits.l1.dataLossHistory[400]);
    expect(fits.none.dataLossHistory[400]).toBeLessThan(fits.l2.dataLossHistory[400]);
  });

  it("predicts with its weights and bias", () => {
    const { weights, bias } = fits.l2;
    expect(fits.l2.predict([data.x[0]])[0]).toBeCloseTo(
      data.x[0].reduce((s, v, i) => s + v * weights[i], bias),
      10,
    );
  });

  it("reproduces a seed and leaves no tensor behind", () => {
    const before = tf.memory().numTensors;
    const first = fitPenalisedRegression(x, y, { penalty: "l1", steps: 5, seed: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(fitPenalisedRegression(x, y, { penalty: "l1", steps: 5, seed: 2 }).weightHistory).toEqual(
      first.weightHistory,
    );
    expect(fitPenalisedRegression(x, y, { penalty: "l1", steps: 5, seed: 3 }).weights).not.toEqual(first.weights);
  });

  it("rejects an unknown penalty, a negative strength and mismatched data", () => {
    expect(() => fitPenalisedRegression(x, y, { penalty: "elastic" as Penalty })).toThrow(
      /fitPenalisedRegression: penalty: expected "none", "l1" or "l2"/,
    );
    expect(() => fitPenalisedRegression(x, y, { penalty: "l1", strength: -1 })).toThrow(/l1Penalty: coefficient/);
    expect(() => fitPenalisedRegression(x, [1])).toThrow(/fitPenalisedRegression: y: expected 4 entries/);
  });
});
