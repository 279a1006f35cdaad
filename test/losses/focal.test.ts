import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { binaryCrossEntropyWithLogits, sigmoidFocalLoss } from "../../src/losses/binary";
import { expectGradients, expectLossInputError, expectNoLeak, expectTensor } from "../support";

// Values marked "torch:" come from PyTorch 2.13 in float64: torchvision's sigmoid_focal_loss formula
// as test/fixtures/generate.py writes it, gradients of out.sum().

describe("sigmoidFocalLoss", () => {
  const x = [2, -1, 0.5, -3];
  const y = [1, 0, 0, 1];

  it("is αₜ (1 − pₜ)^γ · BCE per element by default, and reduces by mean and sum", () => {
    // torch: sigmoid_focal_loss(x, y) with alpha = 0.25, gamma = 2
    const none = [0.00045089070881009483, 0.016993543131350493, 0.28305870064455735, 0.6915701102563155];
    expectTensor(sigmoidFocalLoss(x, y), none);
    expectTensor(sigmoidFocalLoss(x, y, { reduction: "mean" }), 0.24801831118525836);
    expectTensor(sigmoidFocalLoss(x, y, { reduction: "sum" }), 0.9920732447410334);
  });

  it("by hand: x = 0, y = 1 gives p = 1/2, so ℓ = α · (1/2)² · log 2", () => {
    expectTensor(sigmoidFocalLoss([0], [1]), [0.25 * 0.25 * Math.LN2]);
    expectTensor(sigmoidFocalLoss([0], [0], { alpha: 0.5, gamma: 1 }), [0.5 * 0.5 * Math.LN2]);
  });

  it("differentiates the logits and the targets as torch's autograd does", () => {
    // torch: gradients of sigmoid_focal_loss(x, y).sum()
    const sum = (a: tf.Tensor, b: tf.Tensor) => sigmoidFocalLoss(a, b, { reduction: "sum" });
    expectGradients(
      sum,
      [x, y],
      [
        [-0.0012177350488481945, 0.03943584748317046, 0.3946138664059373, -0.28168747015872214],
        [-0.013767981793074317, 0.10131748006962044, -0.5567514979652289, 0.6116856035976364],
      ],
    );
  });

  it("with γ = 0 and α < 0 is binaryCrossEntropyWithLogits", () => {
    const plain = binaryCrossEntropyWithLogits(x, [1, 0, 0.25, 1], { reduction: "none" });
    expectTensor(sigmoidFocalLoss(x, [1, 0, 0.25, 1], { alpha: -1, gamma: 0 }), Array.from(plain.dataSync()));
    plain.dispose();
  });

  it("stays finite on confident logits, right and wrong (no log σ)", () => {
    // Wrong by 100: 1 − pₜ = 1, BCE = 100, so ℓ = αₜ · 100; right by 100: ℓ ≈ e^−100 · e^−200 ≈ 0.
    expectTensor(sigmoidFocalLoss([100, -100, 100], [0, 1, 1]), [75, 25, 0]);
    const [grad] = tf.grads((a: tf.Tensor) => tf.sum(sigmoidFocalLoss(a, [0, 1, 1])))([tf.tensor([100, -100, 100])]);
    expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
    grad.dispose();
  });

  it("refuses differing shapes, int32 targets, a bad alpha or gamma, and unknown options", () => {
    const fn = "sigmoidFocalLoss";
    expectLossInputError(
      () => sigmoidFocalLoss(x, [1, 0]),
      fn,
      "target",
      /expected shape \[4\] \(the shape of input\), got \[2\]/,
    );
    const ints = tf.tensor([1, 0, 0, 1], undefined, "int32");
    expectLossInputError(() => sigmoidFocalLoss(x, ints), fn, "target", /float32 tensor/);
    ints.dispose();
    expectLossInputError(() => sigmoidFocalLoss(x, y, { gamma: -1 }), fn, "gamma", /≥ 0, got -1/);
    expectLossInputError(() => sigmoidFocalLoss(x, y, { alpha: 1.5 }), fn, "alpha", /≤ 1/);
    expectLossInputError(() => sigmoidFocalLoss(x, y, { reduction: "avg" as "mean" }), fn, "reduction", /"avg"/);
    expectLossInputError(() => sigmoidFocalLoss(x, y, { gama: 2 } as object), fn, "options.gama", /unknown option/);
  });

  it("leaves no tensor behind, on success and on error", () => {
    expectNoLeak(
      () => sigmoidFocalLoss(x, y, { reduction: "mean" }),
      () => sigmoidFocalLoss(x, [1]),
    );
  });
});
