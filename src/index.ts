// The public API of losslab, and nothing else.
import * as tf from "@tensorflow/tfjs";

export { tf };
export { ready, availableBackends, type BackendName } from "./core/backend";
export { LossInputError } from "./core/errors";
export type { Reduction, KlReduction } from "./core/reduction";
export type { TensorLike, NestedNumbers } from "./core/tensor";

export * from "./losses/regression";
export * from "./losses/softmax";
export * from "./losses/binary";
export * from "./losses/margin";
export * from "./losses/divergence";
export * from "./losses/embedding";
export * from "./losses/composite";

export * as byhand from "./byhand";
export * as plot from "./plot";
export * as data from "./data";
export * as train from "./train";
export * as check from "./check";
// Transitional flat re-exports, removed once every notebook uses the namespaces above.
export * from "./plot";
export * from "./data";
export * from "./train";
export * from "./check";
