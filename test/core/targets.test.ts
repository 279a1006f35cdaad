import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { LossInputError } from "../../src/core/errors";
import { checkIndexDtype, toClassIndices } from "../../src/core/targets";
import { toFloatTensor } from "../../src/core/tensor";

describe("toClassIndices", () => {
  it("accepts int32 tensors and number arrays, returning int32", () => {
    for (const value of [tf.tensor1d([2, 0, 1], "int32"), [2, 0, 1]]) {
      const indices = toClassIndices("f", "target", value, 3);
      expect(indices.dtype).toBe("int32");
      expect(Array.from(indices.dataSync())).toEqual([2, 0, 1]);
    }
  });

  it("keeps the shape, including a scalar", () => {
    expect(
      toClassIndices(
        "f",
        "target",
        [
          [0, 1],
          [1, 0],
        ],
        2,
      ).shape,
    ).toEqual([2, 2]);
    expect(toClassIndices("f", "target", 1, 2).shape).toEqual([]);
  });

  it("rejects non-integers, naming the value and its flat index", () => {
    expect(() => toClassIndices("f", "target", [0, 1.5], 3)).toThrow(
      new LossInputError("f", "target", "expected integer class indices, got 1.5 at flat index 1"),
    );
    expect(() => toClassIndices("f", "target", [NaN], 3)).toThrow(/expected integer class indices, got NaN/);
  });

  it("rejects classes out of [0, C), negatives included", () => {
    expect(() => toClassIndices("crossEntropy", "target", [0, 4], 4)).toThrow(
      "crossEntropy: target: class index 4 at flat index 1 is out of bounds: expected an integer in [0, 3] (4 classes)",
    );
    expect(() => toClassIndices("f", "target", tf.tensor1d([-2], "int32"), 4)).toThrow(
      /class index -2 .* out of bounds/,
    );
  });

  it("accepts the one extra value given, and names it when refusing others", () => {
    const extra = { value: -100, meaning: "ignoreIndex" };
    expect(Array.from(toClassIndices("f", "target", [-100, 1], 2, extra).dataSync())).toEqual([-100, 1]);
    expect(() => toClassIndices("f", "target", [-1], 2, extra)).toThrow(
      "f: target: class index -1 at flat index 0 is out of bounds: " +
        "expected an integer in [0, 1] (2 classes) or -100 (ignoreIndex)",
    );
  });
});

describe("toFloatTensor", () => {
  it("turns arrays into float32 tensors and passes float32 tensors through", () => {
    const made = toFloatTensor("f", "target", [[1, 0]], "probabilities");
    expect(made.dtype).toBe("float32");
    expect(made.shape).toEqual([1, 2]);
    const given = tf.tensor1d([0.5]);
    expect(toFloatTensor("f", "target", given, "probabilities")).toBe(given);
  });

  it("refuses int32 tensors as PyTorch refuses Long targets, saying how to convert", () => {
    expect(() => toFloatTensor("f", "target", tf.tensor1d([1, 0], "int32"), "probabilities")).toThrow(
      "f: target: expected a float32 tensor of probabilities, got dtype int32 " +
        '(convert it with tf.cast(target, "float32"))',
    );
  });
});

describe("checkIndexDtype", () => {
  it("refuses a float tensor of class indices, as PyTorch refuses a floating target", () => {
    expect(() => checkIndexDtype("f", "target", tf.tensor1d([2, 0, 1]))).toThrow(
      /^f: target: expected an int32 tensor of class indices, got dtype float32/,
    );
  });

  it("accepts int32 tensors and plain arrays", () => {
    expect(() => checkIndexDtype("f", "target", tf.tensor1d([2, 0], "int32"))).not.toThrow();
    expect(() => checkIndexDtype("f", "target", [2, 0])).not.toThrow();
  });
});
