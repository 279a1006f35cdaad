import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { LossInputError } from "../../src/core/errors";
import { REDUCTIONS, type Reduction } from "../../src/core/reduction";
import { multilabelSoftMarginLoss } from "../../src/losses/binary";
import { multiMarginLoss, multilabelMarginLoss } from "../../src/losses/margin";
import { crossEntropy, nllLoss } from "../../src/losses/softmax";
import { expectLossInputError, expectNoLeak, expectTensor, gradsOf } from "../support";

/** An [N = 2, C = 3, d1 = 2] input: position (0, 0) has logits [1, 2, 3], position (1, 0) has [0, 0, 0]. */
const SPATIAL_INPUT = [
  [
    [1, 0],
    [2, -1],
    [3, 0.5],
  ],
  [
    [0, 1],
    [0, 1],
    [0, 1],
  ],
];

// Values marked "torch:" come from PyTorch 1.13.1 in float64 (/usr/bin/python3, F = torch.nn.functional);
// "by hand" values show their arithmetic. Hand constants used throughout:
//   logsumexp(1, 2, 3) = 3 + log(1 + e⁻¹ + e⁻²) = 3 + log(1.503215) = 3.407606
//   log_softmax([1, 2, 3]) = [−2.407606, −1.407606, −0.407606]
//   softmax([1, 2, 3]) = [0.090031, 0.244728, 0.665241]
//   log_softmax([1, 1, 1]) = −log 3 = −1.098612 each;  softmax = 1/3 each
//   softplus(2) = log(1 + e²) = 2 + log(1 + e⁻²) = 2.126928;  σ(2) = 0.880797;  log 2 = 0.693147

describe("crossEntropy with class indices", () => {
  const logits = [
    [1, 2, 3],
    [1, 1, 1],
  ];

  it("computes −log softmax at the target, unbatched, with its gradient softmax − onehot", () => {
    // −log_softmax([1,2,3])[2] = 3.407606 − 3 = 0.407606
    expectTensor(crossEntropy([1, 2, 3], 2), [0.407606], []);
    const x = tf.tensor1d([1, 2, 3]);
    const [dx] = gradsOf((v) => crossEntropy(v, 2), x);
    // softmax − onehot(2) = [0.090031, 0.244728, 0.665241 − 1]
    expectTensor(dx, [0.090031, 0.244728, -0.334759], [3]);
  });

  it("reduces [N,C] by none, sum and mean (the default)", () => {
    // row 0: 0.407606 (above); row 1: −log(1/3) = 1.098612
    expectTensor(crossEntropy(logits, [2, 0], { reduction: "none" }), [0.407606, 1.098612], [2]);
    expectTensor(crossEntropy(logits, [2, 0], { reduction: "sum" }), [1.506218], []);
    expectTensor(crossEntropy(logits, [2, 0]), [0.753109], []); // 1.506218 / 2
    const [dx] = gradsOf((v) => crossEntropy(v, [2, 0]), tf.tensor2d(logits));
    // (softmax − onehot) / N: row 0 [0.090031, 0.244728, −0.334759]/2, row 1 [1/3 − 1, 1/3, 1/3]/2
    expectTensor(dx, [0.045015, 0.122364, -0.16738, -0.333333, 0.166667, 0.166667], [2, 3]);
  });

  it("weights by class and divides the mean by the summed target weights", () => {
    const weight = [1, 2, 3];
    // none: [w2·0.407606, w0·1.098612] = [1.222818, 1.098612]; mean: 2.321430 / (w2 + w0 = 4)
    expectTensor(crossEntropy(logits, [2, 0], { weight, reduction: "none" }), [1.222818, 1.098612], [2]);
    expectTensor(crossEntropy(logits, [2, 0], { weight, reduction: "sum" }), [2.32143], []);
    expectTensor(crossEntropy(logits, [2, 0], { weight }), [0.580358], []);
  });

  it("skips ignoreIndex (default -100): 0 under none, left out of the mean's divisor", () => {
    expectTensor(crossEntropy(logits, [2, -100], { reduction: "none" }), [0.407606, 0], [2]);
    expectTensor(crossEntropy(logits, [2, -100]), [0.407606], []); // 0.407606 / 1 kept position
    expectTensor(crossEntropy(logits, [2, 0], { ignoreIndex: 0, weight: [5, 1, 1] }), [0.407606], []);
    const [dx] = gradsOf((v) => crossEntropy(v, [2, -100]), tf.tensor2d(logits));
    expectTensor(dx, [0.090031, 0.244728, -0.334759, 0, 0, 0], [2, 3]);
  });

  it("gives NaN for the mean when every position is ignored, 0 for the sum, as torch", () => {
    // torch: F.cross_entropy(x, torch.tensor([-100, -100])) → nan (also with weight, label_smoothing)
    expectTensor(crossEntropy(logits, [-100, -100]), [NaN], []);
    expectTensor(crossEntropy(logits, [-100, -100], { weight: [1, 2, 3], labelSmoothing: 0.2 }), [NaN], []);
    expectTensor(crossEntropy(logits, [-100, -100], { reduction: "sum" }), [0], []);
  });

  it("gives a zero gradient when every position is ignored, with or without label smoothing", () => {
    // torch: x = torch.tensor([[1.,2.,3.],[1.,1.,1.]], requires_grad=True)
    //   F.cross_entropy(x, torch.tensor([-100,-100]), label_smoothing=ε).backward() → x.grad all 0 (ε = 0, 0.2)
    for (const labelSmoothing of [0, 0.2]) {
      const [dx] = gradsOf((v) => crossEntropy(v, [-100, -100], { labelSmoothing }), tf.tensor2d(logits));
      expectTensor(dx, [0, 0, 0, 0, 0, 0], [2, 3]);
    }
  });

  it("divides the nll and smoothing terms by the target weights separately: zero target weights give NaN", () => {
    const x = [
      [1, 2, 3],
      [1, 1, 1],
      [0, 0, 2],
    ];
    // Σ w[y] over kept positions = w[0] + w[2] = 0: the nll term is 0/0 = NaN, the smoothing term
    // (0.2/3)·Σ −w_c·log p_c / 0 = +Infinity, and NaN + Infinity = NaN (one combined division would give Infinity)
    // torch: F.cross_entropy(x, torch.tensor([0,2,-100]), weight=torch.tensor([0.,1.,0.]),
    //          label_smoothing=0.2) → nan; .backward() → rows 0 and 1 all nan, row 2 (ignored) all 0
    //        the same without label_smoothing → nan, with the same gradient
    for (const labelSmoothing of [0.2, 0]) {
      const options = { weight: [0, 1, 0], labelSmoothing };
      expectTensor(crossEntropy(x, [0, 2, -100], options), [NaN], []);
      const [dx] = gradsOf((v) => crossEntropy(v, [0, 2, -100], options), tf.tensor2d(x));
      expectTensor(dx, [NaN, NaN, NaN, NaN, NaN, NaN, 0, 0, 0], [3, 3]);
    }
  });

  it("keeps PyTorch's infinite gradient when negative class weights sum to 0", () => {
    // w[y] = [1, −1] sums to 0: ℓ = (2.407606 − 1.551445)/0 = +Infinity; dy = ±Infinity per row, so
    // the gradient softmax·s − s is NaN at each target (∞ − ∞) and ±Infinity at the other classes
    // torch: F.cross_entropy(x, torch.tensor([0,1]), weight=torch.tensor([1.,-1.,0.])) → inf;
    //        .backward() → [[nan, inf, inf], [-inf, nan, -inf]]
    const x = tf.tensor2d([
      [1, 2, 3],
      [1, 0, 0],
    ]);
    const options = { weight: [1, -1, 0] };
    expectTensor(crossEntropy(x, [0, 1], options), [Infinity], []);
    const [dx] = gradsOf((v) => crossEntropy(v, [0, 1], options), x);
    expectTensor(dx, [NaN, Infinity, Infinity, -Infinity, NaN, -Infinity], [2, 3]);
  });

  it("gives 0 and a 0 gradient to an ignored row holding −Infinity at class 0", () => {
    // row 0: −log softmax([1,2,3])[2] = 0.407606, gradient softmax − onehot = [0.090031, 0.244728, −0.334759]
    // torch: F.cross_entropy(x, torch.tensor([2,-100]), reduction="none") → [0.407606, 0]; row 1's gradient 0
    const x = tf.tensor2d([
      [1, 2, 3],
      [-Infinity, 0, 0],
    ]);
    expectTensor(crossEntropy(x, [2, -100], { reduction: "none" }), [0.407606, 0], [2]);
    const [dx] = gradsOf((v) => crossEntropy(v, [2, -100], { reduction: "none" }), x);
    expectTensor(dx, [0.090031, 0.244728, -0.334759, 0, 0, 0], [2, 3]);
  });

  it("applies label smoothing with every class's weight", () => {
    // (1 − 0.3)·0.407606 + (0.3/3)·(2.407606 + 1.407606 + 0.407606) = 0.285324 + 0.422282 = 0.707606
    // torch: F.cross_entropy(torch.tensor([1.,2.,3.]), torch.tensor(2), label_smoothing=0.3) → 0.707606
    expectTensor(crossEntropy([1, 2, 3], 2, { labelSmoothing: 0.3 }), [0.707606], []);
    const [dx] = gradsOf((v) => crossEntropy(v, 2, { labelSmoothing: 0.3 }), tf.tensor1d([1, 2, 3]));
    expectTensor(dx, [-0.009969, 0.144728, -0.134759], [3]); // torch, same call, .backward()

    const x = [
      [1, 2, 3],
      [1, 1, 1],
      [0, -1, 2],
    ];
    const weight = [1, 2, 3];
    // torch: F.cross_entropy(x, torch.tensor([2,0,1]), weight=torch.tensor([1.,2.,3.]),
    //          label_smoothing=0.2, reduction='none') → [1.407963, 1.318335, 5.673025]
    const options = { weight, labelSmoothing: 0.2 };
    expectTensor(crossEntropy(x, [2, 0, 1], { ...options, reduction: "none" }), [1.407963, 1.318335, 5.673025], [3]);
    // torch: same with target [2, 0, -100] and reduction='mean' → 0.681575
    expectTensor(crossEntropy(x, [2, 0, -100], options), [0.681575], []);
    const [dx2] = gradsOf((v) => crossEntropy(v, [2, 0, -100], options), tf.tensor2d(x));
    expectTensor(dx2, [0.046355, 0.137977, -0.184331, -0.116667, 0.066667, 0.05, 0, 0, 0], [3, 3]);
  });

  it("handles [N,C,d1] input with [N,d1] targets", () => {
    const x = SPATIAL_INPUT;
    const target = [
      [2, 0],
      [1, -100],
    ];
    // position (0,0) has logits [1,2,3] → 0.407606; (1,0) has [0,0,0] → log 3 = 1.098612
    // torch: F.cross_entropy(x, t, reduction='none') → [[0.407606, 1.104131], [1.098612, 0]]
    expectTensor(crossEntropy(x, target, { reduction: "none" }), [0.407606, 1.104131, 1.098612, 0], [2, 2]);
    // torch: F.cross_entropy(x, t, weight=torch.tensor([1.,2.,3.])) → 0.754029
    expectTensor(crossEntropy(x, target, { weight: [1, 2, 3] }), [0.754029], []);
    const [dx] = gradsOf((v) => crossEntropy(v, target, { weight: [1, 2, 3] }), tf.tensor3d(x));
    expectTensor(
      dx,
      [0.045015, -0.111417, 0.122364, 0.020325, -0.16738, 0.091092, 0.111111, 0, -0.222222, 0, 0.111111, 0],
      [2, 3, 2],
    );
  });

  it("accepts int32 tensors and number arrays alike, and refuses float tensors of class indices", () => {
    for (const target of [tf.tensor1d([2, 0], "int32"), [2, 0]]) {
      expectTensor(crossEntropy(logits, target, { reduction: "none" }), [0.407606, 1.098612], [2]);
    }
    expectLossInputError(
      () => crossEntropy(logits, tf.tensor1d([2, 0])),
      "crossEntropy",
      "target",
      /int32 tensor of class indices, got dtype float32/,
    );
  });

  it("gives 0 for a single class, as torch (log softmax of one logit is 0)", () => {
    // torch.nn.functional.cross_entropy(torch.tensor([[0.9],[0.2]]), torch.tensor([0, 0])) == tensor(0.)
    expectTensor(crossEntropy([[0.9], [0.2]], [0, 0]), [0], []);
    expectTensor(nllLoss([[-0.5], [-2]], [0, 0], { reduction: "none" }), [0.5, 2], [2]);
    expectTensor(multiMarginLoss([[0.3], [1]], [0, 0], { reduction: "none" }), [0, 0], [2]);
  });

  it("stays finite for logits of ±1e4", () => {
    // logsumexp(1e4, −1e4, 0) = 1e4 (the rest is below float precision), so −log p[1] = 2e4, −log p[0] = 0
    const x = tf.tensor2d([[1e4, -1e4, 0]]);
    expectTensor(crossEntropy(x, [1]), [20000], []);
    expectTensor(crossEntropy(x, [0]), [0], []);
    expectTensor(crossEntropy(x, [[0, 1, 0]]), [20000], []);
    const [dx] = gradsOf((v) => crossEntropy(v, [1], { labelSmoothing: 0.1 }), x);
    expect(Array.from(dx.dataSync()).every(Number.isFinite)).toBe(true);
    // torch: F.cross_entropy(x, torch.tensor([1])).backward() → [[1, −1, 0]]
    expectTensor(gradsOf((v) => crossEntropy(v, [1]), x)[0], [1, -1, 0], [1, 3]);
  });
});

describe("crossEntropy with class probabilities", () => {
  it("computes −Σ t·log softmax, with gradients for input and target", () => {
    // 0.2·2.407606 + 0.3·1.407606 + 0.5·0.407606 = 0.481521 + 0.422282 + 0.203803 = 1.107606
    expectTensor(crossEntropy([[1, 2, 3]], [[0.2, 0.3, 0.5]], { reduction: "none" }), [1.107606], [1]);
    const [dx, dt] = gradsOf(
      (x, t) => crossEntropy(x, t, { reduction: "sum" }),
      tf.tensor2d([[1, 2, 3]]),
      tf.tensor2d([[0.2, 0.3, 0.5]]),
    );
    // ∂/∂x = softmax·Σt − t = [0.090031 − 0.2, 0.244728 − 0.3, 0.665241 − 0.5]; ∂/∂t = −log softmax
    expectTensor(dx, [-0.109969, -0.055272, 0.165241], [1, 3]);
    expectTensor(dt, [2.407606, 1.407606, 0.407606], [1, 3]);
  });

  it("divides the mean by N, not by weights", () => {
    const x = [
      [1, 2, 3],
      [0, -1, 2],
    ];
    const t = [
      [0.2, 0.3, 0.5],
      [1, 0, 0],
    ];
    // torch: F.cross_entropy(x, t, weight=torch.tensor([1.,2.,3.])) → 2.05367
    const options = { weight: [1, 2, 3] };
    expectTensor(crossEntropy(x, t, options), [2.05367], []);
    const [dx, dt] = gradsOf((a, b) => crossEntropy(a, b, options), tf.tensor2d(x), tf.tensor2d(t));
    expectTensor(dx, [0.003535, -0.018562, 0.015027, -0.442902, 0.021005, 0.421897], [2, 3]);
    expectTensor(dt, [1.203803, 1.407606, 0.611409, 1.084923, 3.169846, 0.254769], [2, 3]);
  });

  it("smooths the target toward uniform: t' = (1 − ε)t + ε/C", () => {
    const x = [
      [1, 2, 3],
      [0, -1, 2],
    ];
    const t = [
      [0.2, 0.3, 0.5],
      [1, 0, 0],
    ];
    // torch: F.cross_entropy(x, t, label_smoothing=0.1, reduction='sum') → 3.274119
    const options = { labelSmoothing: 0.1, reduction: "sum" as const };
    expectTensor(crossEntropy(x, t, options), [3.274119], []);
    const [dx, dt] = gradsOf((a, b) => crossEntropy(a, b, options), tf.tensor2d(x), tf.tensor2d(t));
    expectTensor(dx, [-0.123303, -0.058605, 0.181908, -0.819138, 0.008677, 0.810461], [2, 3]);
    expectTensor(dt, [2.166845, 1.266845, 0.366845, 1.952861, 2.852861, 0.152861], [2, 3]);
  });

  it("handles [N,C,d1] probabilities, the mean dividing by N·d1", () => {
    const x = SPATIAL_INPUT;
    const t = [
      [
        [0.5, 0],
        [0.5, 0],
        [0, 1],
      ],
      [
        [1, 0.2],
        [0, 0.3],
        [0, 0.5],
      ],
    ];
    // torch: F.cross_entropy(x, t, label_smoothing=0.1) → 1.181407
    expectTensor(crossEntropy(x, t, { labelSmoothing: 0.1 }), [1.181407], []);
    const [dx, dt] = gradsOf((a, b) => crossEntropy(a, b, { labelSmoothing: 0.1 }), tf.tensor3d(x), tf.tensor3d(t));
    expectTensor(
      dx,
      [-0.098326, 0.074541, -0.059651, 0.022155, 0.157977, -0.096696, -0.15, 0.03, 0.075, 0.0075, 0.075, -0.0375],
      [2, 3, 2],
    );
    expectTensor(
      dt,
      [
        0.541711, 0.248429, 0.316711, 0.473429, 0.091711, 0.135929, 0.247188, 0.247188, 0.247188, 0.247188, 0.247188,
        0.247188,
      ],
      [2, 3, 2],
    );
  });

  it("accepts a negative ignoreIndex (it does not apply), as torch", () => {
    expectTensor(crossEntropy([[1, 2, 3]], [[0.2, 0.3, 0.5]], { ignoreIndex: -1 }), [1.107606], []);
  });
});

describe("crossEntropy refuses bad input", () => {
  const x = tf.tensor2d([
    [1, 2, 3, 4],
    [0, 0, 0, 0],
    [1, 0, 1, 0],
  ]);

  it("names probabilities of shape [N,1] and other wrong target shapes", () => {
    expectLossInputError(
      () => crossEntropy(x, [[1], [0], [1]]),
      "crossEntropy",
      "target",
      /expected class probabilities of shape \[3,4\] \(the shape of input\), got \[3,1\]; class indices would have shape \[3\]/,
    );
    expectLossInputError(
      () => crossEntropy(x, [0, 1, 2, 3]),
      "crossEntropy",
      "target",
      /expected class indices of shape \[3\] .* or class probabilities of shape \[3,4\], got \[4\]/,
    );
    expectLossInputError(() => crossEntropy(x, 1), "crossEntropy", "target", /got \[\]/);
    expectLossInputError(
      () =>
        crossEntropy(tf.zeros([2, 3, 2]), [
          [0, 1, 2],
          [0, 1, 2],
        ]),
      "crossEntropy",
      "target",
      /expected class indices of shape \[2,2\] \(input's shape \[2,3,2\] without its class axis 1\)/,
    );
  });

  it("rejects classes out of range, negatives other than ignoreIndex, and non-integers", () => {
    expectLossInputError(
      () => crossEntropy(x, [0, 4, 1]),
      "crossEntropy",
      "target",
      /class index 4 at flat index 1 is out of bounds: expected an integer in \[0, 3\] \(4 classes\) or -100 \(ignoreIndex\)/,
    );
    expectLossInputError(
      () => crossEntropy(x, [-2, 0, 1]),
      "crossEntropy",
      "target",
      /class index -2 .* out of bounds/,
    );
    expectLossInputError(
      () => crossEntropy(x, [-100, 0, 1], { ignoreIndex: -1 }),
      "crossEntropy",
      "target",
      /class index -100 .* or -1 \(ignoreIndex\)/,
    );
    expectLossInputError(
      () => crossEntropy(x, [0.5, 0, 1]),
      "crossEntropy",
      "target",
      /expected integer class indices, got 0.5/,
    );
    expectLossInputError(() => crossEntropy([1, 2, 3, 4], 4), "crossEntropy", "target", /class index 4/);
  });

  it("rejects int32 probabilities, a weight not [C], and options out of range", () => {
    expectLossInputError(
      () => crossEntropy(x, tf.zeros([3, 4], "int32")),
      "crossEntropy",
      "target",
      /expected a float32 tensor of class probabilities, got dtype int32/,
    );
    expectLossInputError(
      () => crossEntropy(x, [0, 1, 2], { weight: [1, 1, 1, 1, 1] }),
      "crossEntropy",
      "weight",
      /expected shape \[4\], got \[5\]/,
    );
    for (const labelSmoothing of [1.5, -0.1, NaN]) {
      expectLossInputError(
        () => crossEntropy(x, [0, 1, 2], { labelSmoothing }),
        "crossEntropy",
        "labelSmoothing",
        /expected a number in \[0, 1\]/,
      );
    }
    expectLossInputError(
      () => crossEntropy(x, [0, 1, 2], { ignoreIndex: 0.5 }),
      "crossEntropy",
      "ignoreIndex",
      /an integer/,
    );
    expectLossInputError(
      () => crossEntropy(x, tf.zeros([3, 4]), { ignoreIndex: 2 }),
      "crossEntropy",
      "ignoreIndex",
      /expected a negative value with class-probability targets/,
    );
    expectLossInputError(
      () => crossEntropy(x, [0, 1, 2], { reduction: "avg" as never }),
      "crossEntropy",
      "reduction",
      /"avg"/,
    );
    expectLossInputError(() => crossEntropy(3, 0), "crossEntropy", "input", /rank ≥ 1.*got rank 0/);
  });

  it("leaks no tensor", () => {
    expectNoLeak(() => crossEntropy([[1, 2, 3]], [2], { weight: [1, 2, 3], labelSmoothing: 0.1 }));
    expectNoLeak(() =>
      tf.tidy(() =>
        crossEntropy(tf.zeros([2, 3, 2]), [
          [0, 1],
          [2, -100],
        ]),
      ),
    );
    expectNoLeak(() => crossEntropy([[1, 2, 3]], [[0.2, 0.3, 0.5]], { reduction: "none" }));
    expectNoLeak(() =>
      tf.tidy(() => gradsOf((v) => crossEntropy(v, [2], { labelSmoothing: 0.1 }), tf.tensor2d([[1, 2, 3]]))[0]),
    );
  });

  it("leaks no tensor when it refuses input", () => {
    const before = tf.memory().numTensors;
    expect(() =>
      crossEntropy(
        [[1, 2, 3]],
        [
          [0, 1, 2],
          [0, 1, 2],
        ],
        { weight: [1, 2, 3] },
      ),
    ).toThrow(LossInputError);
    expect(() => crossEntropy([[1, 2, 3]], [5], { weight: [1, 2, 3] })).toThrow(LossInputError);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("nllLoss", () => {
  const logProbs = [
    [-0.5, -1, -2],
    [-3, -0.1, -1],
  ];

  it("picks −input at the target, with every reduction", () => {
    // [−(−0.5), −(−0.1)] = [0.5, 0.1]; sum 0.6; mean 0.3
    expectTensor(nllLoss(logProbs, [0, 1], { reduction: "none" }), [0.5, 0.1], [2]);
    expectTensor(nllLoss(logProbs, [0, 1], { reduction: "sum" }), [0.6], []);
    expectTensor(nllLoss(logProbs, [0, 1]), [0.3], []);
    expectTensor(nllLoss([-0.5, -1, -2], 2), [2], []);
  });

  it("weights by class, the mean dividing by the target weights, with that gradient", () => {
    // none: [2·0.5, 1·0.1]; mean: (1.0 + 0.1) / (2 + 1) = 0.366667
    const weight = [2, 1, 1];
    expectTensor(nllLoss(logProbs, [0, 1], { weight, reduction: "none" }), [1, 0.1], [2]);
    expectTensor(nllLoss(logProbs, [0, 1], { weight }), [0.366667], []);
    const [dx] = gradsOf((v) => nllLoss(v, [0, 1], { weight }), tf.tensor2d(logProbs));
    // −w[y]/Σw at each target: [−2/3 at (0,0)], [−1/3 at (1,1)]
    expectTensor(dx, [-0.666667, 0, 0, 0, -0.333333, 0], [2, 3]);
  });

  it("ignores ignoreIndex, gives NaN when all are ignored, and handles [N,C,d1]", () => {
    expectTensor(nllLoss(logProbs, [0, -100], { reduction: "none" }), [0.5, 0], [2]);
    expectTensor(nllLoss(logProbs, [-100, -100]), [NaN], []);
    const x = SPATIAL_INPUT;
    // torch: F.nll_loss(x, torch.tensor([[2,0],[1,1]]), weight=torch.tensor([1.,2.,3.]), ignore_index=1) → −2.25
    // by hand: kept (0,0) class 2 and (0,1) class 0: −(3·3 + 1·0) / (3 + 1) = −2.25
    const options = { weight: [1, 2, 3], ignoreIndex: 1 };
    expectTensor(
      nllLoss(
        x,
        [
          [2, 0],
          [1, 1],
        ],
        options,
      ),
      [-2.25],
      [],
    );
    const [dx] = gradsOf(
      (v) =>
        nllLoss(
          v,
          [
            [2, 0],
            [1, 1],
          ],
          options,
        ),
      tf.tensor3d(x),
    );
    expectTensor(dx, [0, -0.25, 0, 0, -0.75, 0, 0, 0, 0, 0, 0, 0], [2, 3, 2]);
  });

  it("when the target weights sum to 0, puts NaN only at the target entries of positions not ignored", () => {
    const x = [
      [-1, -2, -3],
      [-0.5, -1.5, -2.5],
      [-2, -1, -0.25],
    ];
    // torch: F.nll_loss(x, torch.tensor([0,2,-100]), weight=torch.tensor([0.,1.,0.])) → nan; .backward() →
    //   [[nan,0,0],[0,0,nan],[0,0,0]]: −w[y]/Σw = −0/0 at each kept target, 0 elsewhere
    const options = { weight: [0, 1, 0] };
    expectTensor(nllLoss(x, [0, 2, -100], options), [NaN], []);
    const [dx] = gradsOf((v) => nllLoss(v, [0, 2, -100], options), tf.tensor2d(x));
    expectTensor(dx, [NaN, 0, 0, 0, 0, NaN, 0, 0, 0], [3, 3]);
    // torch: F.nll_loss(x, torch.tensor([-100,-100,-100])).backward() → all 0
    expectTensor(
      gradsOf((v) => nllLoss(v, [-100, -100, -100]), tf.tensor2d(x))[0],
      [0, 0, 0, 0, 0, 0, 0, 0, 0],
      [3, 3],
    );
  });

  it("reads only the target entry: −Infinity at another class does not reach the loss", () => {
    const x = [
      [-Infinity, -0.5, -1],
      [-0.25, -Infinity, -2],
    ];
    // torch: F.nll_loss(x, torch.tensor([1,0]), reduction='none') → [0.5, 0.25]; mean → 0.375;
    //   mean .backward() → [[0,−0.5,0],[−0.5,0,0]]
    expectTensor(nllLoss(x, [1, 0], { reduction: "none" }), [0.5, 0.25], [2]);
    expectTensor(nllLoss(x, [1, 0]), [0.375], []);
    expectTensor(gradsOf((v) => nllLoss(v, [1, 0]), tf.tensor2d(x))[0], [0, -0.5, 0, -0.5, 0, 0], [2, 3]);
    // torch: F.nll_loss(x, torch.tensor([1,-100]), reduction='sum') → 0.5
    expectTensor(nllLoss(x, [1, -100], { reduction: "sum" }), [0.5], []);
  });

  it("refuses bad input", () => {
    expectLossInputError(
      () => nllLoss(logProbs, [0, 1, 2]),
      "nllLoss",
      "target",
      /expected class indices of shape \[2\] .*, got \[3\]$/,
    );
    expectLossInputError(() => nllLoss(logProbs, logProbs), "nllLoss", "target", /got \[2,3\]/);
    expectLossInputError(() => nllLoss(logProbs, [0, 3]), "nllLoss", "target", /class index 3/);
    expectLossInputError(
      () => nllLoss(logProbs, [0, 1], { weight: [1, 2] }),
      "nllLoss",
      "weight",
      /expected shape \[3\]/,
    );
    expectLossInputError(() => nllLoss(-1, 0), "nllLoss", "input", /rank ≥ 1.*got rank 0/);
    expectLossInputError(
      () => nllLoss(logProbs, [0, 1], { reduction: "batchmean" as never }),
      "nllLoss",
      "reduction",
      /batchmean/,
    );
  });

  it("leaks no tensor", () => {
    expectNoLeak(() => nllLoss(logProbs, [0, -100], { weight: [1, 2, 3] }));
    expectNoLeak(() =>
      tf.tidy(() => gradsOf((v) => nllLoss(v, [0, -100], { weight: [0, 1, 1] }), tf.tensor2d(logProbs))[0]),
    );
  });
});

describe("empty inputs (no positions or no classes)", () => {
  // torch (each .sum().backward() too; every gradient has its input's shape):
  //   F.cross_entropy(torch.zeros(0,3,2), torch.zeros(0,2,dtype=torch.long), weight=torch.tensor([1.,2.,3.]),
  //     reduction=r) → none: shape [0,2]; sum: 0.; mean: nan
  //   F.cross_entropy(torch.zeros(0,4), torch.zeros(0,4), label_smoothing=0.1, reduction=r) → [0], 0., nan
  //   F.nll_loss(torch.zeros(2,0), torch.tensor([-100,-100]), reduction=r) → [0.,0.], 0., nan
  //   F.cross_entropy(torch.zeros(2,0), torch.zeros(2,0), reduction=r) → [-0.,-0.], -0., nan
  //   F.cross_entropy(torch.zeros(2,3,0), torch.zeros(2,0,dtype=torch.long), reduction=r) → shape [2,0], 0., nan
  //   F.multilabel_soft_margin_loss(torch.zeros(2,0), torch.zeros(2,0), reduction=r) → [nan,nan], nan, nan
  // The wasm backend's transpose of an empty tensor throws and its sums of one read uninitialised memory.
  type Loss = (reduction: Reduction) => (...xs: tf.Tensor[]) => tf.Tensor;
  const noTargets = tf.zeros([0, 2], "int32");
  const noSpatialTargets = tf.zeros([2, 0], "int32");
  const cases: { name: string; inputs: number[][]; loss: Loss; none: [number[], number[]] }[] = [
    {
      name: "crossEntropy, class indices [0,2], input [0,3,2], weight",
      inputs: [[0, 3, 2]],
      loss: (reduction) => (x) => crossEntropy(x, noTargets, { weight: [1, 2, 3], reduction }),
      none: [[], [0, 2]],
    },
    {
      name: "crossEntropy, probabilities [0,4], label smoothing",
      inputs: [
        [0, 4],
        [0, 4],
      ],
      loss: (reduction) => (x, t) => crossEntropy(x, t, { labelSmoothing: 0.1, reduction }),
      none: [[], [0]],
    },
    {
      name: "crossEntropy, class indices [2,0], input [2,3,0]",
      inputs: [[2, 3, 0]],
      loss: (reduction) => (x) => crossEntropy(x, noSpatialTargets, { reduction }),
      none: [[], [2, 0]],
    },
    {
      name: "nllLoss, no classes: input [2,0], every target ignored",
      inputs: [[2, 0]],
      loss: (reduction) => (x) => nllLoss(x, [-100, -100], { reduction }),
      none: [[0, 0], [2]],
    },
    {
      name: "crossEntropy, no classes: probabilities [2,0]",
      inputs: [
        [2, 0],
        [2, 0],
      ],
      loss: (reduction) => (x, t) => crossEntropy(x, t, { reduction }),
      none: [[0, 0], [2]],
    },
  ];

  for (const { name, inputs, loss, none } of cases) {
    it(`${name}: zeros under none, 0 under sum, NaN under mean, with zero gradients of the inputs' shapes`, () => {
      const tensors = inputs.map((shape) => tf.zeros(shape));
      const expected: Record<Reduction, [number[], number[]]> = { none, sum: [[0], []], mean: [[NaN], []] };
      for (const reduction of REDUCTIONS) {
        expectTensor(loss(reduction)(...tensors), ...expected[reduction]);
        const grads = gradsOf(loss(reduction), ...tensors);
        expect(grads.map((g) => g.shape)).toEqual(inputs);
        for (const g of grads) expect(Array.from(g.dataSync()).every((v) => v === 0)).toBe(true);
      }
    });
  }

  it("multilabelSoftMarginLoss with no classes gives NaN (0/0) per sample, as torch", () => {
    expectTensor(multilabelSoftMarginLoss(tf.zeros([2, 0]), tf.zeros([2, 0]), { reduction: "none" }), [NaN, NaN], [2]);
    expectTensor(multilabelSoftMarginLoss(tf.zeros([2, 0]), tf.zeros([2, 0])), [NaN], []);
  });

  it("the margin losses refuse an input without classes, as torch", () => {
    // torch: F.multi_margin_loss(torch.zeros(0,0), torch.zeros(0,dtype=torch.long)) → RuntimeError:
    //   Expected non-empty vector or matrix with optional 0-dim batch size, but got: [0, 0]
    //   (so does multilabel_margin_loss)
    const detail = /expected at least one class \(a non-empty last axis\), got shape \[0,0\]/;
    expectLossInputError(
      () => multiMarginLoss(tf.zeros([0, 0]), tf.zeros([0], "int32")),
      "multiMarginLoss",
      "input",
      detail,
    );
    expectLossInputError(
      () => multilabelMarginLoss(tf.zeros([0, 0]), tf.zeros([0, 0], "int32")),
      "multilabelMarginLoss",
      "input",
      detail,
    );
    expectLossInputError(
      () => multilabelMarginLoss(tf.zeros([0]), tf.zeros([0], "int32")),
      "multilabelMarginLoss",
      "input",
      /got shape \[0\]/,
    );
  });

  it("leaks no tensor, forward or backward", () => {
    for (const { inputs, loss } of cases) {
      const tensors = inputs.map((shape) => tf.zeros(shape));
      expectNoLeak(() => loss("mean")(...tensors));
      expectNoLeak(() => tf.tidy(() => gradsOf(loss("mean"), ...tensors)[0]));
      tf.dispose(tensors);
    }
  });
});
