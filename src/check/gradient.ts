// Checking a gradient the way one checks any derivative by hand: nudge each input a little both
// ways and see how far the output moves. For a loss written with tf.customGrad, this is the test
// that its hand-written gradient is the derivative of its value.
import * as tf from "@tensorflow/tfjs-core";

/** A tensor, or a (nested) array of numbers that becomes a float32 tensor. */
export type GradientInput = tf.Tensor | number | readonly GradientInput[];

export interface GradientCheckOptions {
  /** The step h of the central differences; default 1e-3 (in float32 a smaller step drowns in rounding). */
  step?: number;
  /** Relative tolerance: |analytic − numeric| ≤ atol + rtol·|numeric|. Default 1e-2. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-3. */
  atol?: number;
  /** What is being checked, shown in the message. */
  label?: string;
}

export interface GradientCheck {
  /** The gradient tfjs autodiff gives (a tf.customGrad's gradFunc, where f has one), flat. */
  analytic: number[];
  /** The central differences (f(x + h eᵢ) − f(x − h eᵢ)) / 2h, flat. */
  numeric: number[];
  /** The largest |analytic − numeric| over the entries. */
  largestDifference: number;
}

function toInput(x: GradientInput): tf.Tensor {
  return x instanceof tf.Tensor ? tf.cast(x, "float32") : tf.tensor(x as number[], undefined, "float32");
}

/** The shape and values of x, leaving nothing behind. */
function readInput(x: GradientInput): { shape: number[]; values: number[] } {
  if (x instanceof tf.Tensor) return { shape: x.shape, values: Array.from(x.dataSync()) };
  const input = toInput(x);
  const read = { shape: input.shape, values: Array.from(input.dataSync()) };
  input.dispose();
  return read;
}

/** f(x) as a number. @throws Error when f does not return one number (a 0-d tensor). */
function scalarValue(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, label: string): number {
  return tf.tidy(() => {
    const y = f(x);
    if (!(y instanceof tf.Tensor) || y.rank !== 0) {
      const shape = y instanceof tf.Tensor ? `[${y.shape.join(",")}]` : typeof y;
      throw new Error(
        `${label}: f must return a scalar (0-d) tensor, got shape ${shape}: reduce it first ` +
          `(tf.sum or tf.mean, or reduction "mean"), as a gradient is of one number`,
      );
    }
    return y.dataSync()[0];
  });
}

/**
 * The central-difference gradient of a scalar function f of a tensor x, entry by entry:
 *
 *   ∂f/∂xᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / (2h)        (error O(h²) where f is smooth)
 *
 * computed in float32 as tfjs computes f; the step actually taken is measured after rounding.
 * It needs 2·size(x) evaluations of f: meant for small tensors.
 * @example check.numericGradient((x) => tf.sum(tf.square(x)), [1, -2]); // ≈ [2, -4]
 * @throws Error when f does not return a 0-d tensor.
 */
export function numericGradient(
  f: (x: tf.Tensor) => tf.Tensor,
  x: GradientInput,
  { step = 1e-3, label = "numericGradient" }: Pick<GradientCheckOptions, "step" | "label"> = {},
): number[] {
  const { shape, values } = readInput(x);
  const at = (i: number, value: number) =>
    tf.tidy(() =>
      scalarValue(
        f,
        tf.tensor(
          values.map((v, j) => (j === i ? value : v)),
          shape,
        ),
        label,
      ),
    );
  return values.map((v, i) => {
    const [up, down] = [Math.fround(v + step), Math.fround(v - step)];
    return (at(i, up) - at(i, down)) / (up - down);
  });
}

/**
 * Compares the gradient tfjs autodiff gives for a scalar function f at x with finite differences,
 * and returns both: the check every hand-written gradient (tf.customGrad) should pass.
 * PyTorch's equivalent is torch.autograd.gradcheck (which works in float64, hence its tighter
 * tolerances).
 * @example check.gradientCheck((x) => mseLoss(x, [0, 1]), [0.5, 2]).analytic; // [0.5, 1]
 * @throws Error naming the label, the first entry that differs and both values; or when f does not
 *   return a 0-d tensor.
 */
export function gradientCheck(
  f: (x: tf.Tensor) => tf.Tensor,
  x: GradientInput,
  options: GradientCheckOptions = {},
): GradientCheck {
  const { rtol = 1e-2, atol = 1e-3, label = "gradientCheck" } = options;
  const analytic = tf.tidy(() => {
    const input = toInput(x);
    scalarValue(f, input, label);
    return Array.from(tf.grad(f)(input).dataSync());
  });
  const numeric = numericGradient(f, x, options);
  const differences = analytic.map((a, i) => Math.abs(a - numeric[i]));
  const bad = differences.findIndex((d, i) => !(d <= atol + rtol * Math.abs(numeric[i])));
  if (bad >= 0) {
    throw new Error(
      `${label}: the gradient at flat index ${bad} is ${analytic[bad]}, finite differences give ` +
        `${numeric[bad]} (rtol ${rtol}, atol ${atol})`,
    );
  }
  return { analytic, numeric, largestDifference: Math.max(0, ...differences) };
}
