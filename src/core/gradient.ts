// Custom gradients: the one typed wrapper around tf.customGrad that every loss and helper uses.
import * as tf from "@tensorflow/tfjs-core";

/** What a custom op's forward pass returns: its value, and its gradient with respect to each input. */
export interface CustomOpResult {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/**
 * An op of `inputs` whose gradient is given rather than recorded: tf.customGrad with the inputs
 * typed and the save function passed separately. `forward` must save() every tensor its gradient
 * reads, since the tidy around a loss disposes the closure's tensors before the backward pass runs.
 */
export function customOp<Inputs extends tf.Tensor[]>(
  forward: (inputs: Inputs, save: tf.GradSaveFunc) => CustomOpResult,
): (...inputs: Inputs) => tf.Tensor {
  const op = tf.customGrad((...args: unknown[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    return forward(args.slice(0, -1) as Inputs, save);
  });
  return (...inputs) => op(...inputs);
}

/**
 * A tensor of `shape` filled with `value` that autodiff still traces back to `inputs`: its gradient
 * with respect to each input is zeros of that input's shape. It reads no input's data, so it is how
 * a loss answers for empty tensors, on which some wasm kernels misbehave (sums read uninitialised
 * memory, transposes throw "divide by zero"). Input shapes are kept as plain arrays, so the gradient
 * never touches a tensor that a tidy has disposed.
 */
export function tracedConstant(shape: readonly number[], value: number, ...inputs: tf.Tensor[]): tf.Tensor {
  const inputShapes = inputs.map((t) => t.shape);
  const constant = customOp<tf.Tensor[]>(() => ({
    value: tf.fill([...shape], value),
    gradFunc: () => inputShapes.map((s) => tf.zeros(s)),
  }));
  return constant(...inputs);
}
