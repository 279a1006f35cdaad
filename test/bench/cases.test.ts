import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { BENCH_CASES } from "../../bench/cases";
import { makeInputs, type InputName } from "../../bench/inputs";

// The bench compares timings only if its contenders compute the same loss on the same arrays.
describe("bench cases", () => {
  const inputs = makeInputs(8, 5, 3);
  const valueOf = (loss: (...t: tf.Tensor[]) => tf.Tensor, names: InputName[]) =>
    tf.tidy(
      () => loss(...names.map((n) => tf.tensor(inputs[n].values, inputs[n].shape, inputs[n].dtype))).dataSync()[0],
    );

  it("covers the six losses of the comparison", () => {
    expect(BENCH_CASES.map((c) => c.loss)).toEqual([
      "l1Loss",
      "mseLoss",
      "huberLoss",
      "crossEntropy",
      "binaryCrossEntropyWithLogits",
      "klDiv",
    ]);
  });

  for (const c of BENCH_CASES) {
    it(`${c.loss}: the tfjs built-in and the by-hand version compute losslab's value`, () => {
      const value = valueOf(c.losslab, c.inputs);
      expect(Number.isFinite(value)).toBe(true);
      if (c.builtin !== undefined) expect(valueOf(c.builtin.loss, c.builtin.inputs)).toBeCloseTo(value, 5);
      if (c.byhand !== undefined) expect(c.byhand(inputs).forward()).toBeCloseTo(value, 5);
    });
  }

  it("leaves no tensor behind", () => {
    const before = tf.memory().numTensors;
    for (const c of BENCH_CASES) valueOf(c.losslab, c.inputs);
    expect(tf.memory().numTensors).toBe(before);
  });
});
