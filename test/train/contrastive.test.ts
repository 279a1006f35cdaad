import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { contrastivePairs } from "../../src/data/datasets";
import { seededRandom } from "../../src/data/random";
import { trainContrastiveEmbedding } from "../../src/train/contrastive";

const pairs = contrastivePairs({ seed: 2, pairs: 60 });

function distance(a: number[], b: number[]): number {
  return Math.hypot(...a.map((v, i) => v - b[i]));
}

describe("trainContrastiveEmbedding", () => {
  const model = trainContrastiveEmbedding(pairs.x1, pairs.x2, pairs.label, { steps: 150 });

  it("lowers the loss and pulls similar pairs closer than dissimilar ones", () => {
    expect(model.lossHistory).toHaveLength(151);
    expect(model.lossHistory[150]).toBeLessThan(model.lossHistory[0] / 2);
    const e1 = model.embed(pairs.x1);
    const e2 = model.embed(pairs.x2);
    const meanDistance = (l: number) => {
      const ds = pairs.label.flatMap((li, i) => (li === l ? [distance(e1[i], e2[i])] : []));
      return ds.reduce((s, d) => s + d, 0) / ds.length;
    };
    expect(meanDistance(0)).toBeLessThan(0.5 * meanDistance(1));
    expect(meanDistance(1)).toBeGreaterThan(0.7);
  });

  it("takes the gradient step computed by hand", () => {
    // d = ‖u‖, u = (x1 − x2)W + 1e-6; ∂d²/∂W = 2 (x1 − x2)ᵀ u; ∂(m − d)²/∂W = −2 (m − d) (x1 − x2)ᵀ u / d.
    const x1 = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    const x2 = [
      [0, 1],
      [0, 0.5],
      [1.2, 0.9],
    ];
    const label = [1, 0, 1];
    const [margin, learningRate] = [2, 0.1];
    const trained = trainContrastiveEmbedding(x1, x2, label, {
      steps: 1,
      margin,
      learningRate,
      seed: 5,
      embeddingSize: 2,
    });
    const random = seededRandom(5);
    const w = [0, 1].map(() => [0, 1].map(() => random.normal(0, 0.5)));
    const grad = [
      [0, 0],
      [0, 0],
    ];
    x1.forEach((a, n) => {
      const diff = a.map((v, i) => v - x2[n][i]);
      const u = [0, 1].map((j) => diff[0] * w[0][j] + diff[1] * w[1][j] + 1e-6);
      const d = Math.hypot(...u);
      const scale = label[n] === 0 ? 2 : d < margin ? (-2 * (margin - d)) / d : 0;
      diff.forEach((di, i) => u.forEach((uj, j) => (grad[i][j] += (scale * di * uj) / x1.length)));
    });
    trained.weights.forEach((row, i) =>
      row.forEach((v, j) => expect(v).toBeCloseTo(w[i][j] - learningRate * grad[i][j], 5)),
    );
  });

  it("embeds with its weights, reproduces a seed and leaves no tensor behind", () => {
    const before = tf.memory().numTensors;
    const run = () =>
      trainContrastiveEmbedding(pairs.x1, pairs.x2, pairs.label, { steps: 5, seed: 3, embeddingSize: 3 });
    const first = run();
    expect(tf.memory().numTensors).toBe(before);
    expect(run()).toMatchObject({ weights: first.weights, lossHistory: first.lossHistory });
    const [p] = pairs.x1;
    expect(first.embed([p])[0]).toEqual([0, 1, 2].map((j) => p[0] * first.weights[0][j] + p[1] * first.weights[1][j]));
  });

  it("rejects mismatched pairs and labels other than 0 and 1", () => {
    expect(() =>
      trainContrastiveEmbedding(
        [[0, 0]],
        [
          [1, 1],
          [2, 2],
        ],
        [0],
      ),
    ).toThrow(/trainContrastiveEmbedding: x2: expected 1 entries/);
    expect(() => trainContrastiveEmbedding([[0, 0]], [[1, 1, 1]], [0])).toThrow(
      /x2: expected rows of 2 numbers \(as x1\), got 3/,
    );
    expect(() => trainContrastiveEmbedding([[0, 0]], [[1, 1]], [2])).toThrow(/contrastiveLoss: label/);
  });
});
