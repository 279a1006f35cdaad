// The public API of losslab, and nothing else: every name is listed here on purpose, and
// test/api.test.ts pins the list, so that changing the API is a decision.
import * as tf from "@tensorflow/tfjs-core";

export { tf };
export { ready, availableBackends, type BackendName } from "./core/backend";
export { LossInputError } from "./core/errors";
export type { Reduction, KlReduction, ReductionOptions } from "./core/reduction";
export type { TensorLike, NestedNumbers, NumericArray } from "./core/tensor";

export {
  l1Loss,
  mseLoss,
  smoothL1Loss,
  huberLoss,
  poissonNllLoss,
  gaussianNllLoss,
  type L1LossOptions,
  type MseLossOptions,
  type SmoothL1LossOptions,
  type HuberLossOptions,
  type PoissonNllLossOptions,
  type GaussianNllLossOptions,
} from "./losses/regression";
export { crossEntropy, nllLoss, type CrossEntropyOptions, type NllLossOptions } from "./losses/softmax";
export {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  softMarginLoss,
  multilabelSoftMarginLoss,
  sigmoidFocalLoss,
  type BinaryCrossEntropyOptions,
  type BinaryCrossEntropyWithLogitsOptions,
  type SoftMarginLossOptions,
  type MultilabelSoftMarginLossOptions,
  type SigmoidFocalLossOptions,
} from "./losses/binary";
export {
  multiMarginLoss,
  multilabelMarginLoss,
  type MultiMarginLossOptions,
  type MultilabelMarginLossOptions,
} from "./losses/margin";
export { klDiv, entropy, type KlDivOptions } from "./losses/divergence";
export {
  marginRankingLoss,
  hingeEmbeddingLoss,
  cosineEmbeddingLoss,
  tripletMarginLoss,
  contrastiveLoss,
  infoNce,
  ntXent,
  type MarginRankingLossOptions,
  type HingeEmbeddingLossOptions,
  type CosineEmbeddingLossOptions,
  type TripletMarginLossOptions,
  type ContrastiveLossOptions,
  type InfoNceOptions,
  type NtXentOptions,
} from "./losses/embedding";
export {
  weightedSum,
  l1Penalty,
  l2Penalty,
  type WeightedLoss,
  type WeightedTerms,
  type L1PenaltyOptions,
  type L2PenaltyOptions,
} from "./losses/composite";
export { ctcLoss, type CtcLossOptions } from "./losses/sequence";
export { policyGradientLoss, type PolicyGradientLossOptions } from "./losses/policy";

export * as byhand from "./byhand";
export * as plot from "./plot";
export * as data from "./data";
export * as train from "./train";
export * as check from "./check";
export { show, display } from "./notebook";
