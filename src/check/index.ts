import * as tf from "@tensorflow/tfjs-core";

export * from "./rounded";
export * from "./gradient";

/** A number, a flat or nested array of numbers, or a tensor: anything a tutorial prints. */
export type Numeric = number | readonly Numeric[] | tf.Tensor;

export interface CloseOptions {
  /** Relative tolerance: |a − b| ≤ atol + rtol·|b|. Default 1e-5 (float32-safe). */
  rtol?: number;
  /** Absolute tolerance. Default 1e-6. */
  atol?: number;
  /** What is being checked, shown in the message. */
  label?: string;
}

function flatten(value: Numeric): number[] {
  if (value instanceof tf.Tensor) return Array.from(value.dataSync());
  if (typeof value === "number") return [value];
  return value.flatMap(flatten);
}

function shapeOf(value: Numeric): number[] {
  if (value instanceof tf.Tensor) return value.shape;
  if (typeof value === "number") return [];
  return [value.length, ...(value.length > 0 ? shapeOf(value[0]) : [])];
}

function isClose(a: number, b: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/**
 * Asserts that `actual` equals `expected` elementwise within float tolerances (NaN equals NaN),
 * with the same shape. It returns nothing, so that a notebook cell may end with it and show nothing:
 * the cell prints its values first, then checks them.
 * @throws Error naming the label, the first differing index and both values.
 */
export function assertClose(actual: Numeric, expected: Numeric, options: CloseOptions = {}): void {
  const { rtol = 1e-5, atol = 1e-6, label = "value" } = options;
  const [a, b] = [flatten(actual), flatten(expected)];
  const [shapeA, shapeB] = [shapeOf(actual), shapeOf(expected)];
  if (a.length !== b.length || shapeA.join(",") !== shapeB.join(",")) {
    throw new Error(`${label}: expected shape [${shapeB}], got [${shapeA}]`);
  }
  const bad = a.findIndex((x, i) => !isClose(x, b[i], rtol, atol));
  if (bad >= 0) {
    throw new Error(`${label}: expected ${b[bad]} at flat index ${bad}, got ${a[bad]} (rtol ${rtol}, atol ${atol})`);
  }
}

/**
 * Asserts that `fn` throws an error whose message matches `pattern`, and returns that message so a
 * notebook can show it.
 */
export function assertThrows(fn: () => unknown, pattern: RegExp, label = "call"): string {
  try {
    fn();
  } catch (error) {
    const message = (error as Error).message;
    if (!pattern.test(message)) {
      throw new Error(`${label}: threw "${message}", which does not match ${pattern}`);
    }
    return message;
  }
  throw new Error(`${label}: expected an error matching ${pattern}, but nothing was thrown`);
}
