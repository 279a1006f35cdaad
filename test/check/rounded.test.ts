import { describe, expect, it } from "vitest";
import * as losslab from "../../src";
import { rounded } from "../../src/check/rounded";

describe("rounded", () => {
  it("removes float64 and float32 noise at 6 significant digits", () => {
    expect(rounded(0.9 / 5)).toBe(0.18); // 0.17999999999999994 in float64
    expect(rounded(Math.fround(0.18))).toBe(0.18); // 0.18000000715255737 in float32
    expect(rounded(4.083333492279053)).toBe(4.08333);
  });

  it("counts significant digits, not decimals", () => {
    expect(rounded(123456789, 3)).toBe(123000000);
    expect(rounded(0.000123456, 2)).toBe(0.00012);
    expect(rounded(-2 / 3, 3)).toBe(-0.667);
  });

  it("rounds arrays element by element at any depth", () => {
    expect(rounded([1 / 3, 2 / 3], 2)).toEqual([0.33, 0.67]);
    expect(rounded([[1 / 3], [1 / 7]], 3)).toEqual([[0.333], [0.143]]);
  });

  it("passes NaN and infinities through", () => {
    expect(rounded([NaN, Infinity, -Infinity])).toEqual([NaN, Infinity, -Infinity]);
  });

  it("rejects a digit count toPrecision cannot take", () => {
    expect(() => rounded(1, 0)).toThrow(/rounded: digits: expected an integer in \[1, 21\], got 0/);
    expect(() => rounded(1, 2.5)).toThrow(RangeError);
  });

  it("is public as check.rounded", () => {
    expect(losslab.check.rounded).toBe(rounded);
  });
});
