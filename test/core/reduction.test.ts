import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { LossInputError } from "../../src/core/errors";
import { tracedConstant } from "../../src/core/gradient";
import { checkReduction, KL_REDUCTIONS, reduce, sumAll } from "../../src/core/reduction";

// Expected values for empty tensors are PyTorch 1.13.1's (/usr/bin/python3):
//   torch.zeros(0, 3).sum() → 0.;  torch.zeros(0, 3).mean() → nan;  their gradients → shape [0, 3]
// The wasm backend's own sum and mean of an empty tensor read uninitialised memory (about 3.6e-41),
// and its transpose of one throws: these tests run on the backend LOSSLAB_BACKEND names.

function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}

describe("reduce", () => {
  const loss = [
    [1, 2],
    [3, 6],
  ];

  it("returns the losses under none, their sum under sum and their average under mean", () => {
    const t = tf.tensor2d(loss);
    expect(reduce(t, "none")).toBe(t);
    expect(values(reduce(t, "sum"))).toEqual([12]); // 1 + 2 + 3 + 6
    expect(values(reduce(t, "mean"))).toEqual([3]); // 12 / 4
    expect(reduce(t, "mean").shape).toEqual([]);
  });

  it("gives 0 for the sum and NaN for the mean of an empty tensor, as torch", () => {
    for (const shape of [[0], [0, 3], [2, 0, 4]]) {
      const empty = tf.zeros(shape);
      expect(values(reduce(empty, "sum")), `sum ${shape}`).toEqual([0]);
      expect(values(reduce(empty, "mean")), `mean ${shape}`).toEqual([NaN]);
      expect(values(sumAll(empty))).toEqual([0]);
      expect(reduce(empty, "none").shape).toEqual(shape);
    }
  });

  it("differentiates through the empty cases: a gradient of the input's (empty) shape", () => {
    for (const reduction of ["sum", "mean"] as const) {
      const [dx] = tf.grads((x: tf.Tensor) => reduce(tf.mul(x, 2), reduction))([tf.zeros([0, 3])]);
      expect(dx.shape).toEqual([0, 3]);
    }
    // non-empty, by hand: d(mean)/dx = 1/4 each; d(sum)/dx = 1 each
    expect(values(tf.grad((x: tf.Tensor) => reduce(x, "mean"))(tf.tensor2d(loss)))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(values(tf.grad((x: tf.Tensor) => reduce(x, "sum"))(tf.tensor2d(loss)))).toEqual([1, 1, 1, 1]);
  });

  it("leaks no tensor on empty input, forward or backward", () => {
    const empty = tf.zeros([0, 3]);
    reduce(empty, "mean").dispose();
    const before = tf.memory().numTensors;
    reduce(empty, "mean").dispose();
    reduce(empty, "sum").dispose();
    tf.dispose(tf.grads((x: tf.Tensor) => reduce(x, "mean"))([empty]));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("tracedConstant", () => {
  it("fills the shape with the value", () => {
    const x = tf.tensor1d([1, 2]);
    expect(values(tracedConstant([2, 2], 7, x))).toEqual([7, 7, 7, 7]);
    expect(tracedConstant([0, 2], 7, x).shape).toEqual([0, 2]);
    expect(values(tracedConstant([], NaN, x))).toEqual([NaN]);
  });

  it("gives a zero gradient of each input's shape", () => {
    const [da, db] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tracedConstant([3], 5, a, b)))([
      tf.tensor1d([1, 2]),
      tf.tensor2d([[1], [2], [3]]),
    ]);
    expect([da.shape, values(da)]).toEqual([[2], [0, 0]]);
    expect([db.shape, values(db)]).toEqual([
      [3, 1],
      [0, 0, 0],
    ]);
  });

  it("still differentiates after a tidy has disposed the tensors it was traced to", () => {
    // mul(x, 2) is disposed when the tidy ends, before the gradient runs
    const [dx] = tf.grads((x: tf.Tensor) => tf.tidy(() => tracedConstant([], 1, tf.mul(x, 2))))([
      tf.tensor1d([1, 2, 3]),
    ]);
    expect([dx.shape, values(dx)]).toEqual([[3], [0, 0, 0]]);
  });
});

describe("checkReduction", () => {
  it("returns an allowed value and refuses others, naming the function and the allowed values", () => {
    expect(checkReduction("l1Loss", "sum")).toBe("sum");
    expect(checkReduction("klDiv", "batchmean", KL_REDUCTIONS)).toBe("batchmean");
    expect(() => checkReduction("l1Loss", "batchmean")).toThrow(
      new LossInputError("l1Loss", "reduction", 'expected one of "none", "mean", "sum", got "batchmean"'),
    );
    expect(() => checkReduction("l1Loss", undefined)).toThrow(/got undefined/);
  });
});
