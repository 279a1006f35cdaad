import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { gaussianNllLoss, huberLoss, l1Loss, mseLoss, poissonNllLoss, smoothL1Loss } from "../../src/losses/regression";
import { apply, expectGradients, expectLossInputError, expectNoLeak, expectTensor } from "../support";

// Values marked "torch:" come from PyTorch 1.13.1 in float64 (/usr/bin/python3,
// F = torch.nn.functional, tensors made with dtype=torch.float64, requires_grad=True; gradients
// are of out.sum()). The others are by hand, with the arithmetic beside them.

describe("l1Loss", () => {
  // x = [1, −2, 3.5], y = [0, 1, 3.5]: d = x − y = [1, −3, 0], |d| = [1, 3, 0]
  const x = [1, -2, 3.5];
  const y = [0, 1, 3.5];

  it("gives |x − y| under every reduction, mean by default", () => {
    expectTensor(l1Loss(x, y, { reduction: "none" }), [1, 3, 0]);
    expectTensor(l1Loss(x, y, { reduction: "sum" }), 4); // 1 + 3 + 0
    expectTensor(l1Loss(x, y), 4 / 3);
    expectTensor(l1Loss(x, y, { reduction: "mean" }), 4 / 3);
  });

  it("accepts tensors and keeps the shape of 2-d input", () => {
    // |[[1, 2], [3, 4]] − [[2, 2], [1, 5]]| = [[1, 0], [2, 1]]
    const input = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    expectTensor(
      l1Loss(
        input,
        [
          [2, 2],
          [1, 5],
        ],
        { reduction: "none" },
      ),
      [
        [1, 0],
        [2, 1],
      ],
    );
    expectTensor(
      l1Loss(
        input,
        tf.tensor2d(
          [
            [2, 2],
            [1, 5],
          ],
          undefined,
          "int32",
        ),
      ),
      1,
    ); // 4 / 4
    input.dispose();
  });

  it("has gradient sign(x − y), 0 where x = y as in torch, and its negation for the target", () => {
    const sum = (a: tf.Tensor, b: tf.Tensor) => l1Loss(a, b, { reduction: "sum" });
    expectGradients(
      sum,
      [x, y],
      [
        [1, -1, 0],
        [-1, 1, 0],
      ],
    );
    // mean divides by the 3 elements
    expectGradients(
      (a, b) => l1Loss(a, b),
      [x, y],
      [
        [1 / 3, -1 / 3, 0],
        [-1 / 3, 1 / 3, 0],
      ],
    );
  });

  it("differentiates the input alone when the target is a constant", () => {
    // d/dx sum|x − y| = sign(x − y) = [1, −1, 0]
    const target = tf.tensor(y);
    const dx = tf.grad((a: tf.Tensor) => l1Loss(a, target, { reduction: "sum" }))(tf.tensor(x));
    expectTensor(dx, [1, -1, 0]);
    target.dispose();
  });

  it("refuses a target of another shape instead of broadcasting", () => {
    expectLossInputError(
      () => l1Loss(x, [1, 2]),
      "l1Loss",
      "target",
      /expected shape \[3\] \(the shape of input\), got \[2\]/,
    );
    expectLossInputError(() => l1Loss([[1, 2]], [1, 2]), "l1Loss", "target", /expected shape \[1,2\].*got \[2\]/);
  });

  it("refuses an unknown reduction and a ragged input", () => {
    expectLossInputError(
      () => l1Loss(x, y, { reduction: "avg" as never }),
      "l1Loss",
      "reduction",
      /"none", "mean", "sum", got "avg"/,
    );
    expectLossInputError(() => l1Loss([[1, 2], [3]], y), "l1Loss", "input", /ragged/);
  });

  it("leaves no tensor behind, on success or on bad input", () => {
    expectNoLeak(
      () => l1Loss(x, y),
      () => l1Loss(x, [1]),
    );
  });
});

describe("mseLoss", () => {
  // d = [1, −3, 0] as above: d² = [1, 9, 0]
  const x = [1, -2, 3.5];
  const y = [0, 1, 3.5];

  it("gives (x − y)² under every reduction, mean by default", () => {
    expectTensor(mseLoss(x, y, { reduction: "none" }), [1, 9, 0]);
    expectTensor(mseLoss(x, y, { reduction: "sum" }), 10);
    expectTensor(mseLoss(x, y), 10 / 3);
  });

  it("has gradient 2(x − y) for the input and −2(x − y) for the target", () => {
    expectGradients(
      (a, b) => mseLoss(a, b, { reduction: "sum" }),
      [x, y],
      [
        [2, -6, 0],
        [-2, 6, 0],
      ],
    );
  });

  it("refuses shapes torch would broadcast", () => {
    expectLossInputError(() => mseLoss([[1], [2]], [1, 2]), "mseLoss", "target", /expected shape \[2,1\].*got \[2\]/);
    expectNoLeak(
      () => mseLoss(x, y),
      () => mseLoss(x, [[1, 2, 3]]),
    );
  });
});

// Differences d = x − y = [0.5, 0.5, −0.5, 0.25, −3]: three at the threshold 0.5, one inside, one beyond
const atBoundary = { x: [1.5, 0.5, -0.5, 1.25, -2], y: [1, 0, 0, 1, 1] };

describe("smoothL1Loss", () => {
  // x = [0, 0.5, 2, −3] against y = 0, so |d| = [0, 0.5, 2, 3]
  const x = [0, 0.5, 2, -3];
  const y = [0, 0, 0, 0];

  it("is 0.5 d²/β inside β and |d| − 0.5 β outside, with β = 1 by default", () => {
    // β = 1: [0.5·0/1, 0.5·0.25/1, 2 − 0.5, 3 − 0.5] = [0, 0.125, 1.5, 2.5]
    expectTensor(smoothL1Loss(x, y, { reduction: "none" }), [0, 0.125, 1.5, 2.5]);
    expectTensor(smoothL1Loss(x, y), 4.125 / 4);
    expectTensor(smoothL1Loss(x, y, { reduction: "sum" }), 4.125);
    // β = 2: [0, 0.5·0.25/2, 2 − 1 (|d| = β is linear), 3 − 1] = [0, 0.0625, 1, 2]
    expectTensor(smoothL1Loss(x, y, { beta: 2, reduction: "none" }), [0, 0.0625, 1, 2]);
  });

  it("is continuous at |d| = β", () => {
    // β = 0.5, |d| = 0.5: linear 0.5 − 0.25 = 0.25 = quadratic 0.5·0.25/0.5
    expectTensor(smoothL1Loss([0.5, -0.5], [0, 0], { beta: 0.5, reduction: "none" }), [0.25, 0.25]);
  });

  it("equals l1Loss in value at β = 0", () => {
    expectTensor(smoothL1Loss(x, y, { beta: 0, reduction: "none" }), [0, 0.5, 2, 3]);
    const [smooth, l1] = [
      smoothL1Loss(
        [
          [1, -2],
          [0, 4],
        ],
        [
          [0, 0],
          [0, 1],
        ],
        { beta: 0 },
      ),
      l1Loss(
        [
          [1, -2],
          [0, 4],
        ],
        [
          [0, 0],
          [0, 1],
        ],
      ),
    ];
    expect(smooth.dataSync()[0]).toBe(l1.dataSync()[0]);
    tf.dispose([smooth, l1]);
  });

  it("has torch's gradients, for β > 0 and for β = 0", () => {
    // torch: F.smooth_l1_loss(x, y, beta=1.0, reduction='none'): d/dx = clamp(d/β, −1, 1)
    const none = (a: tf.Tensor, b: tf.Tensor) => smoothL1Loss(a, b, { reduction: "none" });
    expectGradients(
      none,
      [x, y],
      [
        [0, 0.5, 1, -1],
        [0, -0.5, -1, 1],
      ],
    );
    // torch: F.smooth_l1_loss(x, y, beta=0.0, reduction='sum') -> grads [-1, 1, 1, -1], [-1, -1, -1, 1]:
    // at d = 0 torch's backward gives −1 to the input and −1 to the target (not l1's 0)
    const sum = (a: tf.Tensor, b: tf.Tensor) => smoothL1Loss(a, b, { beta: 0, reduction: "sum" });
    expectGradients(
      sum,
      [x, y],
      [
        [-1, 1, 1, -1],
        [-1, -1, -1, 1],
      ],
    );
  });

  it("has torch's gradients at |d| = β and with a non-zero target", () => {
    // torch: F.smooth_l1_loss(x, y, beta=0.5, reduction='none') with d = [0.5, 0.5, −0.5, 0.25, −3]
    //   -> [0.25, 0.25, 0.25, 0.0625, 2.75], grads [1, 1, −1, 0.5, −1] and negated
    const none = (a: tf.Tensor, b: tf.Tensor) => smoothL1Loss(a, b, { beta: 0.5, reduction: "none" });
    expectTensor(apply(none, [atBoundary.x, atBoundary.y]), [0.25, 0.25, 0.25, 0.0625, 2.75]);
    expectGradients(
      none,
      [atBoundary.x, atBoundary.y],
      [
        [1, 1, -1, 0.5, -1],
        [-1, -1, 1, -0.5, 1],
      ],
    );
  });

  it("refuses a negative beta, a shape mismatch and a bad reduction", () => {
    expectLossInputError(
      () => smoothL1Loss(x, y, { beta: -1 }),
      "smoothL1Loss",
      "beta",
      /expected a number ≥ 0, got -1/,
    );
    expectLossInputError(() => smoothL1Loss(x, y, { beta: NaN }), "smoothL1Loss", "beta", /got NaN$/);
    expectLossInputError(() => smoothL1Loss(x, [0, 0]), "smoothL1Loss", "target", /expected shape \[4\]/);
    expectLossInputError(
      () => smoothL1Loss(x, y, { reduction: "batchmean" as never }),
      "smoothL1Loss",
      "reduction",
      /got "batchmean"/,
    );
  });

  it("leaves no tensor behind, gradients included", () => {
    expectNoLeak(
      () => smoothL1Loss(x, y, { beta: 0.5 }),
      () => smoothL1Loss(x, y, { beta: -0.5 }),
    );
    const args = [tf.tensor(x), tf.tensor(y)];
    expectNoLeak(() => {
      const [gx, gy] = tf.grads((a: tf.Tensor, b: tf.Tensor) => smoothL1Loss(a, b))(args);
      gy.dispose();
      return gx;
    });
    tf.dispose(args);
  });
});

describe("huberLoss", () => {
  const x = [0, 0.5, 2, -3];
  const y = [0, 0, 0, 0];

  it("is 0.5 d² inside δ and δ(|d| − 0.5 δ) outside, δ = 1 by default", () => {
    // δ = 1 coincides with smooth L1 at β = 1: [0, 0.125, 1.5, 2.5]
    expectTensor(huberLoss(x, y, { reduction: "none" }), [0, 0.125, 1.5, 2.5]);
    // δ = 2: [0, 0.5·0.25, 2(2 − 1), 2(3 − 1)] = [0, 0.125, 2, 4], sum 6.125, mean 1.53125
    expectTensor(huberLoss(x, y, { delta: 2, reduction: "none" }), [0, 0.125, 2, 4]);
    expectTensor(huberLoss(x, y, { delta: 2, reduction: "sum" }), 6.125);
    expectTensor(huberLoss(x, y, { delta: 2 }), 1.53125);
  });

  it("has torch's gradient, clamp(d, −δ, δ)", () => {
    // torch: F.huber_loss(x, y, delta=2.0, reduction='mean') -> grads [0, 0.125, 0.5, -0.5] and negated
    expectGradients(
      (a, b) => huberLoss(a, b, { delta: 2 }),
      [x, y],
      [
        [0, 0.125, 0.5, -0.5],
        [0, -0.125, -0.5, 0.5],
      ],
    );
  });

  it("has torch's gradient at |d| = δ and with a non-zero target", () => {
    // torch: F.huber_loss(x, y, delta=0.5, reduction='none') with d = [0.5, 0.5, −0.5, 0.25, −3]
    //   -> [0.125, 0.125, 0.125, 0.03125, 1.375], grads [0.5, 0.5, −0.5, 0.25, −0.5] and negated
    const none = (a: tf.Tensor, b: tf.Tensor) => huberLoss(a, b, { delta: 0.5, reduction: "none" });
    expectTensor(apply(none, [atBoundary.x, atBoundary.y]), [0.125, 0.125, 0.125, 0.03125, 1.375]);
    expectGradients(
      none,
      [atBoundary.x, atBoundary.y],
      [
        [0.5, 0.5, -0.5, 0.25, -0.5],
        [-0.5, -0.5, 0.5, -0.25, 0.5],
      ],
    );
  });

  it("leaves no tensor behind through its gradient", () => {
    const args = [tf.tensor(atBoundary.x), tf.tensor(atBoundary.y)];
    expectNoLeak(() => {
      const [gx, gy] = tf.grads((a: tf.Tensor, b: tf.Tensor) => huberLoss(a, b, { delta: 0.5 }))(args);
      gy.dispose();
      return gx;
    });
    tf.dispose(args);
  });

  it("equals δ · smoothL1Loss(β = δ) on seeded random data", () => {
    const input = tf.randomNormal([5, 4], 0, 2, "float32", 7);
    const target = tf.randomNormal([5, 4], 0, 2, "float32", 8);
    const huber = huberLoss(input, target, { delta: 0.7, reduction: "none" });
    const scaled = tf.tidy(() => tf.mul(0.7, smoothL1Loss(input, target, { beta: 0.7, reduction: "none" })));
    expectTensor(huber, scaled.arraySync() as number[][]);
    tf.dispose([input, target, scaled]);
  });

  it("refuses a delta that is not positive", () => {
    expectLossInputError(() => huberLoss(x, y, { delta: 0 }), "huberLoss", "delta", /expected a number > 0, got 0/);
    expectLossInputError(() => huberLoss(x, y, { delta: "1" as never }), "huberLoss", "delta", /got "1"/);
    expectLossInputError(
      () => huberLoss([[1, 2]], [[1], [2]]),
      "huberLoss",
      "target",
      /expected shape \[1,2\].*got \[2,1\]/,
    );
    expectNoLeak(
      () => huberLoss(x, y),
      () => huberLoss(x, y, { delta: -1 }),
    );
  });
});

describe("poissonNllLoss", () => {
  it("is exp(x) − y·x for a log-rate input, by default with mean", () => {
    // x = [0, 1], y = [2, 0]: [e⁰ − 0, e¹ − 0] = [1, 2.718282], mean 1.859141
    expectTensor(poissonNllLoss([0, 1], [2, 0], { reduction: "none" }), [1, Math.E]);
    expectTensor(poissonNllLoss([0, 1], [2, 0]), (1 + Math.E) / 2);
    expectTensor(poissonNllLoss([0, 1], [2, 0], { reduction: "sum" }), 1 + Math.E);
  });

  it("is x − y·log(x + eps) for a rate input", () => {
    // x = [1, 2], y = [2, 1]: [1 − 2·log(1 + 1e-8), 2 − log(2 + 1e-8)] ≈ [1, 1.306853]
    expectTensor(poissonNllLoss([1, 2], [2, 1], { logInput: false, reduction: "none" }), [1, 2 - Math.log(2)]);
    // eps = 1: [1 − 2·log 2, 2 − log 3] = [−0.386294, 0.901388]
    expectTensor(poissonNllLoss([1, 2], [2, 1], { logInput: false, eps: 1, reduction: "none" }), [
      1 - 2 * Math.log(2),
      2 - Math.log(3),
    ]);
  });

  it("adds the Stirling term where y > 1 when full, with torch's NaN target gradient at y = 0", () => {
    // y = 2: 2·log 2 − 2 + 0.5·log(4π) = 1.386294 − 2 + 1.265512 = 0.651806, added to e⁰ − 2·0 = 1;
    // y = 3: 3·log 3 − 3 + 0.5·log(6π) = 1.764068, added to e^0.5 − 1.5 = 0.148721; y ∈ {0, 1}: nothing.
    // torch: F.poisson_nll_loss([0, 1, 0.5, -1], [2, 0, 3, 1], full=True, reduction='none')
    const x = [0, 1, 0.5, -1];
    const y = [2, 0, 3, 1];
    const full = (a: tf.Tensor, b: tf.Tensor) => poissonNllLoss(a, b, { full: true, reduction: "none" });
    expectTensor(apply(full, [x, y]), [1.651806484604536, 2.718281828459045, 1.912802814243185, 1.3678794411714423]);
    expectGradients(
      full,
      [x, y],
      [
        [-1.0, 2.718281828459045, -1.3512787292998718, -0.6321205588285577],
        [0.9431471805599453, NaN, 0.7652789553347765, 1.0],
      ],
    );
  });

  it("matches torch with a rate input and full", () => {
    // torch: F.poisson_nll_loss([1, 2, 0.5, 4], [2, 1, 0, 3], log_input=False, full=True, reduction='sum')
    const rate = (a: tf.Tensor, b: tf.Tensor) =>
      poissonNllLoss(a, b, { logInput: false, full: true, reduction: "sum" });
    const [x, y] = [
      [1, 2, 0.5, 4],
      [2, 1, 0, 3],
    ];
    expectTensor(apply(rate, [x, y]), 5.0638577317279765);
    expectGradients(
      rate,
      [x, y],
      [
        [-0.9999999800000003, 0.5000000025, 1.0, 0.25000000187499993],
        [0.9431471705599453, -0.6931471855599453, NaN, -0.12101540828511403],
      ],
    );
  });

  it("refuses bad options and shapes", () => {
    expectLossInputError(
      () => poissonNllLoss([1], [1], { logInput: "yes" as never }),
      "poissonNllLoss",
      "logInput",
      /expected true or false, got "yes"/,
    );
    expectLossInputError(() => poissonNllLoss([1], [1], { full: 1 as never }), "poissonNllLoss", "full", /got 1/);
    expectLossInputError(() => poissonNllLoss([1], [1], { eps: -1 }), "poissonNllLoss", "eps", /≥ 0, got -1/);
    expectLossInputError(
      () => poissonNllLoss([[1, 2]], [[1, 2, 3]]),
      "poissonNllLoss",
      "target",
      /expected shape \[1,2\]/,
    );
    expectNoLeak(
      () => poissonNllLoss([1, 2], [2, 0], { full: true }),
      () => poissonNllLoss([1], [1, 2]),
    );
  });
});

describe("gaussianNllLoss", () => {
  const x = [
    [1, 2],
    [3, 4],
  ];
  const y = [
    [1, 0],
    [3, 3],
  ];

  it("is 0.5(log σ² + d²/σ²) with σ² clamped at eps, and torch's gradients through the clamp", () => {
    // σ² = [[1, 2], [0.5, 1e-8 → 1e-6]], d = [[0, 2], [0, 1]]:
    // [[0.5(0 + 0), 0.5(log 2 + 4/2)], [0.5(log 0.5 + 0), 0.5(log 1e-6 + 1/1e-6)]]
    // = [[0, 1.346574], [−0.346574, 499993.092245]]
    // torch: F.gaussian_nll_loss(x, y, var, reduction='none'); the variance's gradient at the
    // clamped entry is 0.5(1/1e-6 − 1/1e-12), as if the clamp were not there (torch clamps under no_grad)
    const variance = [
      [1, 2],
      [0.5, 1e-8],
    ];
    const none = (a: tf.Tensor, b: tf.Tensor, v: tf.Tensor) => gaussianNllLoss(a, b, v, { reduction: "none" });
    expectTensor(apply(none, [x, y, variance]), [
      [0, 1.3465735902799727],
      [-0.34657359027997264, 499993.092244721],
    ]);
    expectGradients(
      none,
      [x, y, variance],
      [
        [
          [0, 1],
          [0, 1e6],
        ],
        [
          [0, -1],
          [0, -1e6],
        ],
        [
          [0.5, -0.25],
          [1, -499999500000],
        ],
      ],
    );
  });

  it("takes one variance per row, as [N] or [N, 1], and adds 0.5 log 2π when full", () => {
    // σ² = 2 for row 0, 0.5 for row 1: [0.5 log 2, 0.5(log 2 + 2), 0.5 log 0.5, 0.5(log 0.5 + 2)] sums to 2,
    // so the mean is 2/4 + 0.5·log(2π) = 0.5 + 0.918939 = 1.418939
    // torch: F.gaussian_nll_loss(x, y, [2, 0.5], full=True) -> 1.4189385332046727, var grad [0, 0]
    const full = (a: tf.Tensor, b: tf.Tensor, v: tf.Tensor) => gaussianNllLoss(a, b, v, { full: true });
    expectTensor(apply(full, [x, y, [2, 0.5]]), 1.4189385332046727);
    expectTensor(apply(full, [x, y, [[2], [0.5]]]), 1.4189385332046727);
    expectGradients(
      full,
      [x, y, [2, 0.5]],
      [
        [
          [0, 0.25],
          [0, 0.5],
        ],
        [
          [0, -0.25],
          [0, -0.5],
        ],
        [0, 0],
      ],
    );
    // the unreduced loss keeps the input's shape: [[0.5 log 2, 0.5(log 2 + 2)], [0.5 log 0.5, 0.5(log 0.5 + 2)]]
    expectTensor(gaussianNllLoss(x, y, [2, 0.5], { reduction: "none" }), [
      [0.346574, 1.346574],
      [-0.346574, 0.653426],
    ]);
  });

  it("clamps at the eps given", () => {
    // torch: F.gaussian_nll_loss(x, y, [[0], [0.5]], eps=0.25, reduction='sum') -> 6.920558458320164:
    // row 0 uses σ² = 0.25: 0.5 log 0.25 + 0.5(log 0.25 + 16) = 6.613706; row 1: 0.306853
    const sum = (a: tf.Tensor, b: tf.Tensor, v: tf.Tensor) => gaussianNllLoss(a, b, v, { eps: 0.25, reduction: "sum" });
    expectTensor(apply(sum, [x, y, [[0], [0.5]]]), 6.920558458320164);
    expectGradients(
      sum,
      [x, y, [[0], [0.5]]],
      [
        [
          [0, 8],
          [0, 2],
        ],
        [
          [0, -8],
          [0, -2],
        ],
        [[-28], [0]],
      ],
    );
  });

  it("refuses a variance of another shape, a negative variance and bad options", () => {
    expectLossInputError(
      () => gaussianNllLoss(x, y, [1, 2, 3]),
      "gaussianNllLoss",
      "variance",
      /expected shape \[2,2\] \(the shape of input\), \[2,1\] or \[2\], got \[3\]/,
    );
    expectLossInputError(
      () =>
        gaussianNllLoss(x, y, [
          [1, 2],
          [-0.5, 1],
        ]),
      "gaussianNllLoss",
      "variance",
      /non-negative values, got -0.5 at flat index 2/,
    );
    expectLossInputError(
      () => gaussianNllLoss(x, [1, 0], [1, 1]),
      "gaussianNllLoss",
      "target",
      /expected shape \[2,2\]/,
    );
    expectLossInputError(
      () => gaussianNllLoss(x, y, [1, 1], { full: "no" as never }),
      "gaussianNllLoss",
      "full",
      /true or false/,
    );
    expectLossInputError(() => gaussianNllLoss(x, y, [1, 1], { eps: -1 }), "gaussianNllLoss", "eps", /≥ 0/);
    expectNoLeak(
      () => gaussianNllLoss(x, y, [1, 2]),
      () => gaussianNllLoss(x, y, [-1, 2]),
    );
  });
});

describe("empty input", () => {
  it("gives NaN for mean and 0 for sum, as torch", () => {
    for (const loss of [l1Loss, mseLoss, smoothL1Loss, huberLoss, poissonNllLoss]) {
      expectTensor(loss([], [], { reduction: "mean" }), NaN);
      const sum = loss([], [], { reduction: "sum" });
      expect(Array.from(sum.dataSync())).toEqual([0]); // exactly: wasm's plain empty sum is tiny garbage
      sum.dispose();
    }
    expectTensor(
      tf.tidy(() => gaussianNllLoss(tf.zeros([0, 2]), tf.zeros([0, 2]), tf.zeros([0]))),
      NaN,
    );
  });
});
