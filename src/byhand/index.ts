// The by-hand losses: the same math as losslab's tensor losses, on plain number arrays, each with
// its analytic gradient. Exposed as the namespace `byhand`: byhand.mse(...), byhand.mseGrad(...).
export type { Reduction, Reduced, Unreduced } from "./reduce";
export * from "./regression";
export * from "./classification";
export * from "./divergence";
export * from "./ranking";
