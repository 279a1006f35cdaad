import { describe, expect, it } from "vitest";
import { logSoftmaxRows, makeInputs, oneHotRows, readOnce } from "../../bench/inputs";

describe("logSoftmaxRows", () => {
  it("normalises each row on its own", () => {
    // row [0, ln 3]: exps 1 and 3, total 4 → log(1/4), log(3/4); row [5, 5] → log(1/2) twice
    const out = logSoftmaxRows(Float32Array.from([0, Math.log(3), 5, 5]), 2);
    [Math.log(0.25), Math.log(0.75), Math.log(0.5), Math.log(0.5)].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });
});

describe("oneHotRows", () => {
  it("puts a 1 at each row's label", () => {
    expect(Array.from(oneHotRows(Int32Array.from([2, 0]), 3))).toEqual([0, 0, 1, 1, 0, 0]);
  });
});

describe("readOnce", () => {
  it("sums every element of every array, the tail past a multiple of 4 included", () => {
    // 1 + … + 6 = 21, plus 10 + 20 = 30
    expect(readOnce([Float32Array.from([1, 2, 3, 4, 5, 6]), Int32Array.from([10, 20])])).toBe(51);
  });
});

describe("makeInputs", () => {
  const inputs = makeInputs(6, 4, 7);

  it("is the same for the same seed and differs for another", () => {
    expect(makeInputs(6, 4, 7).x.values).toEqual(inputs.x.values);
    expect(makeInputs(6, 4, 8).x.values).not.toEqual(inputs.x.values);
  });

  it("gives every array its shape and dtype", () => {
    for (const [name, array] of Object.entries(inputs)) {
      const expected = name === "labels" ? [6] : [6, 4];
      expect(array.shape, name).toEqual(expected);
      expect(array.values.length, name).toBe(expected.reduce((a, b) => a * b));
      expect(array.values instanceof Int32Array, name).toBe(name === "labels");
    }
  });

  it("derives the classification arrays from x, y and labels", () => {
    const { x, y, labels, oneHot, binaryTargets, logQ, q, p } = inputs;
    expect(Array.from(labels.values).every((l) => Number.isInteger(l) && l >= 0 && l < 4)).toBe(true);
    expect(oneHot.values).toEqual(oneHotRows(labels.values as Int32Array, 4));
    expect(Array.from(binaryTargets.values).every((t) => t === 0 || t === 1)).toBe(true);
    for (let r = 0; r < 6; r++) {
      const row = (a: Float32Array | Int32Array) => Array.from(a.subarray(r * 4, r * 4 + 4));
      expect(row(q.values).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
      expect(row(p.values).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
      // log-softmax shifts a row by a constant: differences of logQ are those of x
      expect(row(logQ.values)[1] - row(logQ.values)[0]).toBeCloseTo(row(x.values)[1] - row(x.values)[0], 5);
      expect(Math.log(row(p.values)[2] / row(p.values)[3])).toBeCloseTo(row(y.values)[2] - row(y.values)[3], 5);
    }
    expect(Array.from(q.values)).toEqual(Array.from(logQ.values).map((v) => Math.fround(Math.exp(v))));
  });
});
