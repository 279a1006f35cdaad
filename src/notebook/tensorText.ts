/**
 * A tensor as PyTorch prints it (torch/_tensor_str.py, default print options):
 *
 *   tensor([[1.5000, 2.0000],
 *           [3.0000, 4.0000]])
 *
 * Floats take 4 decimals; integer-valued floats print as `1.`; scientific notation when the nonzero finite
 * magnitudes span more than 1000× or reach 1e8 or fall below 1e-4; more than 1000 elements are summarised to
 * 3 items at each end of every axis with `...`; rows wrap at 80 columns. float32 and bool are tfjs's defaults and
 * carry no dtype suffix (as PyTorch's float32, int64 and bool); int32 says `dtype=int32`, in tfjs's dtype names.
 * Pure: values, shape and dtype in, text out; nothing of tfjs here.
 */
import { formatExponential, formatFixed } from "./pythonNumbers";

/** What the printer needs of a tensor. bool values are 0 and 1, as tfjs stores them. */
export interface TensorContents {
  values: ArrayLike<number> | readonly string[];
  shape: readonly number[];
  dtype: string;
}

/** PyTorch's default print options. */
export const PRINT_OPTIONS = { precision: 4, threshold: 1000, edgeItems: 3, lineWidth: 80 } as const;

const PREFIX = "tensor(";

/** The dtypes printed without a suffix: those a tensor gets from plain numbers or booleans. */
const DEFAULT_DTYPES = new Set(["float32", "bool"]);

/** PyTorch's tuple of a shape: `(2, 3)`, `(3,)`, `()`. */
export function pythonSize(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** The indices printed along an axis of `size`: all, or the first and last `edgeItems` around a gap (-1). */
function shownIndices(size: number, summarize: boolean): number[] {
  const { edgeItems } = PRINT_OPTIONS;
  const all = Array.from({ length: size }, (_, i) => i);
  if (!summarize || size <= 2 * edgeItems) return all;
  return [...all.slice(0, edgeItems), -1, ...all.slice(size - edgeItems)];
}

/** Row-major strides of `shape`. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let axis = shape.length - 2; axis >= 0; axis--) strides[axis] = strides[axis + 1] * shape[axis + 1];
  return strides;
}

/** The flat positions of the elements that will be printed (PyTorch's get_summarized_data). */
function shownPositions(shape: readonly number[], summarize: boolean): number[] {
  const strides = stridesOf(shape);
  let positions = [0];
  shape.forEach((size, axis) => {
    const indices = shownIndices(size, summarize).filter((i) => i >= 0);
    positions = positions.flatMap((base) => indices.map((i) => base + i * strides[axis]));
  });
  return positions;
}

type ElementFormatter = { width: number; format(value: number | string): string };

/** PyTorch's _Formatter for a floating-point dtype: the mode and width from the printed values. */
function floatFormatter(shown: number[]): ElementFormatter {
  const { precision } = PRINT_OPTIONS;
  const nonzeroFinite = shown.filter((v) => Number.isFinite(v) && v !== 0);
  const magnitudes = nonzeroFinite.map(Math.abs);
  const max = Math.max(...magnitudes);
  const min = Math.min(...magnitudes);
  // With no nonzero finite value, PyTorch keeps its defaults: integer mode, fixed notation.
  const intMode = nonzeroFinite.every((v) => v === Math.ceil(v));
  const sciMode = nonzeroFinite.length > 0 && (max / min > 1000 || max > 1e8 || min < 1e-4);
  const render = sciMode
    ? (v: number) => formatExponential(v, precision)
    : intMode
      ? (v: number) => (Number.isFinite(v) ? `${formatFixed(v, 0)}.` : formatFixed(v, 0))
      : (v: number) => formatFixed(v, precision);
  const width = Math.max(1, ...nonzeroFinite.map((v) => render(v).length));
  return { width, format: (value) => render(value as number).padStart(width) };
}

function plainFormatter(shown: string[]): ElementFormatter {
  const width = Math.max(1, ...shown.map((text) => text.length));
  return { width, format: (value) => String(value).padStart(width) };
}

function elementText(dtype: string, value: number | string): string {
  if (dtype === "bool") return value ? "True" : "False";
  if (dtype === "string") return `'${String(value).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return String(value);
}

function formatterFor({ values, dtype }: TensorContents, positions: number[]): ElementFormatter {
  if (dtype === "float32") return floatFormatter(positions.map((p) => values[p] as number));
  return plainFormatter(positions.map((p) => elementText(dtype, values[p])));
}

function vectorText(elements: string[], indent: number, width: number): string {
  const perLine = Math.max(1, Math.floor((PRINT_OPTIONS.lineWidth - indent) / (width + 2)));
  const lines: string[] = [];
  for (let i = 0; i < elements.length; i += perLine) lines.push(elements.slice(i, i + perLine).join(", "));
  return `[${lines.join(`,\n${" ".repeat(indent + 1)}`)}]`;
}

function nestedText(contents: TensorContents, formatter: ElementFormatter, summarize: boolean): string {
  const { values, shape, dtype } = contents;
  const strides = stridesOf(shape);
  const element = (position: number) =>
    formatter.format(dtype === "float32" ? values[position] : elementText(dtype, values[position]));
  const walk = (axis: number, base: number, indent: number): string => {
    const indices = shownIndices(shape[axis], summarize);
    if (axis === shape.length - 1) {
      const elements = indices.map((i) => (i < 0 ? " ..." : element(base + i * strides[axis])));
      return vectorText(elements, indent, formatter.width);
    }
    const slices = indices.map((i) => (i < 0 ? "..." : walk(axis + 1, base + i * strides[axis], indent + 1)));
    const depth = shape.length - axis;
    return `[${slices.join(`,${"\n".repeat(depth - 1)}${" ".repeat(indent + 1)}`)}]`;
  };
  return shape.length === 0 ? element(0) : walk(0, 0, PREFIX.length);
}

/** PyTorch's _add_suffixes: each suffix after ", ", or on a new line when it would pass the line width. */
function withSuffixes(text: string, suffixes: string[]): string {
  let result = text;
  let lastLineLength = text.length - text.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > PRINT_OPTIONS.lineWidth) {
      result += `,\n${" ".repeat(PREFIX.length)}${suffix}`;
      lastLineLength = PREFIX.length + suffix.length;
    } else {
      result += `, ${suffix}`;
      lastLineLength += suffix.length + 2;
    }
  }
  return `${result})`;
}

/**
 * The text PyTorch's `repr(tensor)` gives for these contents.
 * @example tensorText({ values: [0.17551], shape: [], dtype: "float32" }); // "tensor(0.1755)"
 */
export function tensorText(contents: TensorContents): string {
  const { shape, dtype } = contents;
  const size = shape.reduce((a, b) => a * b, 1);
  const suffixes: string[] = [];
  if (size === 0) {
    if (shape.length !== 1) suffixes.push(`size=${pythonSize(shape)}`);
    if (dtype !== "float32") suffixes.push(`dtype=${dtype}`);
    return withSuffixes(`${PREFIX}[]`, suffixes);
  }
  if (!DEFAULT_DTYPES.has(dtype)) suffixes.push(`dtype=${dtype}`);
  const summarize = size > PRINT_OPTIONS.threshold;
  const formatter = formatterFor(contents, shownPositions(shape, summarize));
  return withSuffixes(PREFIX + nestedText(contents, formatter, summarize), suffixes);
}

/** What a disposed tensor prints: its values are gone, its shape and dtype are still known. */
export function disposedTensorText(shape: readonly number[], dtype: string): string {
  return withSuffixes(`${PREFIX}<disposed>`, [`size=${pythonSize(shape)}`, `dtype=${dtype}`]);
}

/** One cell of a tensor's grid: a formatted value, or a gap where the summary left elements out. */
export type GridCell = { value: string } | { gap: "row" | "column" | "both" };

/**
 * A tensor of rank 0, 1 or 2 as rows of cells, formatted and summarised as tensorText does (a scalar is one row
 * of one cell, a vector one row): what an HTML table shows.
 * @throws RangeError for a rank above 2.
 */
export function tensorGrid(contents: TensorContents): GridCell[][] {
  const { values, shape, dtype } = contents;
  if (shape.length > 2) throw new RangeError(`tensorGrid: expected rank 0, 1 or 2, got rank ${shape.length}`);
  const matrixShape = shape.length === 2 ? shape : [1, shape[0] ?? 1];
  const size = shape.reduce((a, b) => a * b, 1);
  const summarize = size > PRINT_OPTIONS.threshold;
  const formatter = formatterFor(contents, shownPositions(shape, summarize));
  const columns = shownIndices(matrixShape[1], summarize);
  return shownIndices(matrixShape[0], summarize).map((row) =>
    columns.map((column): GridCell => {
      if (row < 0) return { gap: column < 0 ? "both" : "row" };
      if (column < 0) return { gap: "column" };
      const value = values[row * matrixShape[1] + column];
      return { value: formatter.format(dtype === "float32" ? value : elementText(dtype, value)).trim() };
    }),
  );
}
