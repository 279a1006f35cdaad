import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { ctcAlpha, ctcExtendedLabels, ctcLoss, ctcLossGrad, logSoftmax } from "../../src/byhand";
import { ctcLoss as ctcLossTensor } from "../../src/losses/sequence";
import { expectClose, flatten, numericGradient, unflatten } from "./finiteDifference";

/** Every path of `frames` classes out of `classes`, as lists. */
function allPaths(frames: number, classes: number): number[][] {
  if (frames === 0) return [[]];
  return allPaths(frames - 1, classes).flatMap((path) => Array.from({ length: classes }, (_, c) => [...path, c]));
}

/** CTC's collapse: merge repeats, then drop blanks. */
function collapse(path: number[], blank: number): number[] {
  return path.filter((c, t) => c !== blank && (t === 0 || c !== path[t - 1]));
}

/** −log of the probability of every path that collapses to the target: CTC by enumeration. */
function bruteForceLoss(logProbs: number[][], target: number[], blank: number): number {
  let total = 0;
  for (const path of allPaths(logProbs.length, logProbs[0].length)) {
    if (collapse(path, blank).join() === target.join())
      total += Math.exp(path.reduce((s, c, t) => s + logProbs[t][c], 0));
  }
  return -Math.log(total);
}

const logits = [
  [0.3, -1.2, 0.8, 0.1],
  [-0.5, 0.9, 0.2, -0.3],
  [1.1, -0.4, -0.9, 0.6],
  [0.2, 0.7, -1.5, 0.4],
  [-0.8, 0.1, 0.5, 1.2],
];
const logProbs = logits.map(logSoftmax);

describe("byhand CTC", () => {
  it("interleaves blanks around and between the labels", () => {
    expect(ctcExtendedLabels([1, 2, 2])).toEqual([0, 1, 0, 2, 0, 2, 0]);
    expect(ctcExtendedLabels([0], { blank: 3 })).toEqual([3, 0, 3]);
  });

  it("counts the three alignments of one label over two frames of p = 1/2: −log(3/4)", () => {
    const half = [
      [Math.log(0.5), Math.log(0.5)],
      [Math.log(0.5), Math.log(0.5)],
    ];
    expect(ctcLoss(half, [1])).toBeCloseTo(-Math.log(0.75), 14);
    expectClose(ctcLossGrad(half, [1]).flat(), [1 / 6, -1 / 6, 1 / 6, -1 / 6], 1e-14);
    // α[1] = log of [p(blank blank), p(· 1) over (0,1), (1,1), p(1 blank)] = log [1/4, 1/2, 1/4]
    expectClose(ctcAlpha(half, [1])[1].map(Math.exp), [0.25, 0.5, 0.25], 1e-14);
  });

  it("equals the sum over every path that collapses to the target (4⁵ paths enumerated)", () => {
    for (const [target, blank] of [
      [[1, 2], 0],
      [[2, 2], 0],
      [[1, 3, 1], 0],
      [[], 0],
      [[0, 1], 3],
      [[2], 1],
    ] as const) {
      expect(ctcLoss(logProbs, [...target], { blank })).toBeCloseTo(bruteForceLoss(logProbs, [...target], blank), 12);
    }
  });

  it("is ∞ when no alignment fits, and its gradient NaN there", () => {
    expect(ctcLoss(logProbs.slice(0, 2), [1, 1])).toBe(Infinity);
    expect(ctcLossGrad(logProbs.slice(0, 2), [1, 1]).flat().every(Number.isNaN)).toBe(true);
  });

  it("has, with respect to the logits, the gradient exp(logProbs) − γ (finite differences)", () => {
    for (const target of [
      [1, 2],
      [2, 2],
      [1, 3, 1],
    ]) {
      const f = (flat: number[]) => ctcLoss(unflatten(flat, 4).map(logSoftmax), target);
      expectClose(flatten(ctcLossGrad(logProbs, target)), numericGradient(f, flatten(logits)), 1e-7);
    }
  });

  it("agrees with the tensor ctcLoss, value and gradient, sample by sample", () => {
    const targets = [
      [1, 2],
      [3, 3],
    ];
    const tensorLogProbs = tf.tensor(logProbs.map((frame) => [frame, frame]));
    const loss = ctcLossTensor(tensorLogProbs, targets, [5, 4], [2, 2], { reduction: "none" });
    const grad = tf.grad((x: tf.Tensor) => tf.sum(ctcLossTensor(x, targets, [5, 4], [2, 2], { reduction: "none" })))(
      tensorLogProbs,
    );
    const byHand = [ctcLoss(logProbs, targets[0]), ctcLoss(logProbs.slice(0, 4), targets[1])];
    expectClose(Array.from(loss.dataSync()), byHand, 1e-5);
    const g = grad.arraySync() as number[][][];
    expectClose(
      g.flatMap((frame) => frame[0]),
      ctcLossGrad(logProbs, targets[0]).flat(),
      1e-5,
    );
    expectClose(
      g.slice(0, 4).flatMap((frame) => frame[1]),
      ctcLossGrad(logProbs.slice(0, 4), targets[1]).flat(),
      1e-5,
    );
    expect(g[4][1]).toEqual([0, 0, 0, 0]);
    tf.dispose([tensorLogProbs, loss, grad]);
  });

  it("refuses a blank or a label that is not a class, and ragged frames", () => {
    expect(() => ctcLoss(logProbs, [1], { blank: 4 })).toThrow(
      "byhand.ctcLoss: blank: expected a class index in [0, 3], got 4",
    );
    expect(() => ctcLoss(logProbs, [5])).toThrow("byhand.ctcLoss: target: expected a class index in [0, 3], got 5");
    expect(() => ctcLossGrad([[0, 0], [0]], [1])).toThrow(
      "byhand.ctcLossGrad: logProbs: expected 2 classes in every frame, got 1 at frame 1",
    );
  });
});
