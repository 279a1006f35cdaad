import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  multilabelSoftMarginLoss,
  sigmoidFocalLoss,
  softMarginLoss,
} from "../../src/losses/binary";
import { expectGradients, expectLossInputError, expectNoLeak, expectTensor, gradsOf } from "../support";

// Values marked "torch:" come from PyTorch 1.13.1 in float64 (/usr/bin/python3, F = torch.nn.functional);
// "by hand" values show their arithmetic. Hand constants used throughout:
//   logsumexp(1, 2, 3) = 3 + log(1 + e⁻¹ + e⁻²) = 3 + log(1.503215) = 3.407606
//   log_softmax([1, 2, 3]) = [−2.407606, −1.407606, −0.407606]
//   softmax([1, 2, 3]) = [0.090031, 0.244728, 0.665241]
//   log_softmax([1, 1, 1]) = −log 3 = −1.098612 each;  softmax = 1/3 each
//   softplus(2) = log(1 + e²) = 2 + log(1 + e⁻²) = 2.126928;  σ(2) = 0.880797;  log 2 = 0.693147

describe("binaryCrossEntropy", () => {
  it("computes −(y log x + (1 − y) log(1 − x)) with PyTorch's gradients", () => {
    // x = [0.5, 0.8], y = [1, 0]: [−log 0.5, −log 0.2] = [0.693147, 1.609438]
    expectTensor(binaryCrossEntropy([0.5, 0.8], [1, 0], { reduction: "none" }), [0.693147, 1.609438], [2]);
    expectTensor(binaryCrossEntropy([0.5, 0.8], [1, 0], { reduction: "sum" }), [2.302585], []);
    expectTensor(binaryCrossEntropy([0.5, 0.8], [1, 0]), [1.151293], []);
    const [dx, dy] = gradsOf(
      (x, y) => binaryCrossEntropy(x, y, { reduction: "none" }),
      tf.tensor1d([0.5, 0.8]),
      tf.tensor1d([1, 0]),
    );
    // ∂/∂x = (x − y)/(x(1 − x)) = [−0.5/0.25, 0.8/0.16] = [−2, 5]; ∂/∂y = −logit(x) = [0, −log 4]
    expectTensor(dx, [-2, 5], [2]);
    expectTensor(dy, [0, -1.386294], [2]);
  });

  it("takes a weight of input's shape or broadcastable to it", () => {
    // torch: F.binary_cross_entropy(torch.tensor([.1,.5,.9]), torch.tensor([.2,.7,1.]),
    //          weight=torch.tensor([1.,2.,.5])) → 0.66126
    const weight = [1, 2, 0.5];
    expectTensor(binaryCrossEntropy([0.1, 0.5, 0.9], [0.2, 0.7, 1], { weight }), [0.66126], []);
    const [dx, dy] = gradsOf(
      (x, y) => binaryCrossEntropy(x, y, { weight }),
      tf.tensor1d([0.1, 0.5, 0.9]),
      tf.tensor1d([0.2, 0.7, 1]),
    );
    expectTensor(dx, [-0.37037, -0.533333, -0.185185], [3]);
    expectTensor(dy, [0.732408, 0, -0.366204], [3]);
    // torch: F.binary_cross_entropy(torch.tensor([[.1,.5],[.9,.3]]), torch.tensor([[0.,1.],[1.,0.]]),
    //          weight=torch.tensor([2.,1.]), reduction='none') → [[0.210721, 0.693147], [0.210721, 0.356675]]
    const x2 = [
      [0.1, 0.5],
      [0.9, 0.3],
    ];
    const y2 = [
      [0, 1],
      [1, 0],
    ];
    const options = { weight: [2, 1], reduction: "none" as const };
    expectTensor(binaryCrossEntropy(x2, y2, options), [0.210721, 0.693147, 0.210721, 0.356675], [2, 2]);
    const [dx2, dy2] = gradsOf((x, y) => binaryCrossEntropy(x, y, options), tf.tensor2d(x2), tf.tensor2d(y2));
    expectTensor(dx2, [2.222222, -2, -2.222222, 1.428571], [2, 2]);
    expectTensor(dy2, [4.394449, 0, -4.394449, 0.847298], [2, 2]);
  });

  it("clamps the logs at −100, so x ∈ {0, 1} stays finite, with torch's gradients there", () => {
    // x = [0, 1, 0, 1], y = [1, 0, 0, 1]: [−max(log 0, −100), −max(log 0, −100), 0, 0] = [100, 100, 0, 0]
    const x = tf.tensor1d([0, 1, 0, 1]);
    const y = tf.tensor1d([1, 0, 0, 1]);
    expectTensor(binaryCrossEntropy(x, y, { reduction: "none" }), [100, 100, 0, 0], [4]);
    // torch: F.binary_cross_entropy(x, y, reduction='sum').backward():
    //   x.grad = (x − y)/max(x(1 − x), 1e-12) = [−1e12, 1e12, 0, 0]; y.grad = −logit(x) = [inf, −inf, inf, −inf]
    const [dx, dy] = gradsOf((a, b) => binaryCrossEntropy(a, b, { reduction: "sum" }), x, y);
    expectTensor(dx, [-1e12, 1e12, 0, 0], [4]);
    expectTensor(dy, [Infinity, -Infinity, Infinity, -Infinity], [4]);
  });

  it("refuses bad input", () => {
    const fn = "binaryCrossEntropy";
    expectLossInputError(
      () => binaryCrossEntropy([0.5, 1.5], [1, 0]),
      fn,
      "input",
      /expected probabilities in \[0, 1\], got 1.5 at flat index 1/,
    );
    expectLossInputError(() => binaryCrossEntropy([NaN], [1]), fn, "input", /got NaN/);
    expectLossInputError(
      () => binaryCrossEntropy([[0.5, 0.5]], [1, 0]),
      fn,
      "target",
      /expected shape \[1,2\] \(the shape of input\), got \[2\]/,
    );
    expectLossInputError(
      () => binaryCrossEntropy([0.5], tf.tensor1d([1], "int32")),
      fn,
      "target",
      /float32 tensor .* got dtype int32/,
    );
    expectLossInputError(
      () => binaryCrossEntropy([[0.5, 0.5]], [[1, 0]], { weight: [1, 1, 1] }),
      fn,
      "weight",
      /broadcastable to \[1,2\], got \[3\]/,
    );
    expectLossInputError(
      () => binaryCrossEntropy([[0.5, 0.5]], [[1, 0]], { weight: [[[1, 1]], [[1, 1]]] }),
      fn,
      "weight",
      /got \[2,1,2\]/,
    );
  });

  it("leaks no tensor, forward or backward", () => {
    expectNoLeak(() => binaryCrossEntropy([0.2, 0.7], [0, 1], { weight: [1, 2] }));
    expectNoLeak(() =>
      tf.tidy(() => gradsOf((x, y) => binaryCrossEntropy(x, y), tf.tensor1d([0, 0.5]), tf.tensor1d([1, 0]))[1]),
    );
  });
});

describe("binaryCrossEntropyWithLogits", () => {
  it("computes (1 − y)x + softplus(−x), gradients σ(x) − y and −x", () => {
    // x = [0, 2], y = [1, 0]: [softplus(0), 2 + softplus(−2)] = [log 2, softplus(2)] = [0.693147, 2.126928]
    expectTensor(binaryCrossEntropyWithLogits([0, 2], [1, 0], { reduction: "none" }), [0.693147, 2.126928], [2]);
    expectTensor(binaryCrossEntropyWithLogits([0, 2], [1, 0]), [1.410038], []);
    expectTensor(binaryCrossEntropyWithLogits([0, 2], [1, 0], { reduction: "sum" }), [2.820075], []);
    const [dx, dy] = gradsOf(
      (x, y) => binaryCrossEntropyWithLogits(x, y, { reduction: "none" }),
      tf.tensor1d([0, 2]),
      tf.tensor1d([1, 0]),
    );
    expectTensor(dx, [-0.5, 0.880797], [2]); // [σ(0) − 1, σ(2) − 0]
    expectTensor(dy, [0, -2], [2]); // −x
  });

  it("scales the positive term by posWeight", () => {
    // x = 0, y = 1, p = 3: 3·softplus(0) = 3 log 2 = 2.079442; ∂/∂x = (p·y + 1 − y)σ(0) − p·y = 1.5 − 3
    expectTensor(binaryCrossEntropyWithLogits([0], [1], { posWeight: [3] }), [2.079442], []);
    const [dx] = gradsOf((x) => binaryCrossEntropyWithLogits(x, [1], { posWeight: [3] }), tf.tensor1d([0]));
    expectTensor(dx, [-1.5], [1]);
    const x = [
      [-1, 0.5, 2],
      [3, -2, 0],
    ];
    const y = [
      [0, 1, 1],
      [1, 0, 0.5],
    ];
    // torch: F.binary_cross_entropy_with_logits(x, y, weight=torch.tensor([[1.,2.,1.],[.5,1.,1.]]),
    //          pos_weight=torch.tensor([3.,1.,.5])) → 0.340758
    const options = {
      weight: [
        [1, 2, 1],
        [0.5, 1, 1],
      ],
      posWeight: [3, 1, 0.5],
    };
    expectTensor(binaryCrossEntropyWithLogits(x, y, options), [0.340758], []);
    const [gx, gy] = gradsOf((a, b) => binaryCrossEntropyWithLogits(a, b, options), tf.tensor2d(x), tf.tensor2d(y));
    expectTensor(gx, [0.044824, -0.125847, -0.009934, -0.011856, 0.019867, 0.020833], [2, 3]);
    expectTensor(gy, [0.604421, -0.166667, -0.343911, -0.241902, 0.333333, -0.057762], [2, 3]);
  });

  it("stays finite for logits of ±1e4", () => {
    // torch: F.binary_cross_entropy_with_logits(torch.tensor([1e4,-1e4,1e4,-1e4]), torch.tensor([0.,1.,1.,0.]),
    //          reduction='none') → [1e4, 1e4, 0, 0]; grads [1, −1, 0, 0] and −x
    const x = tf.tensor1d([1e4, -1e4, 1e4, -1e4]);
    const y = tf.tensor1d([0, 1, 1, 0]);
    expectTensor(binaryCrossEntropyWithLogits(x, y, { reduction: "none" }), [1e4, 1e4, 0, 0], [4]);
    const [dx, dy] = gradsOf((a, b) => binaryCrossEntropyWithLogits(a, b, { reduction: "none" }), x, y);
    expectTensor(dx, [1, -1, 0, 0], [4]);
    expectTensor(dy, [-1e4, 1e4, -1e4, 1e4], [4]);
  });

  it("refuses bad input", () => {
    const fn = "binaryCrossEntropyWithLogits";
    const x = tf.zeros([3, 4]);
    expectLossInputError(
      () => binaryCrossEntropyWithLogits(x, tf.zeros([3])),
      fn,
      "target",
      /expected shape \[3,4\] .* got \[3\]/,
    );
    expectLossInputError(
      () => binaryCrossEntropyWithLogits(x, tf.zeros([3, 4]), { posWeight: tf.ones([5]) }),
      fn,
      "posWeight",
      /broadcastable to \[3,4\], got \[5\]/,
    );
    expectLossInputError(
      () => binaryCrossEntropyWithLogits(x, tf.zeros([3, 4]), { weight: tf.ones([2, 3, 4]) }),
      fn,
      "weight",
      /got \[2,3,4\]/,
    );
    expectLossInputError(() => binaryCrossEntropyWithLogits(x, tf.zeros([3, 4], "int32")), fn, "target", /dtype int32/);
    expectLossInputError(
      () => binaryCrossEntropyWithLogits(x, tf.zeros([3, 4]), { reduction: "all" as never }),
      fn,
      "reduction",
      /"all"/,
    );
  });

  it("leaks no tensor", () => {
    expectNoLeak(() => binaryCrossEntropyWithLogits([[0, 1]], [[1, 0]], { weight: [1, 2], posWeight: [2, 1] }));
  });
});

describe("softMarginLoss", () => {
  it("computes log(1 + exp(−y·x)), gradient −y·σ(−y·x)", () => {
    // x = [0, 2], y = [1, −1]: [log 2, log(1 + e²)] = [0.693147, 2.126928]
    expectTensor(softMarginLoss([0, 2], [1, -1], { reduction: "none" }), [0.693147, 2.126928], [2]);
    expectTensor(softMarginLoss([0, 2], [1, -1], { reduction: "sum" }), [2.820075], []);
    expectTensor(softMarginLoss([0, 2], [1, -1]), [1.410038], []);
    const [dx] = gradsOf((x) => softMarginLoss(x, [1, -1], { reduction: "none" }), tf.tensor1d([0, 2]));
    expectTensor(dx, [-0.5, 0.880797], [2]); // [−1·σ(0), 1·σ(2)]
    // torch: F.soft_margin_loss(torch.tensor([[.5,-1.],[2.,0.]]), torch.tensor([[1.,-1.],[-1.,1.]])) → 0.901853
    const [dx2] = gradsOf(
      (x) =>
        softMarginLoss(x, [
          [1, -1],
          [-1, 1],
        ]),
      tf.tensor2d([
        [0.5, -1],
        [2, 0],
      ]),
    );
    expectTensor(
      softMarginLoss(
        [
          [0.5, -1],
          [2, 0],
        ],
        [
          [1, -1],
          [-1, 1],
        ],
      ),
      [0.901853],
      [],
    );
    expectTensor(dx2, [-0.094385, 0.067235, 0.220199, -0.125], [2, 2]);
  });

  it("stays finite where −y·x is large (torch's log1p(exp(·)) gives inf there)", () => {
    // −y·x = 1e4 for both: log(1 + e^1e4) = 1e4
    expectTensor(softMarginLoss([1e4, -1e4], [-1, 1], { reduction: "none" }), [1e4, 1e4], [2]);
    const [dx] = gradsOf((x) => softMarginLoss(x, [-1, 1], { reduction: "none" }), tf.tensor1d([1e4, -1e4]));
    expectTensor(dx, [1, -1], [2]);
  });

  it("refuses bad input and leaks no tensor", () => {
    expectLossInputError(
      () => softMarginLoss(tf.zeros([3, 4]), tf.zeros([3, 5])),
      "softMarginLoss",
      "target",
      /expected shape \[3,4\]/,
    );
    expectLossInputError(
      () => softMarginLoss([1], [1], { reduction: "" as never }),
      "softMarginLoss",
      "reduction",
      /got ""/,
    );
    expectNoLeak(() => softMarginLoss([1, -2], [1, -1]));
  });
});

describe("multilabelSoftMarginLoss", () => {
  it("averages the per-class logistic losses over C", () => {
    // x = [0, 2], y = [1, 0]: (softplus(−0) + softplus(2)) / 2 = (0.693147 + 2.126928) / 2 = 1.410038
    expectTensor(multilabelSoftMarginLoss([[0, 2]], [[1, 0]], { reduction: "none" }), [1.410038], [1]);
    // weight [2, 1]: (2·0.693147 + 2.126928) / 2 = 1.756611
    expectTensor(multilabelSoftMarginLoss([[0, 2]], [[1, 0]], { weight: [2, 1] }), [1.756611], []);
    expectTensor(multilabelSoftMarginLoss([0, 2], [1, 0], { reduction: "none" }), [1.410038], []);
  });

  it("matches torch with weight, including the target's gradient", () => {
    const x = [
      [0.5, -1, 2],
      [0, 1, -3],
    ];
    const y = [
      [1, 0, 1],
      [0, 0, 1],
    ];
    // torch: F.multilabel_soft_margin_loss(x, y, weight=torch.tensor([1.,2.,.5]), reduction='none')
    //   → [0.388021, 1.614655]; .sum().backward()
    const options = { weight: [1, 2, 0.5], reduction: "none" as const };
    expectTensor(multilabelSoftMarginLoss(x, y, options), [0.388021, 1.614655], [2]);
    expectTensor(multilabelSoftMarginLoss(x, y, { ...options, reduction: "mean" }), [1.001338], []);
    expectTensor(multilabelSoftMarginLoss(x, y, { ...options, reduction: "sum" }), [2.002676], []);
    const [dx, dy] = gradsOf((a, b) => multilabelSoftMarginLoss(a, b, options), tf.tensor2d(x), tf.tensor2d(y));
    expectTensor(dx, [-0.125847, 0.179294, -0.019867, 0.166667, 0.487372, -0.158762], [2, 3]);
    expectTensor(dy, [-0.166667, 0.666667, -0.333333, 0, -0.666667, 0.5], [2, 3]); // −w·x/C
  });

  it("stays finite for logits of ±1e4", () => {
    // torch: F.multilabel_soft_margin_loss(torch.tensor([[-1e4,1e4]]), torch.tensor([[1.,0.]])) → 1e4
    expectTensor(multilabelSoftMarginLoss([[-1e4, 1e4]], [[1, 0]]), [1e4], []);
    expectTensor(
      gradsOf((v) => multilabelSoftMarginLoss(v, [[1, 0]]), tf.tensor2d([[-1e4, 1e4]]))[0],
      [-0.5, 0.5],
      [1, 2],
    );
  });

  it("refuses bad input and leaks no tensor", () => {
    const fn = "multilabelSoftMarginLoss";
    expectLossInputError(
      () => multilabelSoftMarginLoss(tf.zeros([3, 4]), tf.zeros([3, 5])),
      fn,
      "target",
      /expected shape \[3,4\]/,
    );
    expectLossInputError(
      () => multilabelSoftMarginLoss(tf.zeros([3, 4]), tf.zeros([3, 4]), { weight: [1, 2] }),
      fn,
      "weight",
      /got \[2\]/,
    );
    expectLossInputError(() => multilabelSoftMarginLoss(1, 1), fn, "input", /rank ≥ 1.*got rank 0/);
    expectNoLeak(() => multilabelSoftMarginLoss([[0, 2]], [[1, 0]], { weight: [2, 1] }));
  });
});

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
