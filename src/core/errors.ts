// LossInputError and every check that throws it: each check has one message, written once here.
import * as tf from "@tensorflow/tfjs-core";

/**
 * Thrown when a loss is called with input it cannot accept. The message names the function,
 * the argument, and what was expected versus given, in the spirit of PyTorch's messages:
 *   mseLoss: target: expected shape [2,3] (the shape of input), got [3]
 */
export class LossInputError extends Error {
  constructor(
    readonly fn: string,
    readonly argument: string,
    readonly detail: string,
  ) {
    super(`${fn}: ${argument}: ${detail}`);
    this.name = "LossInputError";
    keepCallerFrames(this);
  }
}

/** How many stack frames a LossInputError keeps: enough to get past tfjs's tidy and losslab's door. */
const ERROR_FRAMES = 50;

/**
 * Re-captures `error`'s stack with ERROR_FRAMES frames where the engine can (V8: Node, Chromium): its default
 * of 10 is used up inside tf.tidy and the loss before the caller's own frames, such as a notebook cell's.
 */
function keepCallerFrames(error: LossInputError): void {
  const engine = Error as { captureStackTrace?: (target: object, above?: object) => void; stackTraceLimit?: number };
  if (typeof engine.captureStackTrace !== "function" || typeof engine.stackTraceLimit !== "number") return;
  const limit = engine.stackTraceLimit;
  engine.stackTraceLimit = Math.max(limit, ERROR_FRAMES);
  engine.captureStackTrace(error, LossInputError);
  engine.stackTraceLimit = limit;
}

/** Formats a shape the way messages show it: [2,3]; a scalar is []. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** Whether two shapes are equal, axis by axis. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * A value as a message shows it: numbers as JavaScript prints them (NaN, Infinity, -0.5), strings
 * quoted, and what is neither by its kind ("null", "an array", "a tensor of shape [2]").
 */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined || typeof value === "boolean") return String(value);
  if (value instanceof tf.Tensor) return `a tensor of shape ${formatShape(value.shape)}`;
  if (Array.isArray(value)) return "an array";
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** @throws LossInputError unless `actual` has exactly the shape of `reference`. */
export function checkSameShape(
  fn: string,
  name: string,
  actual: tf.Tensor,
  referenceName: string,
  reference: tf.Tensor,
): void {
  if (!sameShape(actual.shape, reference.shape)) {
    const expected = `expected shape ${formatShape(reference.shape)} (the shape of ${referenceName})`;
    throw new LossInputError(fn, name, `${expected}, got ${formatShape(actual.shape)}`);
  }
}

/** @throws LossInputError unless `t` has exactly `shape`. */
export function checkShape(fn: string, name: string, t: tf.Tensor, shape: readonly number[]): void {
  if (!sameShape(t.shape, shape)) {
    throw new LossInputError(fn, name, `expected shape ${formatShape(shape)}, got ${formatShape(t.shape)}`);
  }
}

/** @throws LossInputError unless the rank of `t` is one of `ranks`. */
export function checkRank(fn: string, name: string, t: tf.Tensor, ranks: readonly number[]): void {
  if (!ranks.includes(t.rank)) {
    const expected = ranks.length === 1 ? `${ranks[0]}` : `one of ${ranks.join(", ")}`;
    throw new LossInputError(
      fn,
      name,
      `expected a tensor of rank ${expected}, got rank ${t.rank} (shape ${formatShape(t.shape)})`,
    );
  }
}

/** @throws LossInputError unless `t` is 0-d; `hint` says how to get a scalar. */
export function checkScalar(fn: string, name: string, t: tf.Tensor, hint: string): void {
  if (t.rank !== 0) {
    throw new LossInputError(fn, name, `expected a scalar (shape []), got shape ${formatShape(t.shape)}; ${hint}`);
  }
}

/** @throws LossInputError when `t` is 0-d: the loss reads vectors (classes, coordinates) along an axis. */
export function checkNotScalar(fn: string, name: string, t: tf.Tensor): void {
  if (t.rank === 0) {
    throw new LossInputError(fn, name, "expected a tensor of rank ≥ 1 (vectors along an axis), got rank 0 (shape [])");
  }
}

/** @throws LossInputError when the last (class) axis is empty, which PyTorch's margin losses refuse. */
export function checkNonEmptyLastAxis(fn: string, name: string, t: tf.Tensor): void {
  if (t.shape[t.rank - 1] === 0) {
    const expected = "expected at least one class (a non-empty last axis)";
    throw new LossInputError(fn, name, `${expected}, got shape ${formatShape(t.shape)}`);
  }
}

/**
 * @throws LossInputError unless `t` can be broadcast to `shape` (numpy rules, trailing axes),
 * without growing `shape` itself.
 */
export function checkBroadcastableTo(fn: string, name: string, t: tf.Tensor, shape: readonly number[]): void {
  const offset = shape.length - t.rank;
  const fits = offset >= 0 && t.shape.every((d, i) => d === 1 || d === shape[offset + i]);
  if (!fits) {
    const expected = `expected a shape broadcastable to ${formatShape(shape)}`;
    throw new LossInputError(fn, name, `${expected}, got ${formatShape(t.shape)}`);
  }
}

/** @throws LossInputError unless every element satisfies `predicate`; names the first offender. */
export function checkValues(
  fn: string,
  name: string,
  t: tf.Tensor,
  expected: string,
  predicate: (value: number) => boolean,
): void {
  const values = t.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (!predicate(values[i])) {
      throw new LossInputError(fn, name, `expected ${expected}, got ${values[i]} at flat index ${i}`);
    }
  }
}

/** The predicate of options such as weights, margins and coefficients that must be finite and ≥ 0. */
export function isFiniteNonNegative(value: number): boolean {
  return value >= 0 && Number.isFinite(value);
}

/** @throws LossInputError unless `value` is a number (not NaN) satisfying `predicate`. */
export function checkScalarOption(
  fn: string,
  name: string,
  value: unknown,
  expected: string,
  predicate: (value: number) => boolean = () => true,
): number {
  if (typeof value !== "number" || Number.isNaN(value) || !predicate(value)) {
    throw new LossInputError(fn, name, `expected ${expected}, got ${describeValue(value)}`);
  }
  return value;
}

/** @throws LossInputError unless `value` is a finite number (a margin, a baseline, a coefficient). */
export function checkFiniteOption(fn: string, name: string, value: unknown): number {
  return checkScalarOption(fn, name, value, "a finite number", Number.isFinite);
}

/** @throws LossInputError unless `value` is a boolean. */
export function checkFlag(fn: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new LossInputError(fn, name, `expected true or false, got ${describeValue(value)}`);
  }
  return value;
}

/** @throws LossInputError unless `value` is one of `allowed` (a string option such as reduction). */
export function checkOneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    const expected = allowed.map((option) => `"${option}"`).join(", ");
    throw new LossInputError(fn, name, `expected one of ${expected}, got ${describeValue(value)}`);
  }
  return value as T;
}

/** snake_case to camelCase: ignore_index → ignoreIndex, the spelling PyTorch users reach for first. */
function camelCase(key: string): string {
  return key.replace(/_+([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * A loss's options object: null and undefined mean the defaults ({}); anything but a plain object
 * (a string such as "sum", a number, an array, a tensor) is refused, and so is a key not in `keys`,
 * with the camelCase name suggested for a snake_case one.
 * @throws LossInputError naming `argument` (or the unknown key in it) and the valid keys.
 */
export function checkOptions(
  fn: string,
  options: unknown,
  keys: readonly string[],
  argument = "options",
): Record<string, unknown> {
  if (options === null || options === undefined) return {};
  const isPlainObject =
    typeof options === "object" &&
    (Object.getPrototypeOf(options) === Object.prototype || Object.getPrototypeOf(options) === null);
  const valid = keys.length === 0 ? "it takes no options" : `valid keys: ${keys.join(", ")}`;
  if (!isPlainObject) {
    const example = keys.includes("reduction") ? ' such as { reduction: "sum" }' : "";
    throw new LossInputError(
      fn,
      argument,
      `expected an options object${example}, got ${describeValue(options)} (${valid})`,
    );
  }
  for (const key of Object.keys(options)) {
    if (keys.includes(key)) continue;
    const suggestion = keys.includes(camelCase(key)) ? ` (did you mean ${camelCase(key)}?)` : "";
    throw new LossInputError(fn, `${argument}.${key}`, `unknown option${suggestion}; ${valid}`);
  }
  return options as Record<string, unknown>;
}
