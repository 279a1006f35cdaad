// The door every loss goes through: its options checked against the keys it knows and filled with
// its defaults, its reduction and flags checked, and its body run inside tf.tidy so that only the result
// outlives the call, on error paths too.
import * as tf from "@tensorflow/tfjs-core";
import { checkFlag, checkOptions, checkSameShape } from "./errors";
import { checkReduction, REDUCTIONS, type ReductionOptions } from "./reduction";
import { toFloatTensor, toTensor } from "./tensor";

/**
 * A loss's options with every key present: the caller's value, or the default where none was given.
 * The keys in `Unset` (a weight, say) have no default and may stay undefined.
 */
export type Resolved<O, Unset extends keyof O = never> = {
  [K in keyof Required<O>]: K extends Unset ? O[K] : Exclude<O[K], undefined>;
};

/** The defaults of a loss whose only option is its reduction: "mean", as PyTorch's. */
export const MEAN_REDUCTION: Resolved<ReductionOptions> = { reduction: "mean" };

/**
 * Runs a loss's `body` with its options resolved and the loss's name (for its messages), inside tf.tidy.
 * The keys of `defaults` (a constant beside the loss's options interface, typed `Resolved<Options>`) are
 * the only options accepted; a `reduction` among them is checked against `reductions`, and an option whose
 * default is a boolean must be one.
 * @throws LossInputError for options that are not an object, an unknown key, an unknown reduction, or a flag
 *   that is not true or false;
 *   and whatever `body` throws, with every tensor it made disposed.
 */
export function lossDoor<O extends object, D extends Resolved<O, keyof O>>(
  fn: string,
  options: O | null | undefined,
  defaults: D,
  body: (options: D, fn: string) => tf.Tensor,
  reductions: readonly string[] = REDUCTIONS,
): tf.Tensor {
  const given = checkOptions(fn, options, Object.keys(defaults));
  const resolved: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) resolved[key] = value;
  }
  if ("reduction" in resolved) checkReduction(fn, resolved.reduction, reductions);
  for (const [key, value] of Object.entries(defaults)) {
    if (typeof value === "boolean") checkFlag(fn, key, resolved[key]);
  }
  return tf.tidy(() => body(resolved as D, fn));
}

/** What an argument that must be float32 holds, for the message; an argument not named promotes integers. */
export interface FloatArguments {
  input?: string;
  target?: string;
}

/**
 * input and target as float32 tensors of one shape (no broadcasting). An integer tensor is refused
 * for an argument named in `floats` (PyTorch refuses it there) and promoted to float32 otherwise.
 * @throws LossInputError naming the argument that is not numeric or of the wrong dtype, or target
 *   when the shapes differ.
 */
export function inputAndTarget(
  fn: string,
  input: unknown,
  target: unknown,
  floats: FloatArguments = {},
): [tf.Tensor, tf.Tensor] {
  const x = floats.input === undefined ? toTensor(fn, "input", input) : toFloatTensor(fn, "input", input, floats.input);
  const y =
    floats.target === undefined ? toTensor(fn, "target", target) : toFloatTensor(fn, "target", target, floats.target);
  checkSameShape(fn, "target", y, "input", x);
  return [x, y];
}
