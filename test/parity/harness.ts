// Parity with PyTorch: reads a golden-value file (format: test/fixtures/FORMAT.md), calls
// the losslab loss each case names, and compares its output and its tfjs-autodiff gradients with
// PyTorch's float64 values. Pure functions; the caller picks the backend (await ready(...)).
import * as tf from "@tensorflow/tfjs-core";
import { LossInputError } from "../../src/core/errors";
import * as binary from "../../src/losses/binary";
import * as margin from "../../src/losses/margin";
import * as softmax from "../../src/losses/softmax";
import * as divergence from "../../src/losses/divergence";
import * as embedding from "../../src/losses/embedding";
import * as policy from "../../src/losses/policy";
import * as sequence from "../../src/losses/sequence";
import * as regression from "../../src/losses/regression";
import { close } from "../support/tolerance";

export type FixtureDtype = "float64" | "int64";

export interface FixtureTensor {
  shape: number[];
  dtype: FixtureDtype;
  /** Row-major values; the file's "NaN", "Infinity" and "-Infinity" decoded to numbers. */
  data: number[];
}

export type FixtureKwarg = number | boolean | string | FixtureTensor;

export interface FixtureCase {
  id: string;
  fn: string;
  args: FixtureTensor[];
  kwargs: Record<string, FixtureKwarg>;
  /** Present unless torch rejected the inputs. */
  output?: FixtureTensor;
  /** d(sum(output))/d(args[i]); null where torch gives no gradient. */
  grad?: (FixtureTensor | null)[];
  /** "<ExceptionType>: <message>" when torch rejected the inputs. */
  error?: string;
}

export interface Fixture {
  generator: string;
  profile: string;
  cases: FixtureCase[];
}

/** A loss as the harness calls it: the positional tensors, then one options object. */
export type LossCall = (...args: unknown[]) => unknown;

export interface LossEntry {
  /** The losslab name, for messages. */
  name: string;
  /** How many positional tensor arguments it takes (torch's order). */
  arity: number;
  /** Undefined while the library does not export it. */
  call: LossCall | undefined;
}

/** Losses by torch.nn.functional name. */
export type LossRegistry = Readonly<Record<string, LossEntry>>;

export interface Difference {
  /** "output", "grad[1]", "call", "fn", ... */
  what: string;
  detail: string;
  /** The largest |a − b| among the elements out of tolerance (Infinity for NaN/±Infinity mismatches). */
  largest?: number;
}

export interface CaseResult {
  id: string;
  passed: boolean;
  differences: Difference[];
}

export interface ParityReport {
  passed: number;
  failed: number;
  results: CaseResult[];
}

// ------------------------------------------------------------------------------------- parsing

const NON_FINITE: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

function fail(where: string, problem: string): never {
  throw new Error(`fixture: ${where}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isTensorJson(value: unknown): boolean {
  return isRecord(value) && "shape" in value && "dtype" in value && "data" in value;
}

function decodeNumber(where: string, value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value in NON_FINITE) return NON_FINITE[value];
  return fail(where, `expected a number or "NaN"/"Infinity"/"-Infinity", got ${JSON.stringify(value)}`);
}

function parseTensor(where: string, value: unknown): FixtureTensor {
  if (!isRecord(value)) return fail(where, "expected a TENSOR object");
  const { shape, dtype, data } = value;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    return fail(where, `bad shape ${JSON.stringify(shape)}`);
  }
  if (dtype !== "float64" && dtype !== "int64") return fail(where, `bad dtype ${JSON.stringify(dtype)}`);
  if (!Array.isArray(data)) return fail(where, "data is not a list");
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (data.length !== size)
    return fail(where, `data has ${data.length} entries, shape ${JSON.stringify(shape)} needs ${size}`);
  return { shape: shape as number[], dtype, data: data.map((v, i) => decodeNumber(`${where}.data[${i}]`, v)) };
}

function parseKwarg(where: string, value: unknown): FixtureKwarg {
  if (isTensorJson(value)) return parseTensor(where, value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return fail(where, `unsupported keyword value ${JSON.stringify(value)}`);
}

function parseCase(index: number, value: unknown): FixtureCase {
  if (!isRecord(value)) return fail(`cases[${index}]`, "expected an object");
  const { id, fn, args, kwargs, output, grad, error } = value;
  const where = typeof id === "string" ? id : `cases[${index}]`;
  if (typeof id !== "string" || typeof fn !== "string") return fail(where, "id and fn must be strings");
  if (!Array.isArray(args)) return fail(where, "args must be a list");
  if (kwargs !== undefined && !isRecord(kwargs)) return fail(where, "kwargs must be an object");
  const parsed: FixtureCase = {
    id,
    fn,
    args: args.map((a, i) => parseTensor(`${where}: args[${i}]`, a)),
    kwargs: Object.fromEntries(
      Object.entries(kwargs ?? {}).map(([k, v]) => [k, parseKwarg(`${where}: kwargs.${k}`, v)]),
    ),
  };
  if (error !== undefined) {
    if (typeof error !== "string") return fail(where, "error must be a string");
    return { ...parsed, error };
  }
  if (!Array.isArray(grad) || grad.length !== args.length) {
    return fail(where, "a case without error needs output and one grad entry per arg");
  }
  return {
    ...parsed,
    output: parseTensor(`${where}: output`, output),
    grad: grad.map((g, i) => (g === null ? null : parseTensor(`${where}: grad[${i}]`, g))),
  };
}

/**
 * Parses the text of a fixture file. Non-finite strings become numbers; nothing is converted to
 * tfjs yet (see toTf).
 * @throws Error naming the case and field when the file does not follow the format.
 */
export function parseFixture(text: string): Fixture {
  const json: unknown = JSON.parse(text);
  if (!isRecord(json) || !Array.isArray(json.cases)) return fail("file", 'expected {"cases": [...]}');
  return {
    generator: String(json.generator ?? ""),
    profile: String(json.profile ?? ""),
    cases: json.cases.map((c, i) => parseCase(i, c)),
  };
}

/** A fixture tensor as tfjs holds it: float64 → float32, int64 → int32. */
export function toTf(t: FixtureTensor): tf.Tensor {
  return tf.tensor(t.data, t.shape, t.dtype === "float64" ? "float32" : "int32");
}

// ----------------------------------------------------------------------------------- the calls

/** snake_case → camelCase: label_smoothing → labelSmoothing, pos_weight → posWeight. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The torch functions of FORMAT.md's table, with the number of positional tensors each takes. */
const TORCH_ARITY: Readonly<Record<string, number>> = {
  l1_loss: 2,
  mse_loss: 2,
  smooth_l1_loss: 2,
  huber_loss: 2,
  poisson_nll_loss: 2,
  gaussian_nll_loss: 3,
  cross_entropy: 2,
  nll_loss: 2,
  binary_cross_entropy: 2,
  binary_cross_entropy_with_logits: 2,
  soft_margin_loss: 2,
  multi_margin_loss: 2,
  multilabel_margin_loss: 2,
  multilabel_soft_margin_loss: 2,
  kl_div: 2,
  margin_ranking_loss: 3,
  hinge_embedding_loss: 2,
  cosine_embedding_loss: 3,
  triplet_margin_loss: 3,
  contrastive_loss: 3,
  ctc_loss: 4,
  sigmoid_focal_loss: 2,
  info_nce: 2,
  nt_xent: 2,
  policy_gradient_loss: 3,
};

/** losslab's losses by torch name: the camelCase of the torch name (kl_div → klDiv). */
export function libraryLosses(): LossRegistry {
  const exported: Record<string, unknown> = {
    ...regression,
    ...softmax,
    ...binary,
    ...margin,
    ...divergence,
    ...embedding,
    ...policy,
    ...sequence,
  };
  return Object.fromEntries(
    Object.entries(TORCH_ARITY).map(([torchName, arity]) => {
      const name = camelCase(torchName);
      const value = exported[name];
      return [torchName, { name, arity, call: typeof value === "function" ? (value as LossCall) : undefined }];
    }),
  );
}

function toOptions(kwargs: Record<string, FixtureKwarg>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(kwargs).map(([key, value]) => [camelCase(key), typeof value === "object" ? toTf(value) : value]),
  );
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split("\n")[0]}`;
  return String(error);
}

// ------------------------------------------------------------------------------------ comparing

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/**
 * Compares computed values with a fixture tensor: exact shape, then every element within
 * tolerance (NaN only where NaN is expected, ±Infinity exactly).
 * @returns null when they agree, else what differed and the largest difference.
 */
export function compareValues(
  what: string,
  actualShape: readonly number[],
  actual: ArrayLike<number>,
  expected: FixtureTensor,
): Difference | null {
  if (formatShape(actualShape) !== formatShape(expected.shape)) {
    return { what, detail: `shape ${formatShape(actualShape)}, expected ${formatShape(expected.shape)}` };
  }
  let mismatches = 0;
  let worst = -1;
  let largest = -1;
  for (let i = 0; i < expected.data.length; i++) {
    if (close(actual[i], expected.data[i])) continue;
    mismatches++;
    const gap = Math.abs(actual[i] - expected.data[i]);
    const size = Number.isNaN(gap) ? Infinity : gap;
    if (size > largest) {
      largest = size;
      worst = i;
    }
  }
  if (mismatches === 0) return null;
  const at = expected.shape.length === 0 ? "" : ` at ${formatShape(unravel(worst, expected.shape))}`;
  return {
    what,
    detail:
      `${mismatches} of ${expected.data.length} values out of tolerance; largest |a-b| = ${largest}` +
      `${at} (got ${actual[worst]}, expected ${expected.data[worst]})`,
    largest,
  };
}

// ------------------------------------------------------------------------------------- running

function result(id: string, differences: Difference[]): CaseResult {
  return { id, passed: differences.length === 0, differences };
}

/** An error case passes only when the loss throws LossInputError. */
function runErrorCase(c: FixtureCase, call: () => unknown): CaseResult {
  try {
    call();
  } catch (error) {
    if (error instanceof LossInputError) return result(c.id, []);
    return result(c.id, [
      { what: "error", detail: `threw ${describeError(error)}, expected a LossInputError (torch: ${c.error})` },
    ]);
  }
  return result(c.id, [{ what: "error", detail: `accepted inputs that torch rejects (${c.error})` }]);
}

function asTensor(value: unknown, name: string): tf.Tensor {
  if (value instanceof tf.Tensor) return value;
  throw new Error(`${name} returned ${typeof value}, not a tf.Tensor`);
}

/** d(sum(loss))/d(args[index]) by tfjs autodiff, the other arguments held fixed. */
function gradientOf(entry: LossEntry, args: tf.Tensor[], options: Record<string, unknown>, index: number): tf.Tensor {
  const call = entry.call as LossCall;
  const lossSum = (x: tf.Tensor): tf.Tensor => {
    const withX = args.map((a, i) => (i === index ? x : a));
    return tf.sum(asTensor(call(...withX, options), entry.name));
  };
  return tf.grad(lossSum)(args[index]);
}

function runValueCase(c: FixtureCase, entry: LossEntry): CaseResult {
  const call = entry.call as LossCall;
  const args = c.args.map(toTf);
  const options = toOptions(c.kwargs);
  let output: tf.Tensor;
  try {
    output = asTensor(call(...args, options), entry.name);
  } catch (error) {
    return result(c.id, [{ what: "call", detail: `threw ${describeError(error)}` }]);
  }
  const differences: Difference[] = [];
  const outputDifference = compareValues("output", output.shape, output.dataSync(), c.output as FixtureTensor);
  if (outputDifference) differences.push(outputDifference);
  (c.grad ?? []).forEach((expected, i) => {
    if (expected === null) return;
    const what = `grad[${i}]`;
    if (c.args[i].dtype !== "float64") {
      differences.push({ what, detail: "the fixture gives a gradient for an integer argument" });
      return;
    }
    try {
      const grad = gradientOf(entry, args, options, i);
      const difference = compareValues(what, grad.shape, grad.dataSync(), expected);
      if (difference) differences.push(difference);
    } catch (error) {
      differences.push({ what, detail: `no gradient: ${describeError(error)}` });
    }
  });
  return result(c.id, differences);
}

/**
 * Runs one case on the current backend. Unknown functions, functions losslab does not export,
 * and argument counts that do not match the function fail the case.
 */
export function runCase(c: FixtureCase, losses: LossRegistry = libraryLosses()): CaseResult {
  const entry = Object.prototype.hasOwnProperty.call(losses, c.fn) ? losses[c.fn] : undefined;
  if (entry === undefined) return result(c.id, [{ what: "fn", detail: `unknown function ${JSON.stringify(c.fn)}` }]);
  if (entry.call === undefined) return result(c.id, [{ what: "fn", detail: `losslab does not export ${entry.name}` }]);
  if (c.args.length !== entry.arity) {
    return result(c.id, [
      { what: "args", detail: `${c.args.length} positional arguments, ${entry.name} takes ${entry.arity}` },
    ]);
  }
  let outcome: CaseResult | undefined;
  tf.tidy(() => {
    if (c.error !== undefined) {
      const call = entry.call as LossCall;
      outcome = runErrorCase(c, () => call(...c.args.map(toTf), toOptions(c.kwargs)));
    } else {
      outcome = runValueCase(c, entry);
    }
  });
  return outcome as CaseResult;
}

/** Runs every case of a fixture on the current backend. */
export function runFixture(fixture: Fixture, losses: LossRegistry = libraryLosses()): ParityReport {
  const results = fixture.cases.map((c) => runCase(c, losses));
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}

/** One line for a failing case: its id, what differed, and the largest difference. */
export function describeFailure(r: CaseResult): string {
  return `${r.id}: ${r.differences.map((d) => `${d.what}: ${d.detail}`).join("; ")}`;
}

/** The closing line of a report. */
export function summaryLine(report: ParityReport): string {
  return `parity: ${report.passed} passed, ${report.failed} failed`;
}
