// The by-hand losses: the same math as losslab's tensor losses, on plain number arrays, each with
// its analytic gradient. Exposed as the namespace `byhand`: byhand.mse(...), byhand.mseGrad(...).
export type { Reduction, Reduced, Unreduced } from "./reduce";
export * from "./regression";
export * from "./classification";
export * from "./divergence";
export * from "./ranking";
export * from "./focal";
export * from "./contrastive";
export * from "./sequence";
export * from "./policy";
// Transitional aliases: the by-hand names that match the tensor losses (byhand.mseLoss ↔ mseLoss).
export {
  l1 as l1Loss,
  l1Grad as l1LossGrad,
  mse as mseLoss,
  mseGrad as mseLossGrad,
  smoothL1 as smoothL1Loss,
  smoothL1Grad as smoothL1LossGrad,
  huber as huberLoss,
  huberGrad as huberLossGrad,
} from "./regression";
export { nll as nllLoss, nllGrad as nllLossGrad } from "./classification";
export { klDivergence as klDiv, klDivergenceGrad as klDivGrad } from "./divergence";
export {
  marginRanking as marginRankingLoss,
  marginRankingGrad as marginRankingLossGrad,
  contrastive as contrastiveLoss,
  contrastiveGrad as contrastiveLossGrad,
  tripletMargin as tripletMarginLoss,
  tripletMarginGrad as tripletMarginLossGrad,
} from "./ranking";
