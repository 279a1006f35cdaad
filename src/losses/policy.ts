// The policy-gradient loss of reinforcement learning: make the actions that did better than
// expected more likely, and keep the policy from collapsing too early with an entropy bonus.
import * as tf from "@tensorflow/tfjs-core";
import { lossDoor, type Resolved } from "../core/door";
import { checkFiniteOption, checkRank, checkShape } from "../core/errors";
import { reduce, type ReductionOptions } from "../core/reduction";
import { checkIndexDtype, toClassIndices } from "../core/targets";
import { toFloatTensor, toTensor, type TensorLike } from "../core/tensor";
import { detached } from "./ops";

export interface PolicyGradientLossOptions extends ReductionOptions {
  /** Subtracted from the returns: a finite number, or one value per sample [N]; never differentiated. Default 0. */
  baseline?: number | TensorLike;
  /** β, the weight of the entropy bonus (β > 0 rewards exploration), a finite number; default 0. */
  entropyCoefficient?: number;
}

// policyGradientLoss's defaults; their keys are the only options it accepts.
const DEFAULTS: Resolved<PolicyGradientLossOptions> = {
  baseline: 0,
  entropyCoefficient: 0,
  reduction: "mean",
};

/** The baseline as a tensor: a finite number, or a tensor of the returns' shape [N]. */
function readBaseline(fn: string, baseline: unknown, samples: number): tf.Tensor {
  if (typeof baseline === "number") {
    return tf.scalar(checkFiniteOption(fn, "baseline", baseline));
  }
  const b = toTensor(fn, "baseline", baseline);
  checkShape(fn, "baseline", b, [samples]);
  return b;
}

/**
 * REINFORCE's loss, whose gradient is the policy gradient: for states with action logits xᵢ [N, A],
 * the actions aᵢ taken [N] and the returns Rᵢ [N] that followed,
 *
 *   log π(·|sᵢ) = logSoftmax(xᵢ)          Hᵢ = −Σₐ π(a|sᵢ) log π(a|sᵢ)
 *   ℓᵢ = −(Rᵢ − bᵢ) · log π(aᵢ|sᵢ) − β · Hᵢ
 *
 * with the baseline b (a number, or one per sample) and the entropy coefficient β. Only the logits
 * are differentiated: the advantage Rᵢ − bᵢ is a constant weight (its gradient is 0), as in
 * `-(returns - baseline).detach() * log_prob`. The loss value is not an objective to watch fall: its
 * gradient, −(R − b)·∂log π(a|s)/∂x, is what points toward higher expected return.
 * torch.nn has no equivalent; it is -(R - b) * F.log_softmax(x, -1).gather(-1, a[:, None]).squeeze(-1)
 * - β * torch.distributions.Categorical(logits=x).entropy().
 * Reference: Williams, "Simple statistical gradient-following algorithms for connectionist
 *   reinforcement learning", Machine Learning 8, 1992.
 * @example policyGradientLoss([[0, 0]], [1], [2]).print(); // 1.3862944 (= 2·log 2)
 * @throws LossInputError when logits is not [N, A] or is an int32 tensor, actions are not N class
 *   indices in [0, A), returns or a tensor baseline is not [N], or a number option is not finite.
 */
export function policyGradientLoss(
  logits: TensorLike,
  actions: TensorLike,
  returns: TensorLike,
  options?: PolicyGradientLossOptions | null,
): tf.Tensor {
  return lossDoor("policyGradientLoss", options, DEFAULTS, ({ baseline, entropyCoefficient, reduction }, fn) => {
    checkFiniteOption(fn, "entropyCoefficient", entropyCoefficient);
    const x = toFloatTensor(fn, "logits", logits, "logits");
    checkRank(fn, "logits", x, [2]);
    const [samples, numActions] = x.shape;
    checkIndexDtype(fn, "actions", actions);
    const a = toClassIndices(fn, "actions", actions, numActions);
    checkShape(fn, "actions", a, [samples]);
    const r = toTensor(fn, "returns", returns);
    checkShape(fn, "returns", r, [samples]);
    const b = readBaseline(fn, baseline, samples);
    const logPolicy = tf.logSoftmax(x);
    const chosen = tf.sum(tf.mul(logPolicy, tf.oneHot(a, numActions)), -1);
    const advantage = detached((ret, base) => tf.sub(ret, base), r, b);
    const surrogate = tf.neg(tf.mul(advantage, chosen));
    if (entropyCoefficient === 0) return reduce(surrogate, reduction);
    const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logPolicy), logPolicy), -1));
    return reduce(tf.sub(surrogate, tf.mul(entropyCoefficient, entropy)), reduction);
  });
}
