import { describe, expect, it } from "vitest";
import type { Summary } from "../../bench/stats";
import {
  formatMs,
  formatRatio,
  formatSummary,
  formatTable,
  slowerThanTfjs,
  toJsonRow,
  type Measurement,
} from "../../bench/table";

const timed = (median: number, min = median, max = median): Summary => ({ median, min, max, runs: 3 });

const onWasm: Measurement = {
  loss: "mseLoss",
  backend: "wasm",
  pass: "forward",
  losslab: timed(12, 11.5, 13),
  tfjs: timed(10),
  torch: timed(4),
  floor: timed(3),
};
const byHand: Measurement = { ...onWasm, backend: "byhand", pass: "forward+backward", tfjs: null, torch: null };

describe("toJsonRow", () => {
  it("gives medians and losslab's ratios over each other column", () => {
    expect(toJsonRow(onWasm)).toEqual({
      loss: "mseLoss",
      backend: "wasm",
      pass: "forward",
      runs: 3,
      losslab_ms: 12,
      tfjs_ms: 10,
      torch_ms: 4,
      floor_ms: 3,
      ratio_tfjs: 1.2, // 12 / 10
      ratio_torch: 3, // 12 / 4
      ratio_floor: 4, // 12 / 3
      range_ms: { losslab: [11.5, 13], tfjs: [10, 10], torch: [4, 4], floor: [3, 3] },
    });
  });

  it("writes null where a column does not apply, and so does its ratio", () => {
    expect(toJsonRow(byHand)).toMatchObject({
      tfjs_ms: null,
      ratio_tfjs: null,
      torch_ms: null,
      ratio_torch: null,
      ratio_floor: 4,
    });
  });

  it("rounds to 3 decimals", () => {
    const row = toJsonRow({ ...onWasm, losslab: timed(1.23456), tfjs: timed(3) });
    expect(row.losslab_ms).toBe(1.235);
    expect(row.ratio_tfjs).toBe(0.412); // 1.23456 / 3 = 0.41152
  });
});

describe("formatting", () => {
  it("keeps about three significant digits", () => {
    expect([formatMs(1234.5), formatMs(12.34), formatMs(1.234), formatMs(0.01234)]).toEqual([
      "1235",
      "12.3",
      "1.23",
      "0.012",
    ]);
  });

  it("shows the median, then min–max, and – when absent", () => {
    expect(formatSummary(timed(12, 11.5, 13))).toBe("12.0 (11.5–13.0)");
    expect(formatSummary(null)).toBe("–");
    expect(formatRatio(1.234)).toBe("1.23×");
    expect(formatRatio(null)).toBe("–");
  });

  it("prints a header, a rule and one aligned line per measurement", () => {
    const lines = formatTable([onWasm, byHand]).split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^loss\s+backend\s+pass\s+runs\s+losslab ms\s+tfjs ms\s+torch ms\s+floor ms\s+\/tfjs\s+\/torch\s+\/floor$/,
    );
    expect(lines[2].split(/\s{2,}/)).toEqual([
      "mseLoss",
      "wasm",
      "fwd",
      "3",
      "12.0 (11.5–13.0)",
      "10.0 (10.0–10.0)",
      "4.00 (4.00–4.00)",
      "3.00 (3.00–3.00)",
      "1.20×",
      "3.00×",
      "4.00×",
    ]);
    expect(lines[3]).toMatch(
      /^mseLoss\s+byhand\s+fwd\+bwd\s+3\s+12\.0 \(11\.5–13\.0\)\s+–\s+–\s+3\.00 \(3\.00–3\.00\)\s+–\s+–\s+4\.00×$/,
    );
    // the first column of times is aligned
    expect(new Set(lines.map((l) => l.indexOf("(")).filter((i) => i > 0)).size).toBe(1);
  });
});

describe("slowerThanTfjs", () => {
  it("keeps the pairs over the limit, never those without a tfjs column", () => {
    const fast: Measurement = { ...onWasm, losslab: timed(10.5) }; // 1.05×
    expect(slowerThanTfjs([onWasm, fast, byHand], 1.1)).toEqual([onWasm]);
  });
});
