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
