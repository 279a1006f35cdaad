// Properties of ctcLoss, on seeded random log-probabilities, targets and lengths.
import * as tf from "@tensorflow/tfjs-core";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as byhand from "../../src/byhand";
import { ctcLoss } from "../../src/losses/sequence";
import { expectAllClose, expectClose } from "../support";
import { RUNS, matrixOf, valuesOf } from "./support";

const classes = fc.integer({ min: 2, max: 5 });
/** log-softmax of random logits, frames × classes, rounded to float32. */
const logProbsOf = (frames: number, c: number) =>
  matrixOf(frames, c, -4, 4).map((rows) => rows.map((row) => byhand.logSoftmax(row).map(Math.fround)));
/** A sequence problem: log-probabilities [T][C], a blank, and a target of labels that are not the blank. */
const problem = fc
  .tuple(fc.integer({ min: 1, max: 7 }), classes)
  .chain(([frames, c]) =>
    fc.tuple(
      logProbsOf(frames, c),
      fc.integer({ min: 0, max: c - 1 }),
      fc.array(fc.integer({ min: 0, max: c - 2 }), { minLength: 0, maxLength: 4 }),
    ),
  )
  .map(([logProbs, blank, raw]) => ({ logProbs, blank, target: raw.map((l) => (l >= blank ? l + 1 : l)) }));

describe("ctcLoss", () => {
  it("on a single frame is −log p(label), or −log p(blank) for an empty target", () => {
    fc.assert(
      fc.property(
        classes.chain((c) => fc.tuple(logProbsOf(1, c), fc.integer({ min: 1, max: c - 1 }))),
        ([[frame], label]) => {
          const loss = valuesOf(ctcLoss([[frame, frame]], [[label], [0]], [1, 1], [1, 0], { reduction: "none" }));
          expectAllClose(loss, [-frame[label], -frame[0]]);
        },
      ),
      RUNS,
    );
  });

  it("equals the by-hand recursion in value and gradient, and each frame's gradient sums to 0", () => {
    fc.assert(
      fc.property(problem, ({ logProbs, blank, target }) => {
        const expected = byhand.ctcLoss(logProbs, target, { blank });
        const call = (x: tf.Tensor) =>
          ctcLoss(x, [target], [logProbs.length], [target.length], { blank, reduction: "sum" });
        const [loss, grad] = tf.tidy(() => {
          const x = tf.tensor([logProbs]).transpose([1, 0, 2]);
          return [valuesOf(call(x)), tf.grad(call)(x).arraySync() as number[][][]];
        });
        if (!Number.isFinite(expected)) {
          expect(loss[0]).toBe(Infinity);
          return;
        }
        expectClose(loss[0], expected);
        const frames = grad.map((frame) => frame[0]);
        expectAllClose(frames.flat(), byhand.ctcLossGrad(logProbs, target, { blank }).flat(), {
          atol: 1e-5,
          rtol: 1e-4,
        });
        for (const frame of frames)
          expectClose(
            frame.reduce((a, b) => a + b, 0),
            0,
            { atol: 1e-5, rtol: 0 },
          );
      }),
      RUNS,
    );
  });
});
