import { describe, expect, it } from "vitest";
import { mulberry32, seededRandom } from "../../src/data/random";

describe("mulberry32", () => {
  it("matches the reference generator (uint32 arithmetic in Python, same algorithm)", () => {
    // /usr/bin/python3: a = (a + 0x6D2B79F5) % 2**32; z = a; z = (z ^ z>>15) * (z|1) % 2**32;
    // z ^= (z + (z ^ z>>7) * (z|61)) % 2**32; return (z ^ z>>14) / 2**32
    const expected: Record<number, number[]> = {
      0: [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197, 0.1462021479383111],
      42: [0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693],
      123456789: [0.2577907438389957, 0.9707721115555614, 0.7853280142880976, 0.20616457983851433],
    };
    for (const [seed, values] of Object.entries(expected)) {
      const next = mulberry32(Number(seed));
      expect(values.map(() => next())).toEqual(values);
    }
  });
});

describe("seededRandom", () => {
  it("repeats its numbers for the same seed and differs for another", () => {
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return [r.uniform(), r.normal(), r.normal(3, 2), r.integer(10), ...r.shuffle([1, 2, 3, 4, 5])];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("gives uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const r = seededRandom(1);
    const u = Array.from({ length: 20000 }, () => r.uniform());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    // Standard error of the mean: sqrt(1/12 / 20000) ≈ 0.002.
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(variance(u)).toBeCloseTo(1 / 12, 2);
  });

  it("gives normals with the requested mean and standard deviation", () => {
    const r = seededRandom(2);
    const z = Array.from({ length: 20000 }, () => r.normal(5, 3));
    // Standard error of the mean: 3 / sqrt(20000) ≈ 0.021.
    expect(Math.abs(mean(z) - 5)).toBeLessThan(0.08);
    expect(Math.abs(Math.sqrt(variance(z)) - 3)).toBeLessThan(0.06);
    // About 68.3% within one standard deviation.
    const within = z.filter((v) => Math.abs(v - 5) < 3).length / z.length;
    expect(within).toBeGreaterThan(0.67);
    expect(within).toBeLessThan(0.695);
  });

  it("draws every integer in range and shuffles to a permutation", () => {
    const r = seededRandom(3);
    const seen = new Set(Array.from({ length: 500 }, () => r.integer(6)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const items = ["a", "b", "c", "d", "e", "f"];
    const shuffled = r.shuffle(items);
    expect(shuffled.slice().sort()).toEqual(items);
    expect(items).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("rejects a non-integer seed", () => {
    expect(() => seededRandom(0.5)).toThrow(/seededRandom: seed: expected an integer, got 0.5/);
  });
});

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function variance(values: number[]): number {
  const m = mean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length;
}
