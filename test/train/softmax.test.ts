import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { gaussianBlobs } from "../../src/data/datasets";
import { seededRandom } from "../../src/data/random";
import { trainSoftmaxClassifier } from "../../src/train/softmax";

const blobs = gaussianBlobs({ seed: 1, perClass: 30 });

describe("trainSoftmaxClassifier", () => {
  const model = trainSoftmaxClassifier(blobs.points, blobs.labels, { steps: 150 });

  it("separates the three blobs and lowers the cross-entropy from about ln 3", () => {
    expect(model.lossHistory).toHaveLength(151);
    // Initial weights are tiny (std 0.01), so every class starts near probability 1/3.
    expect(model.lossHistory[0]).toBeCloseTo(Math.log(3), 1);
    expect(model.lossHistory[150]).toBeLessThan(0.15);
    expect(model.lossHistory[150]).toBeLessThan(model.lossHistory[10]);
    expect(model.accuracy).toBeGreaterThan(0.95);
    expect(model.predict(blobs.centers)).toEqual([0, 1, 2]);
  });

  it("gives probabilities that sum to 1 and agree with predict", () => {
    const grid = [
      [-3, -3],
      [0, 0],
      [3, 3],
      [0, 4],
    ];
    const probabilities = model.probabilities(grid);
    probabilities.forEach((row, i) => {
      expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
      expect(model.predict(grid)[i]).toBe(row.indexOf(Math.max(...row)));
    });
    expect(model.weights).toHaveLength(2);
    expect(model.weights[0]).toHaveLength(3);
    expect(model.bias).toHaveLength(3);
  });

  it("takes the gradient step computed by hand: W ← W − η Xᵀ(softmax(XW + b) − onehot(y)) / N", () => {
    const points = [
      [1, 0],
      [0, 1],
      [-1, -1],
      [2, 1],
    ];
    const labels = [0, 1, 2, 0];
    const learningRate = 0.3;
    const trained = trainSoftmaxClassifier(points, labels, { steps: 1, learningRate, seed: 9 });
    // The initial weights, drawn as the trainer draws them: row-major, normal with std 0.01.
    const random = seededRandom(9);
    const w = [0, 1].map(() => [0, 1, 2].map(() => random.normal(0, 0.01)));
    const gradW = w.map((row) => row.map(() => 0));
    const gradB = [0, 0, 0];
    points.forEach((p, n) => {
      const logits = [0, 1, 2].map((c) => p[0] * w[0][c] + p[1] * w[1][c]);
      const exps = logits.map(Math.exp);
      const total = exps.reduce((s, e) => s + e, 0);
      exps.forEach((e, c) => {
        const error = e / total - (labels[n] === c ? 1 : 0);
        gradB[c] += error / points.length;
        gradW[0][c] += (p[0] * error) / points.length;
        gradW[1][c] += (p[1] * error) / points.length;
      });
    });
    trained.weights.forEach((row, i) =>
      row.forEach((v, c) => expect(v).toBeCloseTo(w[i][c] - learningRate * gradW[i][c], 6)),
    );
    trained.bias.forEach((v, c) => expect(v).toBeCloseTo(-learningRate * gradB[c], 6));
  });

  it("reproduces a seed, differs for another, and leaves no tensor behind", () => {
    const before = tf.memory().numTensors;
    const run = (seed: number) => trainSoftmaxClassifier(blobs.points, blobs.labels, { steps: 5, seed });
    const first = run(4);
    expect(tf.memory().numTensors).toBe(before);
    expect(run(4).weights).toEqual(first.weights);
    expect(run(4).lossHistory).toEqual(first.lossHistory);
    expect(run(5).weights).not.toEqual(first.weights);
  });

  it("rejects labels that are not classes and points that are ragged", () => {
    expect(() =>
      trainSoftmaxClassifier(
        [
          [0, 0],
          [1, 1],
        ],
        [0, 2],
        { classes: 2 },
      ),
    ).toThrow(/trainSoftmaxClassifier: labels: expected class indices in \[0, 2\), got 2 at index 1/);
    expect(() =>
      trainSoftmaxClassifier(
        [
          [0, 0],
          [1, 1],
        ],
        [0, 0.5],
      ),
    ).toThrow(/labels: expected class indices/);
    expect(() => trainSoftmaxClassifier([[0, 0], [1]], [0, 1])).toThrow(
      /points: expected rows of 2 numbers, got 1 in row 1/,
    );
    expect(() => trainSoftmaxClassifier([[0, 0]], [0, 1])).toThrow(/labels: expected 1 entries/);
  });
});
