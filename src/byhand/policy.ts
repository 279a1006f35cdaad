// REINFORCE by hand: the policy-gradient loss of a batch of (state, action, return) samples, where
// the policy is a softmax over action logits. Gradients are with respect to the logits.
import { checkClassIndex, checkNotEmpty, checkNumber, checkSameLength } from "./checks";
import { logSoftmax, softmax } from "./classification";
import { gradientScale, reduce, sum, type Reduced, type Unreduced } from "./reduce";

/** Options of policyGradientLoss: the baseline b (a number or one per sample) and the entropy weight β. */
export interface PolicyGradientLossOptions {
  baseline?: number | number[];
  entropyCoefficient?: number;
}

function checkPolicyInputs(
  fn: string,
  logits: number[][],
  actions: number[],
  returns: number[],
  baseline: number | number[],
  entropyCoefficient: number,
): void {
  checkNotEmpty(fn, "logits", logits);
  checkSameLength(fn, "actions", actions, "logits", logits);
  checkSameLength(fn, "returns", returns, "logits", logits);
  if (Array.isArray(baseline)) checkSameLength(fn, "baseline", baseline, "logits", logits);
  else checkNumber(fn, "baseline", baseline, "a finite number");
  checkNumber(fn, "entropyCoefficient", entropyCoefficient, "a finite number");
  actions.forEach((a, i) => checkClassIndex(fn, "actions", a, logits[i].length));
}

/** The advantage Aᵢ = Rᵢ − bᵢ: how much better than expected the action turned out. */
function advantage(returns: number[], baseline: number | number[], i: number): number {
  return returns[i] - (Array.isArray(baseline) ? baseline[i] : baseline);
}

/**
 * The REINFORCE loss (Williams, 1992) of samples i with action logits xᵢ, the action aᵢ taken and
 * the return Rᵢ that followed:
 *
 *   π(·|sᵢ) = softmax(xᵢ)       Hᵢ = −Σₐ π(a|sᵢ) log π(a|sᵢ)
 *   ℓᵢ = −(Rᵢ − bᵢ) log π(aᵢ|sᵢ) − β Hᵢ
 *
 * The advantage Rᵢ − bᵢ is a constant: only the logits are differentiated.
 * losslab: policyGradientLoss(logits, actions, returns, { baseline, entropyCoefficient }).
 * PyTorch: -(R - b) * F.log_softmax(x, -1).gather(-1, a[:, None]).squeeze(-1) - β * Categorical(logits=x).entropy().
 * @throws Error when the lists differ in length, an action is not a class index, or an option is not finite.
 */
export function policyGradientLoss(
  logits: number[][],
  actions: number[],
  returns: number[],
  options?: PolicyGradientLossOptions & Reduced,
): number;
export function policyGradientLoss(
  logits: number[][],
  actions: number[],
  returns: number[],
  options: PolicyGradientLossOptions & Unreduced,
): number[];
export function policyGradientLoss(
  logits: number[][],
  actions: number[],
  returns: number[],
  { baseline = 0, entropyCoefficient = 0, reduction = "mean" }: PolicyGradientLossOptions & (Reduced | Unreduced) = {},
): number | number[] {
  checkPolicyInputs("policyGradientLoss", logits, actions, returns, baseline, entropyCoefficient);
  const losses = logits.map((x, i) => {
    const logPolicy = logSoftmax(x);
    const entropy = -sum(logPolicy.map((logP) => Math.exp(logP) * logP));
    return -advantage(returns, baseline, i) * logPolicy[actions[i]] - entropyCoefficient * entropy;
  });
  return reduce("policyGradientLoss", losses, reduction);
}

/**
 * Gradient of the REINFORCE loss with respect to the logits of each sample:
 *
 *   ∂ℓᵢ/∂xᵢₖ = (Rᵢ − bᵢ)(πₖ − [k = aᵢ]) + β πₖ (log πₖ + Hᵢ)
 *
 * The first term raises the logit of an action that did better than the baseline and lowers the
 * others (and the reverse when it did worse); the second pulls the policy toward uniform.
 * @throws Error as policyGradientLoss.
 */
export function policyGradientLossGrad(
  logits: number[][],
  actions: number[],
  returns: number[],
  { baseline = 0, entropyCoefficient = 0, reduction = "mean" }: PolicyGradientLossOptions & Reduced = {},
): number[][] {
  checkPolicyInputs("policyGradientLossGrad", logits, actions, returns, baseline, entropyCoefficient);
  const scale = gradientScale("policyGradientLossGrad", logits.length, reduction);
  return logits.map((x, i) => {
    const policy = softmax(x);
    const logPolicy = logSoftmax(x);
    const entropy = -sum(policy.map((p, k) => p * logPolicy[k]));
    const a = advantage(returns, baseline, i);
    return policy.map((p, k) => {
      const chosen = k === actions[i] ? 1 : 0;
      return (a * (p - chosen) + entropyCoefficient * p * (logPolicy[k] + entropy)) * scale;
    });
  });
}
