// CTC by hand: the forward (α) and backward (β) recursions over the alignment lattice of one
// sequence, in log space, and the gradient PyTorch's ctc_loss gives. One sequence at a time: a
// batch is a loop over these, and PyTorch's "mean" divides each loss by its target length.
import { checkClassIndex, checkNotEmpty, checkNumber } from "./checks";

/** Options of the CTC functions: the class index of the blank (default 0). */
export interface CtcOptions {
  blank?: number;
}

/** log(eᵃ + eᵇ), computed as max + log(1 + e^−|a−b|) so that it never overflows; exact when one is −∞. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
}

function checkCtcInputs(fn: string, logProbs: number[][], target: number[], blank: number): void {
  checkNotEmpty(fn, "logProbs", logProbs);
  const classes = logProbs[0].length;
  checkNumber(
    fn,
    "blank",
    blank,
    `a class index in [0, ${classes - 1}]`,
    (b) => Number.isInteger(b) && b >= 0 && b < classes,
  );
  logProbs.forEach((frame, t) => {
    if (frame.length !== classes) {
      throw new Error(
        `byhand.${fn}: logProbs: expected ${classes} classes in every frame, got ${frame.length} at frame ${t}`,
      );
    }
  });
  target.forEach((label) => checkClassIndex(fn, "target", label, classes));
}

/**
 * The labels with blanks around and between them, the states of the lattice:
 *   [1, 2, 2] with blank 0 → [0, 1, 0, 2, 0, 2, 0]
 */
export function ctcExtendedLabels(target: number[], { blank = 0 }: CtcOptions = {}): number[] {
  const extended = [blank];
  for (const label of target) extended.push(label, blank);
  return extended;
}

/**
 * Whether a path may jump two states, from s − 2 to s, skipping the blank between: only onto a
 * label, and only when it differs from the label before it (a repeated label needs the blank).
 */
function canSkip(extended: number[], s: number): boolean {
  return s % 2 === 1 && s >= 2 && extended[s] !== extended[s - 2];
}

/**
 * The forward variables: α[t][s] = log of the total probability of the alignment prefixes that
 * emit frames 0…t and end in state s of the extended labels.
 *
 *   α[0][0] = log p₀(blank)        α[0][1] = log p₀(l₁)        α[0][s] = −∞ otherwise
 *   α[t][s] = log pₜ(l′ₛ) + logsumexp(α[t−1][s], α[t−1][s−1], α[t−1][s−2] if the skip is allowed)
 */
export function ctcAlpha(logProbs: number[][], target: number[], { blank = 0 }: CtcOptions = {}): number[][] {
  checkCtcInputs("ctcAlpha", logProbs, target, blank);
  const extended = ctcExtendedLabels(target, { blank });
  const alpha = logProbs.map(() => extended.map(() => -Infinity));
  alpha[0][0] = logProbs[0][blank];
  if (extended.length > 1) alpha[0][1] = logProbs[0][extended[1]];
  for (let t = 1; t < logProbs.length; t++) {
    for (let s = 0; s < extended.length; s++) {
      let reach = alpha[t - 1][s];
      if (s >= 1) reach = logAddExp(reach, alpha[t - 1][s - 1]);
      if (canSkip(extended, s)) reach = logAddExp(reach, alpha[t - 1][s - 2]);
      alpha[t][s] = reach + logProbs[t][extended[s]];
    }
  }
  return alpha;
}

/**
 * The backward variables: β[t][s] = log of the total probability of the alignment suffixes that
 * start in state s at frame t (frame t included) and finish the labels by the last frame.
 */
export function ctcBeta(logProbs: number[][], target: number[], { blank = 0 }: CtcOptions = {}): number[][] {
  checkCtcInputs("ctcBeta", logProbs, target, blank);
  const extended = ctcExtendedLabels(target, { blank });
  const last = logProbs.length - 1;
  const end = extended.length - 1;
  const beta = logProbs.map(() => extended.map(() => -Infinity));
  beta[last][end] = logProbs[last][extended[end]];
  if (end >= 1) beta[last][end - 1] = logProbs[last][extended[end - 1]];
  for (let t = last - 1; t >= 0; t--) {
    for (let s = 0; s < extended.length; s++) {
      let reach = beta[t + 1][s];
      if (s + 1 <= end) reach = logAddExp(reach, beta[t + 1][s + 1]);
      if (s + 2 <= end && canSkip(extended, s + 2)) reach = logAddExp(reach, beta[t + 1][s + 2]);
      beta[t][s] = reach + logProbs[t][extended[s]];
    }
  }
  return beta;
}

/**
 * The CTC loss of one sequence: −log p(target | frames), the probability summed over every
 * alignment, read off the last frame of α (a path ends on the last label or the blank after it).
 *
 *   ℓ = −logsumexp(α[T−1][2S], α[T−1][2S−1])        (∞ when no alignment fits in T frames)
 *
 * losslab: ctcLoss(logProbs as [T, 1, C], [target], [T], [S], { reduction: "none" }).
 * PyTorch: torch.nn.functional.ctc_loss(..., reduction="none").
 * @throws Error when logProbs is empty or ragged, blank or a label is not a class index.
 */
export function ctcLoss(logProbs: number[][], target: number[], { blank = 0 }: CtcOptions = {}): number {
  checkCtcInputs("ctcLoss", logProbs, target, blank);
  const lastFrame = ctcAlpha(logProbs, target, { blank })[logProbs.length - 1];
  const end = lastFrame.length - 1;
  return -(end >= 1 ? logAddExp(lastFrame[end], lastFrame[end - 1]) : lastFrame[end]);
}

/**
 * PyTorch's gradient of the CTC loss of one sequence, per frame t and class c:
 *
 *   γ[t][c] = exp(log Σ_{s: l′ₛ = c} exp(α[t][s] + β[t][s]) − log pₜ(c) − log p(target))
 *   ∂ℓ/∂zₜ꜀ = pₜ(c) − γ[t][c]
 *
 * γ[t][c] is the probability that frame t emits c given the target (α and β both count frame t,
 * hence the division by pₜ(c)). It is the gradient with respect to the logits z when
 * logProbs = logSoftmax(z), and what torch reports as the gradient of log_probs. NaN everywhere
 * when the loss is ∞.
 * @throws Error as ctcLoss.
 */
export function ctcLossGrad(logProbs: number[][], target: number[], { blank = 0 }: CtcOptions = {}): number[][] {
  checkCtcInputs("ctcLossGrad", logProbs, target, blank);
  const alpha = ctcAlpha(logProbs, target, { blank });
  const beta = ctcBeta(logProbs, target, { blank });
  const logLikelihood = -ctcLoss(logProbs, target, { blank });
  const extended = ctcExtendedLabels(target, { blank });
  return logProbs.map((frame, t) =>
    frame.map((logP, c) => {
      let logOccupancy = -Infinity;
      extended.forEach((label, s) => {
        if (label === c) logOccupancy = logAddExp(logOccupancy, alpha[t][s] + beta[t][s]);
      });
      return Math.exp(logP) - Math.exp(logOccupancy - logP - logLikelihood);
    }),
  );
}
