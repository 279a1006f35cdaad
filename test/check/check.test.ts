import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { assertClose, assertThrows } from "../../src/check";

describe("assertClose", () => {
  it("accepts values within tolerance and returns nothing, so a notebook cell ending with it shows nothing", () => {
    expect(assertClose([1, 2.000001], [1, 2])).toBeUndefined();
    expect(assertClose(NaN, NaN)).toBeUndefined();
  });

  it("reads tensors and nested arrays", () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    expect(() =>
      assertClose(t, [
        [1, 2],
        [3, 4],
      ]),
    ).not.toThrow();
    expect(() => assertClose(t, [[1, 2, 3, 4]])).toThrow("value: expected shape [1,4], got [2,2]");
    expect(() => assertClose(t, [1, 2, 3, 4])).toThrow("value: expected shape [4], got [2,2]");
    t.dispose();
  });

  it("names the label, the index and both values when they differ", () => {
    expect(() => assertClose([1, 2.1], [1, 2], { label: "mse" })).toThrow("mse: expected 2 at flat index 1, got 2.1");
    expect(() => assertClose(NaN, 0)).toThrow(/expected 0 at flat index 0, got NaN/);
    expect(() => assertClose(Infinity, 1e30)).toThrow(/got Infinity/);
  });

  it("rejects a shape mismatch even with equal numbers", () => {
    expect(() => assertClose([[1, 2]], [1, 2])).toThrow("value: expected shape [2], got [1,2]");
  });
});

describe("assertThrows", () => {
  it("returns the message of a matching error", () => {
    expect(
      assertThrows(() => {
        throw new Error("bad target");
      }, /target/),
    ).toBe("bad target");
  });

  it("fails when nothing is thrown or the message differs", () => {
    expect(() => assertThrows(() => 1, /x/, "f")).toThrow("f: expected an error matching /x/");
    expect(() =>
      assertThrows(() => {
        throw new Error("other");
      }, /x/),
    ).toThrow(/does not match/);
  });
});
