import { describe, expect, it } from "vitest";
import {
  contrastivePairs,
  DEFAULT_BLOB_CENTERS,
  evenlySpaced,
  gaussianBlobs,
  lineWithOutliers,
  multiTask,
  sparseRegression,
} from "../../src/data/datasets";

const generators = {
  lineWithOutliers: (seed: number) => lineWithOutliers({ seed }),
  gaussianBlobs: (seed: number) => gaussianBlobs({ seed }),
  contrastivePairs: (seed: number) => contrastivePairs({ seed }),
  multiTask: (seed: number) => multiTask({ seed }),
  sparseRegression: (seed: number) => sparseRegression({ seed }),
};

describe("every generator", () => {
  for (const [name, generate] of Object.entries(generators)) {
    it(`${name}: the same seed gives the same numbers, another seed others`, () => {
      expect(generate(11)).toEqual(generate(11));
      expect(generate(11)).not.toEqual(generate(12));
    });
  }

  it("defaults to seed 0", () => {
    expect(gaussianBlobs()).toEqual(gaussianBlobs({ seed: 0 }));
  });
});

describe("lineWithOutliers", () => {
  it("scatters the clean points around the line and shifts exactly the outliers", () => {
    const data = lineWithOutliers({
      seed: 1,
      n: 40,
      slope: 3,
      intercept: -1,
      noise: 0.2,
      outliers: 4,
      outlierShift: 20,
    });
    expect(data.x).toHaveLength(40);
    expect(data.y).toHaveLength(40);
    expect(data.x[0]).toBe(0);
    expect(data.x[39]).toBe(10);
    expect(data.outlierIndices).toHaveLength(4);
    expect(new Set(data.outlierIndices).size).toBe(4);
    expect(data.outlierIndices).toEqual(data.outlierIndices.slice().sort((a, b) => a - b));
    data.x.forEach((x, i) => {
      const residual = data.y[i] - (3 * x - 1);
      if (data.outlierIndices.includes(i)) expect(Math.abs(residual - 20)).toBeLessThan(5 * 0.2);
      else expect(Math.abs(residual)).toBeLessThan(5 * 0.2);
    });
  });

  it("rejects more outliers than points", () => {
    expect(() => lineWithOutliers({ n: 3, outliers: 4 })).toThrow(
      /lineWithOutliers: outliers: expected an integer in \[0, 3\], got 4/,
    );
  });
});

describe("gaussianBlobs", () => {
  it("centres each class on its center with the requested spread", () => {
    const { points, labels, centers } = gaussianBlobs({ seed: 2, perClass: 400, std: 0.5 });
    expect(centers).toEqual(DEFAULT_BLOB_CENTERS);
    expect(points).toHaveLength(1200);
    expect(labels.filter((l) => l === 2)).toHaveLength(400);
    centers.forEach(([cx, cy], c) => {
      const own = points.filter((_, i) => labels[i] === c);
      // Standard error of each mean: 0.5 / 20 = 0.025.
      expect(Math.abs(avg(own.map((p) => p[0])) - cx)).toBeLessThan(0.1);
      expect(Math.abs(avg(own.map((p) => p[1])) - cy)).toBeLessThan(0.1);
      expect(Math.abs(std(own.map((p) => p[0])) - 0.5)).toBeLessThan(0.06);
    });
  });

  it("takes custom centers", () => {
    const { labels, centers } = gaussianBlobs({
      perClass: 2,
      centers: [
        [0, 0],
        [5, 5],
      ],
    });
    expect(labels).toEqual([0, 0, 1, 1]);
    expect(centers).toEqual([
      [0, 0],
      [5, 5],
    ]);
  });
});

describe("contrastivePairs", () => {
  it("labels a pair 0 when both points share a blob and 1 otherwise", () => {
    const { x1, x2, label, class1, class2 } = contrastivePairs({ seed: 3, pairs: 201 });
    expect(x1).toHaveLength(201);
    expect(x2).toHaveLength(201);
    expect(label.filter((l) => l === 0)).toHaveLength(101);
    label.forEach((l, i) => {
      expect(l).toBe(i % 2);
      expect(class1[i] === class2[i]).toBe(l === 0);
    });
    // Similar pairs are close, dissimilar ones far, on average (blob centers are ≥ 3.6 apart).
    const distance = (i: number) => Math.hypot(x1[i][0] - x2[i][0], x1[i][1] - x2[i][1]);
    const byLabel = (l: number) => avg(label.flatMap((li, i) => (li === l ? [distance(i)] : [])));
    expect(byLabel(0)).toBeLessThan(1.5);
    expect(byLabel(1)).toBeGreaterThan(3);
  });

  it("needs two blobs", () => {
    expect(() => contrastivePairs({ centers: [[0, 0]] })).toThrow(/contrastivePairs: centers.length/);
  });
});

describe("multiTask", () => {
  it("derives both targets from the features", () => {
    const data = multiTask({ seed: 4, n: 300, features: 5, classes: 4, noise: 0.1 });
    expect(data.features).toHaveLength(300);
    expect(data.features[0]).toHaveLength(5);
    expect(data.classWeights).toHaveLength(4);
    const residuals = data.features.map(
      (row, i) => data.regressionTarget[i] - row.reduce((s, v, j) => s + v * data.regressionWeights[j], 0),
    );
    expect(Math.abs(std(residuals) - 0.1)).toBeLessThan(0.02);
    data.features.forEach((row, i) => {
      const scores = data.classWeights.map((w) => row.reduce((s, v, j) => s + v * w[j], 0));
      expect(data.classLabel[i]).toBe(scores.indexOf(Math.max(...scores)));
    });
    expect(new Set(data.classLabel).size).toBe(4);
  });
});

describe("sparseRegression", () => {
  it("has exactly nonZero true weights of size 1 to 3 and y linear in x", () => {
    const data = sparseRegression({ seed: 5, n: 80, features: 12, nonZero: 4, noise: 0.05 });
    const nonZero = data.trueWeights.filter((w) => w !== 0);
    expect(data.trueWeights).toHaveLength(12);
    expect(nonZero).toHaveLength(4);
    for (const w of nonZero) {
      expect(Math.abs(w)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(w)).toBeLessThanOrEqual(3);
    }
    const residuals = data.x.map((row, i) => data.y[i] - row.reduce((s, v, j) => s + v * data.trueWeights[j], 0));
    expect(Math.max(...residuals.map(Math.abs))).toBeLessThan(5 * 0.05);
  });
});

describe("evenlySpaced", () => {
  it("includes both ends", () => {
    expect(evenlySpaced(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(evenlySpaced(2, 3, 1)).toEqual([2]);
  });
});

function avg(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function std(values: number[]): number {
  const m = avg(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
}
