// Every loss accepts tensors or plain arrays for any argument; its gradients must not depend on
// which. A loss whose backward pass reads a tensor it made from an array (and disposed on return)
// fails here, while it passes when every argument is a tensor made by the caller.
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { LOSS_CASES, argumentTensor, caseName, type LossCase } from "./cases";
import { expectAllClose } from "../support";

/**
 * The gradients of sum(loss) with respect to the arguments at `wrt`, passed as tensors made by
 * the caller; every other argument is passed as its plain array.
 */
function gradients(lossCase: LossCase, wrt: number[]): number[][] {
  return tf.tidy(() => {
    const sumOfLoss = (...tensors: tf.Tensor[]) => {
      const args = lossCase.args.map((a, i) => (wrt.includes(i) ? tensors[wrt.indexOf(i)] : (a as number[])));
      return tf.sum(lossCase.call(...args));
    };
    const grads = tf.grads(sumOfLoss)(wrt.map((i) => argumentTensor(lossCase, i)));
    return grads.map((g) => Array.from(g.dataSync()));
  });
}

describe.each(LOSS_CASES.map((c) => ({ name: caseName(c), lossCase: c })))("$name", ({ lossCase }) => {
  it("has finite gradients for every differentiable argument", () => {
    const all = gradients(lossCase, lossCase.differentiable);
    for (const grad of all) expect(grad.every(Number.isFinite), `gradient ${grad}`).toBe(true);
  });

  it.each(lossCase.differentiable.map((i) => ({ i, position: `#${i}` })))(
    "gives argument $position the same gradient when the other arguments are plain arrays",
    ({ i }) => {
      const reference = gradients(lossCase, lossCase.differentiable)[lossCase.differentiable.indexOf(i)];
      const [alone] = gradients(lossCase, [i]);
      expectAllClose(alone, reference, { atol: 0, rtol: 1e-6 });
    },
  );
});
