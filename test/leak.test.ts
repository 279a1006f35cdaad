// No loss may leave a tensor behind: after 1,000 calls, whose results are disposed, the number
// of live tensors is what it was. Checked on both backends every loss must run on, for calls on
// tensors and on plain arrays, and for the gradients' backward pass.
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ready, type BackendName } from "../src/core/backend";
import * as binary from "../src/losses/binary";
import * as margin from "../src/losses/margin";
import * as softmax from "../src/losses/softmax";
import * as composite from "../src/losses/composite";
import * as divergence from "../src/losses/divergence";
import * as embedding from "../src/losses/embedding";
import * as regression from "../src/losses/regression";
import * as policy from "../src/losses/policy";
import * as sequence from "../src/losses/sequence";
import { LOSS_CASES, argumentTensor, caseName, type LossCase } from "./properties/cases";

const CALLS = 1000;
const GRADIENT_CALLS = 100;
const BACKENDS: BackendName[] = ["wasm", "cpu"];

/** The live tensors left by `run(calls)`, after one call has warmed up whatever a backend caches. */
function tensorsLeftBy(run: (calls: number) => void, calls: number): number {
  run(1);
  const before = tf.memory().numTensors;
  run(calls);
  return tf.memory().numTensors - before;
}

function callRepeatedly(lossCase: LossCase, tensors: tf.Tensor[], calls: number): void {
  for (let k = 0; k < calls; k++) {
    // Alternate tensors made by the caller and plain arrays converted inside the loss.
    const args = k % 2 === 0 ? tensors : (lossCase.args as number[][]);
    lossCase.call(...args).dispose();
  }
}

function differentiateRepeatedly(lossCase: LossCase, tensors: tf.Tensor[], calls: number): void {
  const sumOfLoss = (...wrt: tf.Tensor[]) =>
    tf.sum(
      lossCase.call(
        ...tensors.map((t, i) => (lossCase.differentiable.includes(i) ? wrt[lossCase.differentiable.indexOf(i)] : t)),
      ),
    );
  for (let k = 0; k < calls; k++) {
    const { value, grads } = tf.valueAndGrads(sumOfLoss)(lossCase.differentiable.map((i) => tensors[i]));
    tf.dispose([value, ...grads]);
  }
}

it("the table covers every function exported from src/losses", () => {
  const modules = [regression, softmax, binary, margin, divergence, embedding, composite, policy, sequence];
  const exported = modules.flatMap((module) =>
    Object.entries(module)
      .filter(([, value]) => typeof value === "function")
      .map(([name]) => name),
  );
  expect(exported.length).toBeGreaterThan(20);
  expect(exported.filter((name) => !LOSS_CASES.some((c) => c.loss === name))).toEqual([]);
});

describe.each(BACKENDS)("on %s", (backend) => {
  beforeAll(async () => {
    await ready(backend);
  });

  it.each(LOSS_CASES.map((c) => ({ name: caseName(c), lossCase: c })))(
    "$name leaves no tensor behind",
    ({ lossCase }) => {
      const tensors = lossCase.args.map((_, i) => argumentTensor(lossCase, i));
      expect(
        tensorsLeftBy((n) => callRepeatedly(lossCase, tensors, n), CALLS),
        "forward calls",
      ).toBe(0);
      expect(
        tensorsLeftBy((n) => differentiateRepeatedly(lossCase, tensors, n), GRADIENT_CALLS),
        "gradient calls",
      ).toBe(0);
      tf.dispose(tensors);
    },
  );
});
