import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { lineWithOutliers } from "../../src/data/datasets";
import { fitLine } from "../../src/train/line";

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** Gradient descent on a line, iterated by hand in float64 with the derivative ℓ'(residual). */
function descendByHand(
  x: number[],
  y: number[],
  derivative: (residual: number) => number,
  { learningRate, steps, intercept }: { learningRate: number; steps: number; intercept: boolean },
): { slopes: number[]; intercepts: number[] } {
  let [slope, offset] = [0, 0];
  const slopes = [slope];
  const intercepts = [offset];
  for (let k = 0; k < steps; k++) {
    const d = x.map((xi, i) => derivative(slope * xi + offset - y[i]));
    const gradSlope = mean(d.map((di, i) => di * x[i]));
    const gradOffset = mean(d);
    slope -= learningRate * gradSlope;
    if (intercept) offset -= learningRate * gradOffset;
    slopes.push(slope);
    intercepts.push(offset);
  }
  return { slopes, intercepts };
}

describe("fitLine", () => {
  const x = [1, 2, 3, 4];
  const y = [2, 4, 6, 8];

  it("reproduces the plain SGD example step by step: θₖ = 2(1 − 0.85ᵏ)", () => {
    const fit = fitLine(x, y);
    const byHand = descendByHand(x, y, (r) => 2 * r, { learningRate: 0.01, steps: 100, intercept: false });
    expect(fit.slopeHistory).toHaveLength(101);
    fit.slopeHistory.forEach((theta, k) => {
      expect(theta).toBeCloseTo(byHand.slopes[k], 5);
      // ∂L/∂θ = mean(2(θx − y)x) = 15(θ − 2), so θ ← θ − 0.15(θ − 2).
      expect(theta).toBeCloseTo(2 * (1 - 0.85 ** k), 5);
    });
    expect(fit.slope).toBeCloseTo(2, 5);
    expect(fit.intercept).toBe(0);
    expect(fit.interceptHistory.every((b) => b === 0)).toBe(true);
    // L(θ) = mean((θx − y)²) = 7.5 (θ − 2)².
    fit.lossHistory.forEach((loss, k) => expect(loss).toBeCloseTo(7.5 * (fit.slopeHistory[k] - 2) ** 2, 4));
    expect(fit.lossHistory[0]).toBeCloseTo(30, 5);
  });

  it("fits an intercept too, matching the by-hand descent", () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = xs.map((v) => 3 * v + 1);
    const fit = fitLine(xs, ys, { intercept: true, learningRate: 0.05, steps: 400 });
    const byHand = descendByHand(xs, ys, (r) => 2 * r, { learningRate: 0.05, steps: 400, intercept: true });
    expect(fit.slope).toBeCloseTo(byHand.slopes[400], 4);
    expect(fit.intercept).toBeCloseTo(byHand.intercepts[400], 4);
    expect(fit.slope).toBeCloseTo(3, 2);
    expect(fit.intercept).toBeCloseTo(1, 2);
  });

  it("follows Huber's gradient, clipped at ±δ", () => {
    const options = { loss: "huber" as const, delta: 1.5, learningRate: 0.02, steps: 30, intercept: true };
    const fit = fitLine(x, [2, 4, 6, 20], options);
    const clip = (r: number) => Math.max(-1.5, Math.min(1.5, r));
    const byHand = descendByHand(x, [2, 4, 6, 20], clip, options);
    fit.slopeHistory.forEach((theta, k) => expect(theta).toBeCloseTo(byHand.slopes[k], 4));
    fit.interceptHistory.forEach((b, k) => expect(b).toBeCloseTo(byHand.intercepts[k], 4));
  });

  it("follows L1's sign gradient while no residual crosses zero", () => {
    // From θ = 0 every residual −2xᵢ < 0: each step adds η·mean(x) = 0.025 until θ reaches 2.
    const fit = fitLine(x, y, { loss: "l1", steps: 40 });
    fit.slopeHistory.forEach((theta, k) => expect(theta).toBeCloseTo(0.025 * k, 5));
    fit.lossHistory.forEach((loss, k) => expect(loss).toBeCloseTo(2.5 * (2 - 0.025 * k), 4));
  });

  it("under outliers, L1 stays near the clean line while MSE is pulled away", () => {
    const data = lineWithOutliers({ seed: 3, outliers: 4, outlierShift: 30 });
    const options = { intercept: true, learningRate: 0.02, steps: 800 };
    const mse = fitLine(data.x, data.y, options);
    const l1 = fitLine(data.x, data.y, { ...options, loss: "l1" });
    const errorAt5 = (fit: { slope: number; intercept: number }) =>
      Math.abs(fit.slope * 5 + fit.intercept - (data.slope * 5 + data.intercept));
    expect(errorAt5(l1)).toBeLessThan(0.5);
    expect(errorAt5(mse)).toBeGreaterThan(2);
    expect(mse.lossHistory[800]).toBeLessThan(mse.lossHistory[0]);
  });

  it("is deterministic and leaves no tensor behind", () => {
    const before = tf.memory().numTensors;
    const first = fitLine(x, y, { loss: "huber", intercept: true, steps: 20 });
    expect(tf.memory().numTensors).toBe(before);
    expect(fitLine(x, y, { loss: "huber", intercept: true, steps: 20 })).toEqual(first);
  });

  it("starts where asked and takes zero steps", () => {
    const fit = fitLine(x, y, { steps: 0, initialSlope: 1 });
    expect(fit.slopeHistory).toEqual([1]);
    expect(fit.lossHistory[0]).toBeCloseTo(7.5, 5);
  });

  it("rejects mismatched data, a bad schedule and an unknown loss", () => {
    expect(() => fitLine([1, 2], [1])).toThrow(/fitLine: y: expected 2 entries/);
    expect(() => fitLine([], [])).toThrow(/fitLine: x: expected at least one value/);
    expect(() => fitLine(x, y, { learningRate: 0 })).toThrow(
      /fitLine: learningRate: expected a finite number > 0, got 0/,
    );
    expect(() => fitLine(x, y, { steps: 2.5 })).toThrow(/fitLine: steps: expected an integer ≥ 0, got 2.5/);
    expect(() => fitLine(x, y, { loss: "hinge" as "mse" })).toThrow(
      /fitLine: loss: expected "mse", "l1" or "huber", got "hinge"/,
    );
  });
});
