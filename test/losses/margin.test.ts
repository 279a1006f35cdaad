import * as tf from "@tensorflow/tfjs-core";
import { describe, it } from "vitest";
import { multiMarginLoss, multilabelMarginLoss } from "../../src/losses/margin";
import { expectLossInputError, expectNoLeak, expectTensor, gradsOf } from "../support";

// Values marked "torch:" come from PyTorch 1.13.1 in float64 (/usr/bin/python3, F = torch.nn.functional);
// "by hand" values show their arithmetic. Hand constants used throughout:
//   logsumexp(1, 2, 3) = 3 + log(1 + e⁻¹ + e⁻²) = 3 + log(1.503215) = 3.407606
//   log_softmax([1, 2, 3]) = [−2.407606, −1.407606, −0.407606]
//   softmax([1, 2, 3]) = [0.090031, 0.244728, 0.665241]
//   log_softmax([1, 1, 1]) = −log 3 = −1.098612 each;  softmax = 1/3 each
//   softplus(2) = log(1 + e²) = 2 + log(1 + e⁻²) = 2.126928;  σ(2) = 0.880797;  log 2 = 0.693147

describe("multiMarginLoss", () => {
  const x = [[0.1, 0.2, 0.4, 0.8]];

  it("sums hinges over the other classes, divided by C", () => {
    // y = 3: 1 − 0.8 + [0.1, 0.2, 0.4] = [0.3, 0.4, 0.6] → 1.3 / 4 = 0.325
    expectTensor(multiMarginLoss(x, [3], { reduction: "none" }), [0.325], [1]);
    expectTensor(multiMarginLoss(x, [3]), [0.325], []);
    expectTensor(multiMarginLoss([0.1, 0.2, 0.4, 0.8], 3, { reduction: "none" }), [0.325], []);
    // p = 2: (0.09 + 0.16 + 0.36) / 4 = 0.1525;  margin 0.5: max(0, [−0.2, −0.1, 0.1]) → 0.1 / 4 = 0.025
    expectTensor(multiMarginLoss(x, [3], { p: 2 }), [0.1525], []);
    expectTensor(multiMarginLoss(x, [3], { margin: 0.5 }), [0.025], []);
    // weight[3] = 2 scales the whole row: 2·0.325
    expectTensor(multiMarginLoss(x, [3], { weight: [1, 1, 1, 2] }), [0.65], []);
    const [dx] = gradsOf((v) => multiMarginLoss(v, [3]), tf.tensor2d(x));
    expectTensor(dx, [0.25, 0.25, 0.25, -0.75], [1, 4]); // +1/C per active hinge, −3/C at the target
  });

  it("matches torch for every p and margin, with weight, and the mean divides by N", () => {
    const x2 = [
      [0.1, 0.2, 0.4, 0.8],
      [0.5, -0.5, 0.3, 0],
    ];
    // torch: F.multi_margin_loss(x2, torch.tensor([3,0]), p=p, margin=m, weight=torch.tensor([1.,1.,1.,2.]),
    //          reduction='none'), and .sum().backward()
    const cases = [
      { p: 1, margin: 1, loss: [0.65, 0.325], grad: [0.5, 0.5, 0.5, -1.5, -0.5, 0, 0.25, 0.25] },
      { p: 1, margin: 0.5, loss: [0.05, 0.075], grad: [0, 0, 0.5, -0.5, -0.25, 0, 0.25, 0] },
      { p: 2, margin: 1, loss: [0.305, 0.2225], grad: [0.3, 0.4, 0.6, -1.3, -0.65, 0, 0.4, 0.25] },
      { p: 2, margin: 0.5, loss: [0.005, 0.0225], grad: [0, 0, 0.1, -0.1, -0.15, 0, 0.15, 0] },
    ];
    for (const { p, margin, loss, grad } of cases) {
      const options = { p, margin, weight: [1, 1, 1, 2], reduction: "none" as const };
      expectTensor(multiMarginLoss(x2, [3, 0], options), loss, [2]);
      expectTensor(multiMarginLoss(x2, [3, 0], { ...options, reduction: "mean" }), [(loss[0] + loss[1]) / 2], []);
      expectTensor(multiMarginLoss(x2, [3, 0], { ...options, reduction: "sum" }), [loss[0] + loss[1]], []);
      expectTensor(gradsOf((v) => multiMarginLoss(v, [3, 0], options), tf.tensor2d(x2))[0], grad, [2, 4]);
    }
  });

  it("gives no gradient to a hinge exactly at 0, as torch (z > 0)", () => {
    // x = [0, 1, 2], y = 2: z = 1 − 2 + [0, 1] = [−1, 0] → loss 0, gradient 0
    expectTensor(multiMarginLoss([[0, 1, 2]], [2]), [0], []);
    expectTensor(gradsOf((v) => multiMarginLoss(v, [2]), tf.tensor2d([[0, 1, 2]]))[0], [0, 0, 0], [1, 3]);
  });

  it("refuses bad input", () => {
    const fn = "multiMarginLoss";
    expectLossInputError(() => multiMarginLoss(x, [3], { p: 3 }), fn, "p", /expected 1 or 2, got 3/);
    expectLossInputError(
      () => multiMarginLoss(tf.zeros([2, 3, 2]), [0, 1]),
      fn,
      "input",
      /rank one of 1, 2, got rank 3/,
    );
    expectLossInputError(() => multiMarginLoss(x, [3, 0]), fn, "target", /expected shape \[1\], got \[2\]/);
    expectLossInputError(
      () => multiMarginLoss(x, [4]),
      fn,
      "target",
      /class index 4 .* expected an integer in \[0, 3\] \(4 classes\)$/,
    );
    expectLossInputError(() => multiMarginLoss(x, [-100]), fn, "target", /class index -100/);
    expectLossInputError(
      () => multiMarginLoss(x, [3], { weight: [[1, 1, 1, 1]] }),
      fn,
      "weight",
      /expected shape \[4\]/,
    );
    expectLossInputError(() => multiMarginLoss(x, [3], { margin: NaN }), fn, "margin", /a number/);
  });

  it("leaks no tensor", () => {
    expectNoLeak(() => multiMarginLoss(x, [3], { p: 2, weight: [1, 2, 3, 4] }));
  });
});

describe("multilabelMarginLoss", () => {
  const x = [[0.1, 0.2, 0.4, 0.8]];

  it("hinges every listed class against every unlisted one, reading labels up to the first −1", () => {
    // labels {3, 0}, others {1, 2}: j = 3: 1 − 0.8 + [0.2, 0.4] = [0.4, 0.6]; j = 0: 1 − 0.1 + [0.2, 0.4] = [1.1, 1.3]
    // (0.4 + 0.6 + 1.1 + 1.3) / 4 = 0.85; the 1 after −1 is ignored (torch's documented example)
    expectTensor(multilabelMarginLoss(x, [[3, 0, -1, 1]], { reduction: "none" }), [0.85], [1]);
    expectTensor(multilabelMarginLoss([0.1, 0.2, 0.4, 0.8], [3, 0, -1, 1], { reduction: "none" }), [0.85], []);
    // all four hinges active: ∂/∂x_j = −2/4 for the labels, +2/4 for the others
    expectTensor(
      gradsOf((v) => multilabelMarginLoss(v, [[3, 0, -1, 1]]), tf.tensor2d(x))[0],
      [-0.5, 0.5, 0.5, -0.5],
      [1, 4],
    );
  });

  it("counts a repeated label twice, and nothing when the list starts with −1, as torch", () => {
    // labels [3, 3], others {0, 1, 2}: 2·(0.3 + 0.4 + 0.6) / 4 = 0.65  (torch: 0.65)
    expectTensor(multilabelMarginLoss(x, [[3, 3, -1, 1]]), [0.65], []);
    expectTensor(multilabelMarginLoss(x, [[-1, 0, 1, 2]]), [0], []);
  });

  it("matches torch with every reduction", () => {
    const x2 = [
      [0.1, 0.2, 0.4, 0.8],
      [0.5, -0.5, 0.3, 0],
    ];
    const target = [
      [3, 0, -1, 1],
      [1, -1, 0, 0],
    ];
    // row 1: label {1}: 1 + 0.5 + [0.5, 0.3, 0] = [2.0, 1.8, 1.5] → 5.3 / 4 = 1.325
    expectTensor(multilabelMarginLoss(x2, target, { reduction: "none" }), [0.85, 1.325], [2]);
    expectTensor(multilabelMarginLoss(x2, target, { reduction: "sum" }), [2.175], []);
    // torch: F.multilabel_margin_loss(x2, torch.tensor(target)) → 1.0875
    expectTensor(multilabelMarginLoss(x2, target), [1.0875], []);
    const [dx] = gradsOf((v) => multilabelMarginLoss(v, target), tf.tensor2d(x2));
    expectTensor(dx, [-0.25, 0.25, 0.25, -0.25, 0.125, -0.375, 0.125, 0.125], [2, 4]);
  });

  it("gives no gradient to a hinge exactly at 0", () => {
    // label {2}: 1 − 2 + [0, 1] = [−1, 0]
    expectTensor(gradsOf((v) => multilabelMarginLoss(v, [[2, -1, 0]]), tf.tensor2d([[0, 1, 2]]))[0], [0, 0, 0], [1, 3]);
  });

  it("refuses bad input, checking entries after the first −1 too", () => {
    const fn = "multilabelMarginLoss";
    expectLossInputError(
      () => multilabelMarginLoss(x, [[3, 0, -1, -5]]),
      fn,
      "target",
      /class index -5 at flat index 3 is out of bounds: expected an integer in \[0, 3\] \(4 classes\) or -1 \(end of the labels\)/,
    );
    expectLossInputError(() => multilabelMarginLoss(x, [[3, 0, -1, 7]]), fn, "target", /class index 7/);
    expectLossInputError(() => multilabelMarginLoss(x, [[3, 0, -1, 0.5]]), fn, "target", /integer class indices/);
    expectLossInputError(
      () => multilabelMarginLoss(tf.zeros([3, 4]), tf.zeros([3, 5], "int32")),
      fn,
      "target",
      /expected shape \[3,4\]/,
    );
    expectLossInputError(
      () => multilabelMarginLoss(tf.zeros([1, 1, 2]), tf.zeros([1, 1, 2])),
      fn,
      "input",
      /got rank 3/,
    );
  });

  it("leaks no tensor", () => {
    expectNoLeak(() => multilabelMarginLoss(x, [[3, 0, -1, 1]]));
  });
});
