// The public API of losslab, and nothing else.
import * as tf from "@tensorflow/tfjs-core";

export { tf };
export { ready, availableBackends, type BackendName } from "./core/backend";
export { LossInputError } from "./core/errors";
export { show, display } from "./notebook";
export type { Reduction, KlReduction } from "./core/reduction";
export type { TensorLike, NestedNumbers } from "./core/tensor";

export * from "./losses/regression";
export * from "./losses/classification";
export * from "./losses/divergence";
export * from "./losses/embedding";
export * from "./losses/composite";
export { sigmoidFocalLoss, type SigmoidFocalLossOptions } from "./losses/focal";
export { infoNce, ntXent, type InfoNceOptions, type NtXentOptions } from "./losses/contrastive";
export { ctcLoss, type CtcLossOptions } from "./losses/sequence";
export { policyGradientLoss, type PolicyGradientLossOptions } from "./losses/policy";

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
