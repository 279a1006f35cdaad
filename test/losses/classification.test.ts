import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { LossInputError } from "../../src/core/errors";
import { REDUCTIONS, type Reduction } from "../../src/core/reduction";
import { binaryCrossEntropy, binaryCrossEntropyWithLogits, multilabelSoftMarginLoss, softMarginLoss } from "../../src/losses/binary";
import { multiMarginLoss, multilabelMarginLoss } from "../../src/losses/margin";
import { crossEntropy, nllLoss } from "../../src/losses/softmax";
import { expectLossInputError } from "./expectations";

// Values marked "torch:" come from PyTorch 1.13.1 in float64 (/usr/bin/python3, F = torch.nn.functional);
// "by hand" values show their arithmetic. Hand constants used throughout:
//   logsumexp(1, 2, 3) = 3 + log(1 + e⁻¹ + e⁻²) = 3 + log(1.503215) = 3.407606
//   log_softmax([1, 2, 3]) = [−2.407606, −1.407606, −0.407606]
//   softmax([1, 2, 3]) = [0.090031, 0.244728, 0.665241]
//   log_softmax([1, 1, 1]) = −log 3 = −1.098612 each;  softmax = 1/3 each
//   softplus(2) = log(1 + e²) = 2 + log(1 + e⁻²) = 2.126928;  σ(2) = 0.880797;  log 2 = 0.693147

/** Asserts shape and values within the parity tolerance |a − b| ≤ 1e-5 + 1e-4|b| (NaN ⇔ NaN, ±∞ exact). */
function expectTensor(actual: tf.Tensor, expected: number[], shape: number[]): void {
  expect(actual.shape).toEqual(shape);
  const values = Array.from(actual.dataSync());
  expect(values).toHaveLength(expected.length);
  values.forEach((a, i) => {
    const b = expected[i];
    if (Number.isNaN(b) || !Number.isFinite(b)) {
      expect(a, `index ${i}`).toBe(b);
    } else {
      expect(Math.abs(a - b), `index ${i}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(b));
    }
  });
}

/** d(sum(f(...args)))/d(arg) for every arg, by tfjs autodiff. */
function gradsOf(f: (...xs: tf.Tensor[]) => tf.Tensor, ...args: tf.Tensor[]): tf.Tensor[] {
  return tf.grads((...xs: tf.Tensor[]) => tf.sum(f(...xs)))(args);
}

/** Runs `call` twice (so that lazily made kernels exist) and checks no tensor outlives it but its result. */
function expectNoLeak(call: () => tf.Tensor): void {
  call().dispose();
  const before = tf.memory().numTensors;
  call().dispose();
  expect(tf.memory().numTensors).toBe(before);
}

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
    const x = [
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
    expectLossInputError(() => crossEntropy(logits, tf.tensor1d([2, 0])), "crossEntropy", "target", /int32 tensor of class indices, got dtype float32/);
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
    const x = [
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
    expectTensor(dx, [-0.098326, 0.074541, -0.059651, 0.022155, 0.157977, -0.096696, -0.15, 0.03, 0.075, 0.0075, 0.075, -0.0375], [2, 3, 2]);
    expectTensor(dt, [0.541711, 0.248429, 0.316711, 0.473429, 0.091711, 0.135929, 0.247188, 0.247188, 0.247188, 0.247188, 0.247188, 0.247188], [2, 3, 2]);
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
    expectLossInputError(() => crossEntropy(x, [[1], [0], [1]]), "crossEntropy", "target",
      /expected class probabilities of shape \[3,4\] \(the shape of input\), got \[3,1\]; class indices would have shape \[3\]/);
    expectLossInputError(() => crossEntropy(x, [0, 1, 2, 3]), "crossEntropy", "target",
      /expected class indices of shape \[3\] .* or class probabilities of shape \[3,4\], got \[4\]/);
    expectLossInputError(() => crossEntropy(x, 1), "crossEntropy", "target", /got \[\]/);
    expectLossInputError(() => crossEntropy(tf.zeros([2, 3, 2]), [[0, 1, 2], [0, 1, 2]]), "crossEntropy", "target",
      /expected class indices of shape \[2,2\] \(input's shape \[2,3,2\] without its class axis 1\)/);
  });

  it("rejects classes out of range, negatives other than ignoreIndex, and non-integers", () => {
    expectLossInputError(() => crossEntropy(x, [0, 4, 1]), "crossEntropy", "target",
      /class index 4 at flat index 1 is out of bounds: expected an integer in \[0, 3\] \(4 classes\) or -100 \(ignoreIndex\)/);
    expectLossInputError(() => crossEntropy(x, [-2, 0, 1]), "crossEntropy", "target", /class index -2 .* out of bounds/);
    expectLossInputError(() => crossEntropy(x, [-100, 0, 1], { ignoreIndex: -1 }), "crossEntropy", "target",
      /class index -100 .* or -1 \(ignoreIndex\)/);
    expectLossInputError(() => crossEntropy(x, [0.5, 0, 1]), "crossEntropy", "target", /expected integer class indices, got 0.5/);
    expectLossInputError(() => crossEntropy([1, 2, 3, 4], 4), "crossEntropy", "target", /class index 4/);
  });

  it("rejects int32 probabilities, a weight not [C], and options out of range", () => {
    expectLossInputError(() => crossEntropy(x, tf.zeros([3, 4], "int32")), "crossEntropy", "target",
      /expected a float32 tensor of class probabilities, got dtype int32/);
    expectLossInputError(() => crossEntropy(x, [0, 1, 2], { weight: [1, 1, 1, 1, 1] }), "crossEntropy", "weight",
      /expected shape \[4\], got \[5\]/);
    for (const labelSmoothing of [1.5, -0.1, NaN]) {
      expectLossInputError(() => crossEntropy(x, [0, 1, 2], { labelSmoothing }), "crossEntropy", "labelSmoothing",
        /expected a number in \[0, 1\]/);
    }
    expectLossInputError(() => crossEntropy(x, [0, 1, 2], { ignoreIndex: 0.5 }), "crossEntropy", "ignoreIndex", /an integer/);
    expectLossInputError(() => crossEntropy(x, tf.zeros([3, 4]), { ignoreIndex: 2 }), "crossEntropy", "ignoreIndex",
      /expected a negative value with class-probability targets/);
    expectLossInputError(() => crossEntropy(x, [0, 1, 2], { reduction: "avg" as never }), "crossEntropy", "reduction", /"avg"/);
    expectLossInputError(() => crossEntropy(3, 0), "crossEntropy", "input", /rank ≥ 1.*got rank 0/);
  });

  it("leaks no tensor", () => {
    expectNoLeak(() => crossEntropy([[1, 2, 3]], [2], { weight: [1, 2, 3], labelSmoothing: 0.1 }));
    expectNoLeak(() => tf.tidy(() => crossEntropy(tf.zeros([2, 3, 2]), [[0, 1], [2, -100]])));
    expectNoLeak(() => crossEntropy([[1, 2, 3]], [[0.2, 0.3, 0.5]], { reduction: "none" }));
    expectNoLeak(() => tf.tidy(() => gradsOf((v) => crossEntropy(v, [2], { labelSmoothing: 0.1 }), tf.tensor2d([[1, 2, 3]]))[0]));
  });

  it("leaks no tensor when it refuses input", () => {
    const before = tf.memory().numTensors;
    expect(() => crossEntropy([[1, 2, 3]], [[0, 1, 2], [0, 1, 2]], { weight: [1, 2, 3] })).toThrow(LossInputError);
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
    const x = [
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
    // torch: F.nll_loss(x, torch.tensor([[2,0],[1,1]]), weight=torch.tensor([1.,2.,3.]), ignore_index=1) → −2.25
    // by hand: kept (0,0) class 2 and (0,1) class 0: −(3·3 + 1·0) / (3 + 1) = −2.25
    const options = { weight: [1, 2, 3], ignoreIndex: 1 };
    expectTensor(nllLoss(x, [[2, 0], [1, 1]], options), [-2.25], []);
    const [dx] = gradsOf((v) => nllLoss(v, [[2, 0], [1, 1]], options), tf.tensor3d(x));
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
    expectTensor(gradsOf((v) => nllLoss(v, [-100, -100, -100]), tf.tensor2d(x))[0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [3, 3]);
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
    expectLossInputError(() => nllLoss(logProbs, [0, 1, 2]), "nllLoss", "target", /expected class indices of shape \[2\] .*, got \[3\]$/);
    expectLossInputError(() => nllLoss(logProbs, logProbs), "nllLoss", "target", /got \[2,3\]/);
    expectLossInputError(() => nllLoss(logProbs, [0, 3]), "nllLoss", "target", /class index 3/);
    expectLossInputError(() => nllLoss(logProbs, [0, 1], { weight: [1, 2] }), "nllLoss", "weight", /expected shape \[3\]/);
    expectLossInputError(() => nllLoss(-1, 0), "nllLoss", "input", /rank ≥ 1.*got rank 0/);
    expectLossInputError(() => nllLoss(logProbs, [0, 1], { reduction: "batchmean" as never }), "nllLoss", "reduction", /batchmean/);
  });

  it("leaks no tensor", () => {
    expectNoLeak(() => nllLoss(logProbs, [0, -100], { weight: [1, 2, 3] }));
    expectNoLeak(() => tf.tidy(() => gradsOf((v) => nllLoss(v, [0, -100], { weight: [0, 1, 1] }), tf.tensor2d(logProbs))[0]));
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
      inputs: [[0, 4], [0, 4]],
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
      inputs: [[2, 0], [2, 0]],
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
    //   Expected non-empty vector or matrix with optional 0-dim batch size, but got: [0, 0] (so does multilabel_margin_loss)
    const detail = /expected at least one class \(a non-empty last axis\), got shape \[0,0\]/;
    expectLossInputError(() => multiMarginLoss(tf.zeros([0, 0]), tf.zeros([0], "int32")), "multiMarginLoss", "input", detail);
    expectLossInputError(() => multilabelMarginLoss(tf.zeros([0, 0]), tf.zeros([0, 0], "int32")), "multilabelMarginLoss", "input", detail);
    expectLossInputError(() => multilabelMarginLoss(tf.zeros([0]), tf.zeros([0], "int32")), "multilabelMarginLoss", "input", /got shape \[0\]/);
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

describe("binaryCrossEntropy", () => {
  it("computes −(y log x + (1 − y) log(1 − x)) with PyTorch's gradients", () => {
    // x = [0.5, 0.8], y = [1, 0]: [−log 0.5, −log 0.2] = [0.693147, 1.609438]
    expectTensor(binaryCrossEntropy([0.5, 0.8], [1, 0], { reduction: "none" }), [0.693147, 1.609438], [2]);
    expectTensor(binaryCrossEntropy([0.5, 0.8], [1, 0], { reduction: "sum" }), [2.302585], []);
    expectTensor(binaryCrossEntropy([0.5, 0.8], [1, 0]), [1.151293], []);
    const [dx, dy] = gradsOf((x, y) => binaryCrossEntropy(x, y, { reduction: "none" }), tf.tensor1d([0.5, 0.8]), tf.tensor1d([1, 0]));
    // ∂/∂x = (x − y)/(x(1 − x)) = [−0.5/0.25, 0.8/0.16] = [−2, 5]; ∂/∂y = −logit(x) = [0, −log 4]
    expectTensor(dx, [-2, 5], [2]);
    expectTensor(dy, [0, -1.386294], [2]);
  });

  it("takes a weight of input's shape or broadcastable to it", () => {
    // torch: F.binary_cross_entropy(torch.tensor([.1,.5,.9]), torch.tensor([.2,.7,1.]),
    //          weight=torch.tensor([1.,2.,.5])) → 0.66126
    const weight = [1, 2, 0.5];
    expectTensor(binaryCrossEntropy([0.1, 0.5, 0.9], [0.2, 0.7, 1], { weight }), [0.66126], []);
    const [dx, dy] = gradsOf((x, y) => binaryCrossEntropy(x, y, { weight }), tf.tensor1d([0.1, 0.5, 0.9]), tf.tensor1d([0.2, 0.7, 1]));
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
    expectLossInputError(() => binaryCrossEntropy([0.5, 1.5], [1, 0]), fn, "input", /expected probabilities in \[0, 1\], got 1.5 at flat index 1/);
    expectLossInputError(() => binaryCrossEntropy([NaN], [1]), fn, "input", /got NaN/);
    expectLossInputError(() => binaryCrossEntropy([[0.5, 0.5]], [1, 0]), fn, "target", /expected shape \[1,2\] \(the shape of input\), got \[2\]/);
    expectLossInputError(() => binaryCrossEntropy([0.5], tf.tensor1d([1], "int32")), fn, "target", /float32 tensor .* got dtype int32/);
    expectLossInputError(() => binaryCrossEntropy([[0.5, 0.5]], [[1, 0]], { weight: [1, 1, 1] }), fn, "weight", /broadcastable to \[1,2\], got \[3\]/);
    expectLossInputError(() => binaryCrossEntropy([[0.5, 0.5]], [[1, 0]], { weight: [[[1, 1]], [[1, 1]]] }), fn, "weight", /got \[2,1,2\]/);
  });

  it("leaks no tensor, forward or backward", () => {
    expectNoLeak(() => binaryCrossEntropy([0.2, 0.7], [0, 1], { weight: [1, 2] }));
    expectNoLeak(() => tf.tidy(() => gradsOf((x, y) => binaryCrossEntropy(x, y), tf.tensor1d([0, 0.5]), tf.tensor1d([1, 0]))[1]));
  });
});

describe("binaryCrossEntropyWithLogits", () => {
  it("computes (1 − y)x + softplus(−x), gradients σ(x) − y and −x", () => {
    // x = [0, 2], y = [1, 0]: [softplus(0), 2 + softplus(−2)] = [log 2, softplus(2)] = [0.693147, 2.126928]
    expectTensor(binaryCrossEntropyWithLogits([0, 2], [1, 0], { reduction: "none" }), [0.693147, 2.126928], [2]);
    expectTensor(binaryCrossEntropyWithLogits([0, 2], [1, 0]), [1.410038], []);
    expectTensor(binaryCrossEntropyWithLogits([0, 2], [1, 0], { reduction: "sum" }), [2.820075], []);
    const [dx, dy] = gradsOf((x, y) => binaryCrossEntropyWithLogits(x, y, { reduction: "none" }), tf.tensor1d([0, 2]), tf.tensor1d([1, 0]));
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
    const options = { weight: [[1, 2, 1], [0.5, 1, 1]], posWeight: [3, 1, 0.5] };
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
    expectLossInputError(() => binaryCrossEntropyWithLogits(x, tf.zeros([3])), fn, "target", /expected shape \[3,4\] .* got \[3\]/);
    expectLossInputError(() => binaryCrossEntropyWithLogits(x, tf.zeros([3, 4]), { posWeight: tf.ones([5]) }), fn, "posWeight", /broadcastable to \[3,4\], got \[5\]/);
    expectLossInputError(() => binaryCrossEntropyWithLogits(x, tf.zeros([3, 4]), { weight: tf.ones([2, 3, 4]) }), fn, "weight", /got \[2,3,4\]/);
    expectLossInputError(() => binaryCrossEntropyWithLogits(x, tf.zeros([3, 4], "int32")), fn, "target", /dtype int32/);
    expectLossInputError(() => binaryCrossEntropyWithLogits(x, tf.zeros([3, 4]), { reduction: "all" as never }), fn, "reduction", /"all"/);
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
    const [dx2] = gradsOf((x) => softMarginLoss(x, [[1, -1], [-1, 1]]), tf.tensor2d([[0.5, -1], [2, 0]]));
    expectTensor(softMarginLoss([[0.5, -1], [2, 0]], [[1, -1], [-1, 1]]), [0.901853], []);
    expectTensor(dx2, [-0.094385, 0.067235, 0.220199, -0.125], [2, 2]);
  });

  it("stays finite where −y·x is large (torch's log1p(exp(·)) gives inf there)", () => {
    // −y·x = 1e4 for both: log(1 + e^1e4) = 1e4
    expectTensor(softMarginLoss([1e4, -1e4], [-1, 1], { reduction: "none" }), [1e4, 1e4], [2]);
    const [dx] = gradsOf((x) => softMarginLoss(x, [-1, 1], { reduction: "none" }), tf.tensor1d([1e4, -1e4]));
    expectTensor(dx, [1, -1], [2]);
  });

  it("refuses bad input and leaks no tensor", () => {
    expectLossInputError(() => softMarginLoss(tf.zeros([3, 4]), tf.zeros([3, 5])), "softMarginLoss", "target", /expected shape \[3,4\]/);
    expectLossInputError(() => softMarginLoss([1], [1], { reduction: "" as never }), "softMarginLoss", "reduction", /got ""/);
    expectNoLeak(() => softMarginLoss([1, -2], [1, -1]));
  });
});

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
    expectLossInputError(() => multiMarginLoss(tf.zeros([2, 3, 2]), [0, 1]), fn, "input", /rank one of 1, 2, got rank 3/);
    expectLossInputError(() => multiMarginLoss(x, [3, 0]), fn, "target", /expected shape \[1\], got \[2\]/);
    expectLossInputError(() => multiMarginLoss(x, [4]), fn, "target", /class index 4 .* expected an integer in \[0, 3\] \(4 classes\)$/);
    expectLossInputError(() => multiMarginLoss(x, [-100]), fn, "target", /class index -100/);
    expectLossInputError(() => multiMarginLoss(x, [3], { weight: [[1, 1, 1, 1]] }), fn, "weight", /expected shape \[4\]/);
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
    expectTensor(gradsOf((v) => multilabelMarginLoss(v, [[3, 0, -1, 1]]), tf.tensor2d(x))[0], [-0.5, 0.5, 0.5, -0.5], [1, 4]);
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
    expectLossInputError(() => multilabelMarginLoss(x, [[3, 0, -1, -5]]), fn, "target",
      /class index -5 at flat index 3 is out of bounds: expected an integer in \[0, 3\] \(4 classes\) or -1 \(end of the labels\)/);
    expectLossInputError(() => multilabelMarginLoss(x, [[3, 0, -1, 7]]), fn, "target", /class index 7/);
    expectLossInputError(() => multilabelMarginLoss(x, [[3, 0, -1, 0.5]]), fn, "target", /integer class indices/);
    expectLossInputError(() => multilabelMarginLoss(tf.zeros([3, 4]), tf.zeros([3, 5])), fn, "target", /expected shape \[3,4\]/);
    expectLossInputError(() => multilabelMarginLoss(tf.zeros([1, 1, 2]), tf.zeros([1, 1, 2])), fn, "input", /got rank 3/);
  });

  it("leaks no tensor", () => {
    expectNoLeak(() => multilabelMarginLoss(x, [[3, 0, -1, 1]]));
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
    expectTensor(gradsOf((v) => multilabelSoftMarginLoss(v, [[1, 0]]), tf.tensor2d([[-1e4, 1e4]]))[0], [-0.5, 0.5], [1, 2]);
  });

  it("refuses bad input and leaks no tensor", () => {
    const fn = "multilabelSoftMarginLoss";
    expectLossInputError(() => multilabelSoftMarginLoss(tf.zeros([3, 4]), tf.zeros([3, 5])), fn, "target", /expected shape \[3,4\]/);
    expectLossInputError(() => multilabelSoftMarginLoss(tf.zeros([3, 4]), tf.zeros([3, 4]), { weight: [1, 2] }), fn, "weight", /got \[2\]/);
    expectLossInputError(() => multilabelSoftMarginLoss(1, 1), fn, "input", /rank ≥ 1.*got rank 0/);
    expectNoLeak(() => multilabelSoftMarginLoss([[0, 2]], [[1, 0]], { weight: [2, 1] }));
  });
});
