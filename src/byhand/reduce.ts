import { checkOneOf } from "./checks";

/**
 * How per-element losses are combined, as PyTorch's `reduction`: "none" keeps the list,
 * "sum" adds it up, "mean" divides that sum by the number of elements.
 */
export type Reduction = "none" | "mean" | "sum";

/** Options of a loss that returns one number: its mean (the default) or its sum. */
export interface Reduced {
  reduction?: "mean" | "sum";
}

/** Options of a loss that returns the list of per-element losses. */
export interface Unreduced {
  reduction: "none";
}

const REDUCTIONS: readonly Reduction[] = ["none", "mean", "sum"];
const GRADIENT_REDUCTIONS: readonly Reduction[] = ["mean", "sum"];

/** x₁ + x₂ + … + xₙ */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/**
 * Combines per-element losses: "none" returns them, "sum" their sum, "mean" their sum divided by
 * their count (NaN for an empty list, as PyTorch's mean of nothing).
 * @throws Error when `reduction` is not one of "none", "mean", "sum".
 */
export function reduce(fn: string, losses: number[], reduction: Reduction): number | number[] {
  checkOneOf(fn, "reduction", reduction, REDUCTIONS);
  if (reduction === "none") return losses;
  const total = sum(losses);
  return reduction === "sum" ? total : total / losses.length;
}

/**
 * The factor that turns the gradient of one element's loss into the gradient of the reduced
 * loss: 1 for "sum", 1/n for "mean" (each element weighs 1/n in the mean).
 * @throws Error when `reduction` is not "mean" or "sum".
 */
export function gradientScale(fn: string, count: number, reduction: "mean" | "sum"): number {
  checkOneOf(fn, "reduction", reduction, GRADIENT_REDUCTIONS);
  return reduction === "sum" ? 1 : 1 / count;
}
