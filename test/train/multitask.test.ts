import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { multiTask } from "../../src/data/datasets";
import { trainMultiTask } from "../../src/train/multitask";

const data = multiTask({ seed: 1, n: 120 });
const train = (options: Parameters<typeof trainMultiTask>[3]) =>
  trainMultiTask(data.features, data.regressionTarget, data.classLabel, options);

describe("trainMultiTask", () => {
  const model = train({ steps: 250 });

  it("learns both tasks through the shared layer", () => {
    const { regression, classes } = model.predict(data.features);
    const mse = regression.reduce((s, p, i) => s + (p - data.regressionTarget[i]) ** 2, 0) / regression.length;
    const accuracy = classes.filter((c, i) => c === data.classLabel[i]).length / classes.length;
    expect(mse).toBeLessThan(0.05);
    expect(accuracy).toBeGreaterThan(0.9);
    expect(model.regressionLossHistory[250]).toBeCloseTo(mse, 3);
    expect(model.lossHistory[250]).toBeLessThan(model.lossHistory[0] / 5);
  });

  it("records the weighted objective and both of its terms at every step", () => {
    const weighted = train({ steps: 20, regressionWeight: 2, classificationWeight: 0.5 });
    expect(weighted.lossHistory).toHaveLength(21);
    expect(weighted.regressionLossHistory).toHaveLength(21);
    weighted.lossHistory.forEach((loss, k) =>
      expect(loss).toBeCloseTo(2 * weighted.regressionLossHistory[k] + 0.5 * weighted.classificationLossHistory[k], 4),
    );
  });

  it("leaves a head untouched when its task weighs 0", () => {
    const start = train({ steps: 0 }).parameters;
    const regressionOnly = train({ steps: 10, classificationWeight: 0 }).parameters;
    const classificationOnly = train({ steps: 10, regressionWeight: 0 }).parameters;
    expect(regressionOnly.classificationHead).toEqual(start.classificationHead);
    expect(regressionOnly.classificationBias).toEqual(start.classificationBias);
    expect(regressionOnly.regressionHead).not.toEqual(start.regressionHead);
    expect(classificationOnly.regressionHead).toEqual(start.regressionHead);
    expect(classificationOnly.shared).not.toEqual(start.shared);
  });

  it("has the shapes of a shared layer and two heads", () => {
    const { parameters } = train({ steps: 0, hidden: 5 });
    expect([parameters.shared.length, parameters.shared[0].length]).toEqual([4, 5]);
    expect([parameters.regressionHead.length, parameters.regressionHead[0].length]).toEqual([5, 1]);
    expect([parameters.classificationHead.length, parameters.classificationHead[0].length]).toEqual([5, 3]);
    expect(parameters.classificationBias).toEqual([0, 0, 0]);
  });

  it("reproduces a seed and leaves no tensor behind", () => {
    const before = tf.memory().numTensors;
    const first = train({ steps: 5, seed: 4 });
    expect(tf.memory().numTensors).toBe(before);
    expect(train({ steps: 5, seed: 4 }).parameters).toEqual(first.parameters);
    expect(train({ steps: 5, seed: 5 }).parameters).not.toEqual(first.parameters);
  });

  it("rejects mismatched targets and a negative task weight", () => {
    expect(() => trainMultiTask(data.features, [1], data.classLabel)).toThrow(
      /trainMultiTask: regressionTarget: expected 120 entries/,
    );
    expect(() => train({ steps: 1, classificationWeight: -1 })).toThrow(/weightedSum: terms.classification.weight/);
  });
});
