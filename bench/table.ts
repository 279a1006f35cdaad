// The bench's results as rows: the JSON shape written by --json and the text table printed. Pure.
import { ratio, type Summary } from "./stats";

export type Pass = "forward" | "forward+backward";

/** One line of results: a loss on a backend for one pass, with each contender's timings. */
export interface Measurement {
  loss: string;
  /** A tfjs backend, or "byhand" for the by-hand version on plain arrays (no tfjs counterpart). */
  backend: string;
  pass: Pass;
  losslab: Summary | null;
  tfjs: Summary | null;
  torch: Summary | null;
  floor: Summary | null;
}

type Range = [number, number] | null;

/** A row of the --json file; ms are medians, ratios are losslab's median over the other's. */
export interface JsonRow {
  loss: string;
  backend: string;
  pass: Pass;
  /** How many timed runs each median covers. */
  runs: number | null;
  losslab_ms: number | null;
  tfjs_ms: number | null;
  torch_ms: number | null;
  floor_ms: number | null;
  ratio_tfjs: number | null;
  ratio_torch: number | null;
  ratio_floor: number | null;
  /** [min, max] of the timed runs of each column. */
  range_ms: { losslab: Range; tfjs: Range; torch: Range; floor: Range };
}

const median = (s: Summary | null): number | null => (s === null ? null : s.median);
const rounded = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);
const range = (s: Summary | null): Range => (s === null ? null : [rounded(s.min)!, rounded(s.max)!]);

/** The JSON row of a measurement: medians and ratios rounded to 3 decimals, null where absent. */
export function toJsonRow(m: Measurement): JsonRow {
  const losslab = median(m.losslab);
  return {
    loss: m.loss,
    backend: m.backend,
    pass: m.pass,
    runs: m.losslab?.runs ?? null,
    losslab_ms: rounded(losslab),
    tfjs_ms: rounded(median(m.tfjs)),
    torch_ms: rounded(median(m.torch)),
    floor_ms: rounded(median(m.floor)),
    ratio_tfjs: rounded(ratio(losslab, median(m.tfjs))),
    ratio_torch: rounded(ratio(losslab, median(m.torch))),
    ratio_floor: rounded(ratio(losslab, median(m.floor))),
    range_ms: { losslab: range(m.losslab), tfjs: range(m.tfjs), torch: range(m.torch), floor: range(m.floor) },
  };
}

/** Milliseconds with 3 significant digits or more: 0.123, 1.23, 12.3, 123. */
export function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

/** "12.3 (11.9–14.0)": median, then min–max; "–" when absent. */
export function formatSummary(s: Summary | null): string {
  return s === null ? "–" : `${formatMs(s.median)} (${formatMs(s.min)}–${formatMs(s.max)})`;
}

/** "1.07×", or "–" when the ratio does not apply. */
export function formatRatio(r: number | null): string {
  return r === null ? "–" : `${r.toFixed(2)}×`;
}

const HEADER = [
  "loss",
  "backend",
  "pass",
  "runs",
  "losslab ms",
  "tfjs ms",
  "torch ms",
  "floor ms",
  "/tfjs",
  "/torch",
  "/floor",
];
const RIGHT_ALIGNED_FROM = 3;

/** A plain-text table: one line per measurement, medians with (min–max), and losslab's ratios. */
export function formatTable(measurements: readonly Measurement[]): string {
  const cells = measurements.map((m) => {
    const losslab = median(m.losslab);
    return [
      m.loss,
      m.backend,
      m.pass === "forward" ? "fwd" : "fwd+bwd",
      String(m.losslab?.runs ?? "–"),
      formatSummary(m.losslab),
      formatSummary(m.tfjs),
      formatSummary(m.torch),
      formatSummary(m.floor),
      formatRatio(ratio(losslab, median(m.tfjs))),
      formatRatio(ratio(losslab, median(m.torch))),
      formatRatio(ratio(losslab, median(m.floor))),
    ];
  });
  const lines = [HEADER, ...cells];
  const widths = HEADER.map((_, c) => Math.max(...lines.map((line) => line[c].length)));
  const render = (line: string[]) =>
    line
      .map((cell, c) => (c >= RIGHT_ALIGNED_FROM ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [render(HEADER), rule, ...cells.map(render)].join("\n");
}

/** The measurements where losslab takes more than `limit` times tfjs's built-in on the same backend. */
export function slowerThanTfjs(measurements: readonly Measurement[], limit: number): Measurement[] {
  return measurements.filter((m) => {
    const r = ratio(median(m.losslab), median(m.tfjs));
    return r !== null && r > limit;
  });
}
