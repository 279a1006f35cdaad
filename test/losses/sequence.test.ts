import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { ctcLoss, type CtcLossOptions } from "../../src/losses/sequence";
import { expectLossInputError, expectNoLeak, expectTensor, type Expected } from "../support";

// Values marked "torch:" come from PyTorch 2.13 in float64: F.ctc_loss(lp, targets, input_lengths,
// target_lengths), gradients of out.sum() with respect to lp.

/** log_softmax of fixed logits [T = 4, N = 2, C = 3], rounded to float32 (torch's input too). */
const lp = [
  [
    [-1.21518874168396, -0.6151887774467468, -1.8151887655258179],
    [-0.42837896943092346, -1.528378963470459, -2.028378963470459],
  ],
  [
    [-0.8859393000602722, -1.0859392881393433, -1.385939359664917],
    [-1.6308714151382446, -0.7308714389801025, -1.1308714151382446],
  ],
  [
    [-0.31276148557662964, -2.1127614974975586, -1.9127614498138428],
    [-1.0082565546035767, -1.0082565546035767, -1.3082565069198608],
  ],
  [
    [-1.39711594581604, -0.7971159815788269, -1.1971160173416138],
    [-2.0142951011657715, -0.5142951011657715, -1.3142950534820557],
  ],
];
const padded = [
  [1, 2],
  [2, 0],
];
const inputLengths = [4, 3];
const targetLengths = [2, 1];
/** torch: the gradient of the per-sample losses' sum; frame 3 of sample 1 is past its input length. */
const torchGrad = [
  [
    [0.1075239374001464, -0.27033107523498967, 0.16280717310776874],
    [-0.1705416611181939, 0.21688696419828732, -0.04634530040579432],
  ],
  [
    [0.058507874791941306, -0.13403065198905922, 0.07552278392317052],
    [-0.018869707783320727, 0.48148921874049916, -0.46261949675053154],
  ],
  [
    [0.060476775135105076, 0.048017763536598146, -0.10849452758882536],
    [-0.13226211410020416, 0.3648545293369188, -0.23259246044336118],
  ],
  [
    [0.011476162180458771, 0.4506267075854314, -0.46210286810746753],
    [0, 0, 0],
  ],
];

function gradientOf(logProbs: Expected, call: (x: tf.Tensor) => tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(call(x)))(tf.tensor(logProbs as number[])));
}

function scaled(grad: number[][][], perSample: number[]): number[][][] {
  return grad.map((frame) => frame.map((row, n) => row.map((g) => g * perSample[n])));
}

describe("ctcLoss", () => {
  it("by hand: label 1 over two frames of p = 1/2 has three alignments, so ℓ = −log(3/4)", () => {
    // (1,1), (0,1), (1,0): each 1/4. γ[t] = [1/3, 2/3] at both frames, so ∂ℓ/∂z = p − γ = [1/6, −1/6].
    const half = [[[Math.log(0.5), Math.log(0.5)]], [[Math.log(0.5), Math.log(0.5)]]];
    const call = (x: tf.Tensor) => ctcLoss(x, [[1]], [2], [1], { reduction: "none" });
    expectTensor(
      tf.tidy(() => call(tf.tensor(half))),
      [-Math.log(0.75)],
    );
    expectTensor(gradientOf(half, call), [[[1 / 6, -1 / 6]], [[1 / 6, -1 / 6]]]);
  });

  it("matches torch under every reduction, with padded or concatenated targets", () => {
    // torch: none [1.5950, 1.5877]; mean = (1.5950/2 + 1.5877/1)/2; sum
    const none = [1.595029043917957, 1.5876523546298116];
    expectTensor(ctcLoss(lp, padded, inputLengths, targetLengths, { reduction: "none" }), none);
    expectTensor(ctcLoss(lp, [1, 2, 2], inputLengths, targetLengths, { reduction: "none" }), none);
    expectTensor(ctcLoss(lp, padded, inputLengths, targetLengths), 1.192583438294395);
    expectTensor(ctcLoss(lp, padded, inputLengths, targetLengths, { reduction: "sum" }), 3.1826813985477687);
  });

  it("gives torch's gradient exp(logProbs) − γ, scaled by the reduction, and 0 past each input length", () => {
    const withOptions = (options: CtcLossOptions) => (x: tf.Tensor) =>
      ctcLoss(x, padded, inputLengths, targetLengths, options);
    expectTensor(gradientOf(lp, withOptions({ reduction: "sum" })), torchGrad);
    expectTensor(gradientOf(lp, withOptions({ reduction: "none" })), torchGrad);
    // mean: sample n weighs 1 / (N · targetLengthₙ) = [1/4, 1/2]
    expectTensor(gradientOf(lp, withOptions({})), scaled(torchGrad, [0.25, 0.5]));
  });

  it("accepts lengths and targets as int32 tensors, and one unbatched sequence [T, C]", () => {
    const ints = (values: number[] | number[][]) => tf.tensor(values, undefined, "int32");
    const args = [ints(padded), ints(inputLengths), ints(targetLengths)];
    expectTensor(ctcLoss(lp, args[0], args[1], args[2], { reduction: "sum" }), 3.1826813985477687);
    tf.dispose(args);
    const first = lp.map((frame) => frame[0]);
    expectTensor(ctcLoss(first, [1, 2], 4, 2, { reduction: "none" }), 1.595029043917957);
    expectTensor(ctcLoss(first, [1, 2], [4], [2]), 1.595029043917957 / 2);
  });

  it("gives ∞ and a NaN gradient for an impossible alignment, or 0 and a zero gradient with zeroInfinity", () => {
    // "1 1" needs a blank between the repeats: 3 frames; sample 0 has 2.
    const call = (options: CtcLossOptions) => (x: tf.Tensor) =>
      ctcLoss(
        x,
        [
          [1, 1],
          [2, 0],
        ],
        [2, 4],
        [2, 1],
        options,
      );
    const none = tf.tidy(() => call({ reduction: "none" })(tf.tensor(lp)));
    const values = Array.from(none.dataSync());
    none.dispose();
    expect(values[0]).toBe(Infinity);
    expectTensor(
      tf.tidy(() => call({ reduction: "none", zeroInfinity: true })(tf.tensor(lp))),
      [0, values[1]],
    );
    const grad = gradientOf(lp, call({ reduction: "sum" }));
    const g = grad.arraySync() as number[][][];
    grad.dispose();
    expect([g[0][0].every(Number.isNaN), g[1][0].every(Number.isNaN), g[2][0], g[3][0]]).toEqual([
      true,
      true,
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const zeroed = gradientOf(lp, call({ reduction: "sum", zeroInfinity: true }));
    const z = zeroed.arraySync() as number[][][];
    zeroed.dispose();
    expect(z.map((frame) => frame[0])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(z[0][1].some((v) => v !== 0)).toBe(true);
  });

  it("gives 0 for an empty target over no frames, and clamps the mean's divisor at 1", () => {
    const loss = ctcLoss(lp, [[0], [2]], [0, 3], [0, 1], { reduction: "none" });
    const values = Array.from(loss.dataSync());
    loss.dispose();
    expect(values[0]).toBe(0);
    expectTensor(ctcLoss(lp, [[0], [2]], [0, 3], [0, 1]), values[1] / 2);
  });

  it("refuses what torch refuses, and labels outside [0, C) that torch would read out of bounds", () => {
    const fn = "ctcLoss";
    const call =
      (t: number[][] | number[], il: number[], tl: number[], options: CtcLossOptions = {}) =>
      () =>
        ctcLoss(lp, t, il, tl, options);
    expectLossInputError(
      call(padded, inputLengths, targetLengths, { blank: 3 }),
      fn,
      "blank",
      /blank must be in label range/,
    );
    expectLossInputError(call(padded, [5, 3], targetLengths), fn, "inputLengths", /in \[0, 4\].*got 5/);
    expectLossInputError(call(padded, [-1, 3], targetLengths), fn, "inputLengths", /got -1/);
    expectLossInputError(call(padded, [4, 3, 4], targetLengths), fn, "inputLengths", /expected shape \[2\]/);
    expectLossInputError(call(padded, inputLengths, [3, 1]), fn, "targets", /S ≥ 3/);
    expectLossInputError(call(padded, inputLengths, [2, -1]), fn, "targetLengths", /≥ 0, got -1/);
    const concatenated = /Σ targetLengths = 3 labels, got 2/;
    expectLossInputError(call([1, 2], inputLengths, targetLengths), fn, "targets", concatenated);
    expectLossInputError(
      call(
        [
          [1, 3],
          [2, 0],
        ],
        inputLengths,
        targetLengths,
      ),
      fn,
      "targets",
      /label 3 of sample 0/,
    );
    expectLossInputError(call(padded, [4.5, 3], targetLengths), fn, "inputLengths", /integers/);
    expectLossInputError(
      () => ctcLoss([lp], padded, inputLengths, targetLengths),
      fn,
      "logProbs",
      /rank one of 2, 3, got rank 4/,
    );
    const empty = tf.zeros([0, 2, 3]);
    expectLossInputError(() => ctcLoss(empty, padded, [0, 0], [0, 0]), fn, "logProbs", /must not be empty/);
    empty.dispose();
    const floats = tf.tensor(padded);
    expectLossInputError(() => ctcLoss(lp, floats, inputLengths, targetLengths), fn, "targets", /dtype float32/);
    floats.dispose();
    expectLossInputError(
      call(padded, inputLengths, targetLengths, { zeroInfinity: 1 as unknown as boolean }),
      fn,
      "zeroInfinity",
      /true or false/,
    );
    expectLossInputError(
      call(padded, inputLengths, targetLengths, { blanc: 0 } as object),
      fn,
      "options.blanc",
      /unknown/,
    );
  });

  it("leaves no tensor behind, forward, backward and on error", () => {
    const lengths = tf.tensor(inputLengths, undefined, "int32");
    expectNoLeak(
      () => ctcLoss(lp, padded, lengths, targetLengths),
      () => ctcLoss(lp, padded, lengths, [3, 1]),
    );
    expectNoLeak(() => gradientOf(lp, (x) => ctcLoss(x, padded, lengths, targetLengths)));
    lengths.dispose();
  });
});
