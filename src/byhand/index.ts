// The by-hand losses: the same math as losslab's tensor losses, on plain number arrays, each with
// its analytic gradient, under the tensor loss's name: byhand.mseLoss(...), byhand.mseLossGrad(...).
export type { Reduction, Reduced, Unreduced } from "./reduce";
export * from "./regression";
export * from "./classification";
export * from "./divergence";
export * from "./ranking";
export * from "./focal";
export * from "./contrastive";
export * from "./sequence";
export * from "./policy";
// Transitional: the names the notebooks used before they matched the tensor losses. Remove once no
// notebook calls byhand.mse, byhand.nll, byhand.klDivergence, … (grep notebooks/ for them).
export {
  l1Loss as l1,
  l1LossGrad as l1Grad,
  mseLoss as mse,
  mseLossGrad as mseGrad,
  smoothL1Loss as smoothL1,
  smoothL1LossGrad as smoothL1Grad,
  huberLoss as huber,
  huberLossGrad as huberGrad,
} from "./regression";
export { nllLoss as nll, nllLossGrad as nllGrad } from "./classification";
export { klDiv as klDivergence, klDivGrad as klDivergenceGrad } from "./divergence";
export {
  marginRankingLoss as marginRanking,
  marginRankingLossGrad as marginRankingGrad,
  contrastiveLoss as contrastive,
  contrastiveLossGrad as contrastiveGrad,
  tripletMarginLoss as tripletMargin,
  tripletMarginLossGrad as tripletMarginGrad,
} from "./ranking";
