// Minimal, deterministic training loops for the tutorials (tfjs and losslab's losses).
export * from "./line";
export * from "./softmax";
export * from "./contrastive";
export * from "./multitask";
export * from "./penalised";
