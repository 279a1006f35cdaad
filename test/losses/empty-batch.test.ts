// Every loss on an empty batch (first axis of length 0), forward and backward, on wasm and cpu:
// no throw (tfjs-wasm's kernels can raise a raw RuntimeError or read uninitialised memory on
// empty tensors), PyTorch's values (the mean of nothing is NaN, the sum 0, "none" an empty tensor)
// and empty gradients of each argument's shape, leaving no tensor behind. (torch 2.13's CPU
// multi_margin_loss and multilabel_margin_loss return uninitialised memory for "mean" and "sum"
// of an empty batch, such as 1e-38; losslab gives NaN and 0 there as for every other loss.)
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import * as losslab from "../../src";
import { ready, type BackendName } from "../../src/core/backend";
import type { Reduction } from "../../src/core/reduction";
import type { TensorLike } from "../../src/core/tensor";
import { infoNce } from "../../src/losses/embedding";
import { policyGradientLoss } from "../../src/losses/policy";
import { LOSS_CASES, caseName, type LossCase } from "../properties/cases";

const BACKENDS: BackendName[] = ["wasm", "cpu"];

/** Losses over a batch, called as loss(...args, { reduction }). */
const UNREDUCED = ["entropy", "weightedSum", "l1Penalty", "l2Penalty"];
const REDUCED = LOSS_CASES.map((c) => c.loss).filter((name) => !UNREDUCED.includes(name));
/** ctcLoss refuses empty log-probabilities, as torch does ("log_probs tensor must not be empty"). */
const REFUSES_EMPTY = ["ctcLoss"];
/** weightedSum adds scalar losses: there is no batch to empty. */
const BATCHED_CASES = LOSS_CASES.filter((c) => c.loss !== "weightedSum" && !REFUSES_EMPTY.includes(c.loss));
/** The rows whose options do not simply follow their tensor arguments, called with a reduction. */
const WITH_REDUCTION: Record<string, (reduction: Reduction) => (...a: TensorLike[]) => tf.Tensor> = {
  "infoNce (shared negatives)": (reduction) => (q, k, n) =>
    infoNce(q, k, { negativeKeys: n, temperature: 0.5, reduction }),
  policyGradientLoss: (reduction) => (l, a, r, b) =>
    policyGradientLoss(l, a, r, { baseline: b, entropyCoefficient: 0.1, reduction }),
};

/** Argument i of a row with its first axis emptied: [2, 3] becomes [0, 3]; int32 for class indices. */
function emptyArgument(lossCase: LossCase, i: number): tf.Tensor {
  const shape = tf.tidy(() => tf.tensor(lossCase.args[i] as number[]).shape);
  const dtype = lossCase.integer?.includes(i) ? "int32" : "float32";
  return tf.zeros([0, ...shape.slice(1)], dtype);
}

interface Outcome {
  value: number[];
  valueShape: number[];
  gradShapes: number[][];
  gradSizes: number[];
}

/** The loss of `call` on `args` and the gradient of its sum with respect to the differentiable ones. */
function valueAndGradients(lossCase: LossCase, args: tf.Tensor[], call: (...a: TensorLike[]) => tf.Tensor): Outcome {
  const wrt = lossCase.differentiable;
  const argsWith = (xs: tf.Tensor[]) => args.map((t, i) => (wrt.includes(i) ? xs[wrt.indexOf(i)] : t));
  const sumOfLoss = (...xs: tf.Tensor[]) => tf.sum(call(...argsWith(xs)));
  const output = call(...args);
  const { value: total, grads } = tf.valueAndGrads(sumOfLoss)(wrt.map((i) => args[i]));
  const outcome = {
    value: Array.from(output.dataSync()),
    valueShape: output.shape,
    gradShapes: grads.map((g) => g.shape),
    gradSizes: grads.map((g) => g.size),
  };
  tf.dispose([output, total, ...grads]);
  return outcome;
}

/** Runs `body` and checks that it left no tensor behind. */
function withoutLeak<T>(body: () => T): T {
  const before = tf.memory().numTensors;
  const result = body();
  expect(tf.memory().numTensors - before, "tensors left behind").toBe(0);
  return result;
}

function expectEmptyGradients(lossCase: LossCase, args: tf.Tensor[], outcome: Outcome): void {
  expect(outcome.gradShapes).toEqual(lossCase.differentiable.map((i) => args[i].shape));
  expect(outcome.gradSizes.every((size) => size === 0)).toBe(true);
}

describe.each(BACKENDS)("on %s", (backend) => {
  beforeAll(async () => {
    await ready(backend);
  });

  it("every batched loss has a row", () => {
    const isLoss = (name: string) => /Loss$|^(crossEntropy|klDiv|entropy|l[12]Penalty)$/.test(name);
    const rowless = Object.entries(losslab)
      .filter(([name, value]) => typeof value === "function" && isLoss(name))
      .map(([name]) => name)
      .filter((name) => !BATCHED_CASES.some((c) => c.loss === name) && !REFUSES_EMPTY.includes(name));
    expect(rowless).toEqual([]);
  });

  it("ctcLoss refuses an empty batch with a LossInputError, leaving no tensor behind", () => {
    const logProbs = tf.zeros([3, 0, 3]);
    withoutLeak(() => expect(() => losslab.ctcLoss(logProbs, [], [], [])).toThrow(/ctcLoss: logProbs: .*empty/));
    logProbs.dispose();
  });

  it.each(BATCHED_CASES.map((c) => ({ name: caseName(c), lossCase: c })))(
    "$name, as the table calls it, differentiates an empty batch",
    ({ lossCase }) => {
      const args = lossCase.args.map((_, i) => emptyArgument(lossCase, i));
      const outcome = withoutLeak(() => valueAndGradients(lossCase, args, lossCase.call));
      expectEmptyGradients(lossCase, args, outcome);
      tf.dispose(args);
    },
  );

  describe.each(["none", "mean", "sum"] as const)("reduction %s", (reduction) => {
    it.each(BATCHED_CASES.filter((c) => REDUCED.includes(c.loss)).map((c) => ({ name: caseName(c), lossCase: c })))(
      "$name gives PyTorch's value and empty gradients",
      ({ lossCase }) => {
        const loss = (losslab as unknown as Record<string, (...a: unknown[]) => tf.Tensor>)[lossCase.loss];
        const call =
          WITH_REDUCTION[caseName(lossCase)]?.(reduction) ?? ((...a: TensorLike[]) => loss(...a, { reduction }));
        const args = lossCase.args.map((_, i) => emptyArgument(lossCase, i));
        const outcome = withoutLeak(() => valueAndGradients(lossCase, args, call));
        if (reduction === "none") {
          expect(outcome.value).toEqual([]);
          expect(outcome.valueShape[0]).toBe(0);
        } else {
          expect(outcome.valueShape).toEqual([]);
          expect(outcome.value).toEqual([reduction === "mean" ? NaN : 0]);
        }
        expectEmptyGradients(lossCase, args, outcome);
        tf.dispose(args);
      },
    );
  });
});
