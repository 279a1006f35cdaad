import { describe, expect, it } from "vitest";
import { ratio, summarize, valuesAgree } from "../../bench/stats";
import { timeInterleaved } from "../../bench/timing";

describe("summarize", () => {
  it("takes the middle of an odd count, whatever the order", () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: 3 });
  });

  it("averages the two middle values of an even count", () => {
    // sorted 1, 2, 4, 10: median (2 + 4) / 2 = 3
    expect(summarize([10, 2, 4, 1])).toEqual({ median: 3, min: 1, max: 10, runs: 4 });
  });

  it("leaves its argument unsorted", () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it("refuses no samples and non-finite ones", () => {
    expect(() => summarize([])).toThrow(/at least one sample/);
    expect(() => summarize([1, NaN])).toThrow(/finite samples, got NaN/);
  });
});

describe("ratio", () => {
  it("divides, or gives null when a side is missing or the denominator is not positive", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(3, null)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
  });
});

describe("valuesAgree", () => {
  it("allows 1e-2 relative and 1e-5 absolute", () => {
    expect(valuesAgree(1.009, 1)).toBe(true);
    expect(valuesAgree(1.011, 1)).toBe(false);
    expect(valuesAgree(0.000009, 0)).toBe(true);
    expect(valuesAgree(NaN, 1)).toBe(false);
  });
});

describe("timeInterleaved", () => {
  it("warms every contender up untimed, then alternates them and times each run", () => {
    const calls: string[] = [];
    let clock = 0;
    const now = () => clock;
    const samples = timeInterleaved(
      {
        a: () => {
          calls.push("a");
          clock += 2;
        },
        b: () => {
          calls.push("b");
          clock += 5;
        },
      },
      { warmup: 1, reps: 2, budgetMs: Infinity },
      now,
    );
    expect(calls).toEqual(["a", "b", "a", "b", "a", "b"]);
    expect(samples).toEqual({ a: [2, 2], b: [5, 5] });
  });

  it("stops after the round that spends the budget, and always times one round", () => {
    let clock = 0;
    const takes = (ms: number) => () => void (clock += ms);
    const now = () => clock;
    // rounds of 3 + 4 = 7 ms: after round 2 (14 ms) the 10 ms budget is spent
    expect(timeInterleaved({ a: takes(3), b: takes(4) }, { warmup: 0, reps: 5, budgetMs: 10 }, now)).toEqual({
      a: [3, 3],
      b: [4, 4],
    });
    expect(timeInterleaved({ a: takes(50) }, { warmup: 2, reps: 5, budgetMs: 10 }, now)).toEqual({ a: [50] });
  });

  it("refuses no timed runs, a negative warm-up and no budget", () => {
    const once = { a: () => undefined };
    expect(() => timeInterleaved(once, { warmup: 0, reps: 0, budgetMs: 1 })).toThrow(/reps ≥ 1/);
    expect(() => timeInterleaved(once, { warmup: -1, reps: 1, budgetMs: 1 })).toThrow(/warmup ≥ 0/);
    expect(() => timeInterleaved(once, { warmup: 0, reps: 1, budgetMs: 0 })).toThrow(/budgetMs > 0/);
  });
});
