// Objectives built from other losses: a weighted sum for multi-task training, and the L1 and
// L2 penalties on a model's weights that regularise it.
import * as tf from "@tensorflow/tfjs-core";
import { lossDoor, type Resolved } from "../core/door";
import {
  checkOptions,
  checkScalar,
  checkScalarOption,
  formatShape,
  isFiniteNonNegative,
  LossInputError,
} from "../core/errors";
import { sumAll } from "../core/reduction";
import { toTensor, type TensorLike } from "../core/tensor";
import { absolute } from "./ops";

/** One named term of a weighted sum: a scalar loss and the weight it enters with. */
export interface WeightedLoss {
  /** A 0-d loss, already reduced (reduction "mean" or "sum"). */
  loss: TensorLike;
  /** Its weight, a finite number ≥ 0; default 1. */
  weight?: number;
}

/** The terms of a weighted sum by name: a scalar loss alone (weight 1), or with its weight. */
export type WeightedTerms = Readonly<Record<string, TensorLike | WeightedLoss>>;

export interface L1PenaltyOptions {
  /** The strength λ, a finite number ≥ 0; default 1 (the plain norm). */
  coefficient?: number;
}

export type L2PenaltyOptions = L1PenaltyOptions;

// The penalties' defaults; their keys are the only options they accept.
const PENALTY_DEFAULTS: Resolved<L1PenaltyOptions> = { coefficient: 1 };

function isWeightedLoss(term: TensorLike | WeightedLoss): term is WeightedLoss {
  return typeof term === "object" && term !== null && "loss" in term;
}

/** A term's loss as a 0-d tensor and its checked weight. */
function termOf(fn: string, name: string, term: TensorLike | WeightedLoss): [tf.Tensor, number] {
  const argument = `terms.${name}`;
  if (isWeightedLoss(term)) checkOptions(fn, term, ["loss", "weight"], argument);
  const { loss, weight = 1 } = isWeightedLoss(term) ? term : { loss: term };
  const value = toTensor(fn, `${argument}.loss`, loss);
  checkScalar(fn, `${argument}.loss`, value, 'reduce the loss with "mean" or "sum" first');
  checkScalarOption(fn, `${argument}.weight`, weight, "a finite number ≥ 0", isFiniteNonNegative);
  return [value, weight];
}

/**
 * Weighted sum of named scalar losses, the objective of multi-task training.
 *
 *   L = Σₖ wₖ Lₖ
 *
 * e.g. weightedSum({ box: { loss: huberLoss(b, bt), weight: 5 }, label: crossEntropy(c, ct) }).
 * In PyTorch this is plain arithmetic on the loss tensors; here the names make every term
 * checked and every message say which one is wrong. Gradients flow to each loss as wₖ.
 * Reference: Caruana, "Multitask Learning", Machine Learning 28, 1997.
 * @example weightedSum({ a: 1, b: { loss: 2, weight: 0.5 } }).print(); // 2
 * @throws LossInputError when there are no terms, a loss is not 0-d, or a weight is negative,
 * infinite or not a number.
 */
export function weightedSum(terms: WeightedTerms): tf.Tensor {
  const fn = "weightedSum";
  return tf.tidy(() => {
    const names = Object.keys(terms);
    if (names.length === 0) {
      throw new LossInputError(fn, "terms", "expected at least one named loss, got none");
    }
    const weighted = names.map((name) => {
      const [loss, weight] = termOf(fn, name, terms[name]);
      return tf.mul(loss, weight);
    });
    return tf.addN(weighted);
  });
}

/** The weight tensors of a penalty, converted; one that is not numeric is named by index. */
function weightTensors(fn: string, weights: readonly TensorLike[]): tf.Tensor[] {
  if (!Array.isArray(weights)) {
    const got = weights instanceof tf.Tensor ? `a tensor of shape ${formatShape(weights.shape)}` : typeof weights;
    const expected = "expected an array of weight tensors";
    throw new LossInputError(fn, "weights", `${expected}, got ${got}; wrap a single tensor as [w]`);
  }
  return weights.map((w, i) => toTensor(fn, `weights[${i}]`, w));
}

/** λ Σₖ f(Wₖ) over the weight tensors, 0 for an empty list. */
function penalty(
  fn: string,
  weights: readonly TensorLike[],
  options: L1PenaltyOptions | null | undefined,
  perElement: (w: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  return lossDoor(fn, options, PENALTY_DEFAULTS, ({ coefficient }) => {
    const lambda = checkScalarOption(fn, "coefficient", coefficient, "a finite number ≥ 0", isFiniteNonNegative);
    const totals = weightTensors(fn, weights).map((w) => sumAll(perElement(w)));
    return tf.mul(lambda, totals.length === 0 ? tf.scalar(0) : tf.addN(totals));
  });
}

/**
 * L1 penalty (lasso) on a list of weight tensors; it drives weights to exactly zero.
 *
 *   P = λ Σₖ Σᵢ |Wₖᵢ|
 *
 * PyTorch has no function for it: `lam * sum(w.abs().sum() for w in weights)`, whose gradient
 * λ·sign(w) (0 at w = 0) this shares. An empty list gives 0.
 * Reference: Tibshirani, "Regression Shrinkage and Selection via the Lasso", J. R. Statist. Soc. B 58(1), 1996.
 * @example l1Penalty([[1, -2]], { coefficient: 0.1 }).print(); // 0.3
 * @throws LossInputError when weights is not an array, an entry is not numeric, or the
 * coefficient is negative or not finite.
 */
export function l1Penalty(weights: readonly TensorLike[], options?: L1PenaltyOptions | null): tf.Tensor {
  return penalty("l1Penalty", weights, options, absolute);
}

/**
 * L2 penalty (ridge, weight decay) on a list of weight tensors; it shrinks large weights most.
 *
 *   P = λ Σₖ Σᵢ Wₖᵢ²       gradient 2λW
 *
 * PyTorch: `lam * sum(w.pow(2).sum() for w in weights)`. An optimizer's weight_decay = d adds
 * d·W to the gradient, which is this penalty with λ = d / 2. An empty list gives 0.
 * Reference: Hoerl & Kennard, "Ridge Regression", Technometrics 12(1), 1970.
 * @example l2Penalty([[1, -2]], { coefficient: 0.1 }).print(); // 0.5
 * @throws LossInputError when weights is not an array, an entry is not numeric, or the
 * coefficient is negative or not finite.
 */
export function l2Penalty(weights: readonly TensorLike[], options?: L2PenaltyOptions | null): tf.Tensor {
  return penalty("l2Penalty", weights, options, tf.square);
}
