// Entropy and divergence of discrete distributions by hand: p and q are lists of probabilities
// (non-negative, adding up to 1). Natural logarithms throughout, so the unit is the nat.
// A term with pᵢ = 0 counts 0, since p log p → 0 as p → 0.
import { checkNotEmpty, checkSameLength } from "./checks";
import { sum } from "./reduce";

/**
 * Shannon entropy: the average surprise −log pᵢ of an outcome drawn from p.
 *
 *   H(p) = −Σᵢ pᵢ log pᵢ
 *
 * losslab: entropy(probs). PyTorch: torch.distributions.Categorical(probs=p).entropy().
 * @throws Error when p is empty.
 */
export function entropy(p: number[]): number {
  checkNotEmpty("entropy", "p", p);
  return sum(p.map((pi) => (pi === 0 ? 0 : -pi * Math.log(pi))));
}

/**
 * Gradient of the entropy with respect to p (each pᵢ moved on its own, off the simplex).
 *
 *   ∂H/∂pᵢ = −(log pᵢ + 1)       (+∞ where pᵢ = 0)
 *
 * @throws Error when p is empty.
 */
export function entropyGrad(p: number[]): number[] {
  checkNotEmpty("entropyGrad", "p", p);
  return p.map((pi) => -(Math.log(pi) + 1));
}

/**
 * Kullback–Leibler divergence of q from p: the extra nats paid for coding outcomes of p with a
 * code built for q. Never negative; zero exactly when q = p. Not symmetric.
 *
 *   KL(p ‖ q) = Σᵢ pᵢ log(pᵢ / qᵢ) = crossEntropy(p, q) − H(p),   crossEntropy(p, q) = −Σᵢ pᵢ log qᵢ
 *
 * p is the target distribution, q the prediction.
 * losslab: klDiv(log q, p, { reduction: "sum" }) (for a batch of rows, "batchmean" averages
 * this over the rows). PyTorch: torch.nn.functional.kl_div(q.log(), p, reduction="sum").
 * @throws Error when p is empty or q differs from it in length.
 */
export function klDiv(p: number[], q: number[]): number {
  checkNotEmpty("klDiv", "p", p);
  checkSameLength("klDiv", "q", q, "p", p);
  return sum(p.map((pi, i) => (pi === 0 ? 0 : pi * Math.log(pi / q[i]))));
}

/**
 * Gradient of KL(p ‖ q) with respect to the prediction q.
 *
 *   ∂KL/∂qᵢ = −pᵢ / qᵢ
 *
 * (With respect to log qᵢ, the input of PyTorch's kl_div, it is −pᵢ.)
 * @throws Error when p is empty or q differs from it in length.
 */
export function klDivGrad(p: number[], q: number[]): number[] {
  checkNotEmpty("klDivGrad", "p", p);
  checkSameLength("klDivGrad", "q", q, "p", p);
  return p.map((pi, i) => -pi / q[i]);
}
