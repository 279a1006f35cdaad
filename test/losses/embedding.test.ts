import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import {
  contrastiveLoss,
  cosineEmbeddingLoss,
  hingeEmbeddingLoss,
  infoNce,
  marginRankingLoss,
  ntXent,
  tripletMarginLoss,
} from "../../src/losses/embedding";
import { apply, expectGradients, expectLossInputError, expectNoLeak, expectTensor, type Expected } from "../support";

// Values marked "torch:" come from PyTorch 1.13.1 in float64 (/usr/bin/python3,
// F = torch.nn.functional, tensors made with dtype=torch.float64, requires_grad=True; gradients
// are of out.sum()). The others are by hand, with the arithmetic beside them.

describe("marginRankingLoss", () => {
  const x1 = [1, 2, 0.5];
  const x2 = [1, 1, 1];
  const y = [1, -1, 1];

  it("is max(0, −y(x1 − x2) + margin) under every reduction, margin 0 and mean by default", () => {
    // −y(x1 − x2) = [−0, 1, 0.5]
    expectTensor(marginRankingLoss(x1, x2, y, { reduction: "none" }), [0, 1, 0.5]);
    expectTensor(marginRankingLoss(x1, x2, y), 0.5);
    expectTensor(marginRankingLoss(x1, x2, y, { reduction: "sum" }), 1.5);
    expectTensor(marginRankingLoss(x1, x2, y, { margin: 0.5, reduction: "none" }), [0.5, 1.5, 1]);
  });

  it("differentiates both inputs and the target, with the gradient flowing at the hinge as torch's", () => {
    // torch: F.margin_ranking_loss(x1, x2, y, reduction='sum'); element 0 sits exactly on the hinge
    const sum = (a: tf.Tensor, b: tf.Tensor, t: tf.Tensor) => marginRankingLoss(a, b, t, { reduction: "sum" });
    expectGradients(
      sum,
      [x1, x2, y],
      [
        [-1, 1, -1],
        [1, -1, 1],
        [0, -1, 0.5],
      ],
    );
  });

  it("refuses differing shapes, targets other than ±1 and a bad margin", () => {
    const fn = "marginRankingLoss";
    expectLossInputError(
      () => marginRankingLoss(x1, [1, 1, 1, 1], y),
      fn,
      "input2",
      /expected shape \[3\] \(the shape of input1\), got \[4\]/,
    );
    expectLossInputError(() => marginRankingLoss(x1, [[1], [1], [1]], y), fn, "input2", /got \[3,1\]/);
    expectLossInputError(() => marginRankingLoss(x1, x2, [1, -1]), fn, "target", /expected shape \[3\]/);
    expectLossInputError(
      () => marginRankingLoss(x1, x2, [1, 0, 1]),
      fn,
      "target",
      /expected -1 or 1, got 0 at flat index 1/,
    );
    expectLossInputError(() => marginRankingLoss(x1, x2, y, { margin: Infinity }), fn, "margin", /finite number/);
    expectNoLeak(
      () => marginRankingLoss(x1, x2, y),
      () => marginRankingLoss(x1, x2, [2, 1, 1]),
    );
  });
});

describe("hingeEmbeddingLoss", () => {
  const x = [0.3, 0.3, 2, 1];
  const y = [1, -1, -1, -1];

  it("is x where y = 1 and max(0, margin − x) where y = −1, margin 1 by default", () => {
    // [0.3, 1 − 0.3, max(0, 1 − 2), max(0, 1 − 1)] = [0.3, 0.7, 0, 0]
    expectTensor(hingeEmbeddingLoss(x, y, { reduction: "none" }), [0.3, 0.7, 0, 0]);
    expectTensor(hingeEmbeddingLoss(x, y, { reduction: "sum" }), 1);
    // margin 2: [0.3, 1.7, 0, 1], mean 0.75
    expectTensor(hingeEmbeddingLoss(x, y, { margin: 2 }), 0.75);
  });

  it("has torch's gradient, −1 at the hinge x = margin", () => {
    // torch: F.hinge_embedding_loss(x, y, reduction='none') -> grad [1, -1, 0, -1]; the target has none
    const none = (a: tf.Tensor) => hingeEmbeddingLoss(a, y, { reduction: "none" });
    expectGradients(none, [x], [[1, -1, 0, -1]]);
  });

  it("refuses 0/1 targets and shape mismatches", () => {
    expectLossInputError(
      () => hingeEmbeddingLoss(x, [1, 0, 0, 1]),
      "hingeEmbeddingLoss",
      "target",
      /-1 or 1, got 0 at flat index 1/,
    );
    expectLossInputError(
      () => hingeEmbeddingLoss(x, [1, -1, 1]),
      "hingeEmbeddingLoss",
      "target",
      /expected shape \[4\].*got \[3\]/,
    );
    expectLossInputError(
      () => hingeEmbeddingLoss(x, y, { margin: "1" as never }),
      "hingeEmbeddingLoss",
      "margin",
      /got "1"/,
    );
    expectNoLeak(
      () => hingeEmbeddingLoss(x, y),
      () => hingeEmbeddingLoss(x, [1]),
    );
  });
});

describe("cosineEmbeddingLoss", () => {
  // rows: cos([3, 4], [4, 3]) = 24/25 = 0.96; cos([1, 1], [−1, 2]) = 1/√10 = 0.316228;
  // cos([0, 0], [1, 2]) = 0 (the 1e-12 in each squared norm keeps 0/0 away)
  const x1 = [
    [3, 4],
    [1, 1],
    [0, 0],
  ];
  const x2 = [
    [4, 3],
    [-1, 2],
    [1, 2],
  ];
  const y = [1, -1, 1];

  it("is 1 − cos for y = 1 and max(0, cos − margin) for y = −1, margin 0 by default", () => {
    // [1 − 0.96, 0.316228 − 0, 1 − 0] = [0.04, 0.316228, 1]
    expectTensor(cosineEmbeddingLoss(x1, x2, y, { reduction: "none" }), [0.04, 1 / Math.sqrt(10), 1]);
    expectTensor(cosineEmbeddingLoss(x1, x2, y, { reduction: "sum" }), 1.04 + 1 / Math.sqrt(10));
    // margin 0.25: [0.04, 0.066228, 1], mean 0.368743 (torch: 0.36874258867225523)
    expectTensor(cosineEmbeddingLoss(x1, x2, y, { margin: 0.25 }), 0.36874258867225523);
  });

  it("takes a single pair as [D] inputs with a 0-d target", () => {
    expectTensor(cosineEmbeddingLoss([3, 4], [4, 3], 1, { reduction: "none" }), 0.04);
    expectTensor(cosineEmbeddingLoss([3, 4], [4, 3], -1, { margin: 0.5 }), 0.46);
  });

  it("has torch's gradients, a zero vector included", () => {
    // torch: F.cosine_embedding_loss(x1, x2, y, reduction='none'); the target has none
    const none = (a: tf.Tensor, b: tf.Tensor) => cosineEmbeddingLoss(a, b, y, { reduction: "none" });
    expectGradients(
      none,
      [x1, x2],
      [
        [
          [-0.04480000000000284, 0.0335999999999925],
          [-0.47434164902501186, 0.47434164902516995],
          [-447213.5963934019, -894427.1927868038],
        ],
        [
          [0.0335999999999925, -0.04480000000000284],
          [0.37947331922006006, 0.18973665961006164],
          [0, 0],
        ],
      ],
    );
  });

  it("refuses targets of rank > 1, inputs of the wrong rank or shape, and targets other than ±1", () => {
    const fn = "cosineEmbeddingLoss";
    expectLossInputError(() => cosineEmbeddingLoss([x1], [x2], [y]), fn, "target", /rank one of 0, 1, got rank 2/);
    expectLossInputError(() => cosineEmbeddingLoss([x1], [x2], y), fn, "input1", /rank 2, got rank 3/);
    expectLossInputError(
      () =>
        cosineEmbeddingLoss(
          x1,
          [
            [4, 3, 0],
            [-1, 2, 0],
            [1, 2, 0],
          ],
          y,
        ),
      fn,
      "input2",
      /expected shape \[3,2\].*got \[3,3\]/,
    );
    expectLossInputError(() => cosineEmbeddingLoss(x1, x2, [1, -1]), fn, "target", /expected shape \[3\], got \[2\]/);
    expectLossInputError(() => cosineEmbeddingLoss(x1, x2, [1, 0, 1]), fn, "target", /-1 or 1, got 0/);
    expectNoLeak(
      () => cosineEmbeddingLoss(x1, x2, y),
      () => cosineEmbeddingLoss(x1, x2, [1, 1]),
    );
  });
});

describe("tripletMarginLoss", () => {
  // row 0: the negative [6, 8] is twice as far from the anchor as the positive [3, 4], but the
  // positive is as near to the negative as the anchor is, so swap changes the answer:
  //   p = 2: d(a,p) = 5, d(a,n) = 10, d(p,n) = 5 → no swap max(0, 1 + 5 − 10) = 0, swap 1 + 5 − 5 = 1
  // row 1: d(a,p) = ‖(0, −1) + eps‖ ≈ 1, d(a,n) = ‖(1, 0) + eps‖ ≈ 1 → 1 + 1 − 1 ≈ 0.999998 (eps = 1e-6)
  const anchor = [
    [0, 0],
    [1, -1],
  ];
  const positive = [
    [3, 4],
    [1, 0],
  ];
  const negative = [
    [6, 8],
    [0, -1],
  ];

  // torch: F.triplet_margin_loss(anchor, positive, negative, p=p, swap=swap, reduction='none')
  const cases: { p: number; swap: boolean; output: Expected; grads: Expected[] }[] = [
    {
      p: 1,
      swap: false,
      output: [0, 0.9999980000000002],
      grads: [
        [
          [0, 0],
          [0, -2],
        ],
        [
          [0, 0],
          [-1, 1],
        ],
        [
          [0, 0],
          [1, 1],
        ],
      ],
    },
    {
      p: 1,
      swap: true,
      output: [1, 0.9999980000000002],
      grads: [
        [
          [-1, -1],
          [0, -2],
        ],
        [
          [2, 2],
          [-1, 1],
        ],
        [
          [-1, -1],
          [1, 1],
        ],
      ],
    },
    {
      p: 2,
      swap: false,
      output: [0, 0.9999979999999999],
      grads: [
        [
          [0, 0],
          [-0.9999989999985, -1.0000009999985],
        ],
        [
          [0, 0],
          [-1.0000010000005002e-6, 0.9999999999995001],
        ],
        [
          [0, 0],
          [0.9999999999995, 9.999990000004999e-7],
        ],
      ],
    },
    {
      p: 2,
      swap: true,
      output: [1, 0.9999979999999999],
      grads: [
        [
          [-0.5999999679999906, -0.800000024000006],
          [-0.9999989999985, -1.0000009999985],
        ],
        [
          [1.1999999359999811, 1.600000048000012],
          [-1.0000010000005002e-6, 0.9999999999995001],
        ],
        [
          [-0.5999999679999906, -0.800000024000006],
          [0.9999999999995, 9.999990000004999e-7],
        ],
      ],
    },
    {
      p: 3,
      swap: true,
      output: [1, 0.9999979999999999],
      grads: [
        [
          [-0.44485129958677344, -0.7908468866287724],
          [-0.999999999999, -1.000000000001],
        ],
        [
          [0.8897025991735469, 1.581693773257545],
          [0, 1],
        ],
        [
          [-0.44485129958677344, -0.7908468866287724],
          [1, 0],
        ],
      ],
    },
  ];

  for (const { p, swap, output, grads } of cases) {
    it(`matches torch for p = ${p}, swap = ${swap}, values and gradients`, () => {
      const none = (a: tf.Tensor, q: tf.Tensor, n: tf.Tensor) =>
        tripletMarginLoss(a, q, n, { p, swap, reduction: "none" });
      expectTensor(apply(none, [anchor, positive, negative]), output);
      expectGradients(none, [anchor, positive, negative], grads);
    });
  }

  it("defaults to margin 1, p 2, no swap and mean, and takes margin and eps", () => {
    expectTensor(tripletMarginLoss(anchor, positive, negative), 0.9999979999999999 / 2);
    expectTensor(tripletMarginLoss(anchor, positive, negative, { reduction: "sum" }), 0.9999979999999999);
    // eps = 0, margin = 2: [max(0, 2 + 5 − 10), 2 + 1 − 1] = [0, 2], mean 1
    expectTensor(tripletMarginLoss(anchor, positive, negative, { eps: 0, margin: 2 }), 1);
  });

  it("splits the gradient of a swap tie in half, as torch's min", () => {
    // a = p = n: all three distances equal ‖(1e-6, 1e-6)‖; torch: ... swap=True, reduction='sum'
    const sum = (a: tf.Tensor, q: tf.Tensor, n: tf.Tensor) =>
      tripletMarginLoss(a, q, n, { swap: true, reduction: "sum" });
    const point = [[1, 2]];
    expectGradients(
      sum,
      [point, point, point],
      [
        [[0.3535533905932738, 0.3535533905932738]],
        [[-1.0606601717798214, -1.0606601717798214]],
        [[0.7071067811865476, 0.7071067811865476]],
      ],
    );
  });

  it("takes single [D] vectors", () => {
    // torch: F.triplet_margin_loss([0, 0], [3, 4], [1, 0], reduction='none') -> 4.999999599999504 (1 + 5 − 1)
    expectTensor(tripletMarginLoss([0, 0], [3, 4], [1, 0], { reduction: "none" }), 4.999999599999504);
  });

  it("refuses differing shapes, 0-d inputs and bad options", () => {
    const fn = "tripletMarginLoss";
    expectLossInputError(
      () =>
        tripletMarginLoss(
          anchor,
          [
            [3, 4, 0],
            [1, 0, 0],
          ],
          negative,
        ),
      fn,
      "positive",
      /expected shape \[2,2\] \(the shape of anchor\), got \[2,3\]/,
    );
    expectLossInputError(() => tripletMarginLoss(anchor, positive, [1, 2]), fn, "negative", /got \[2\]/);
    expectLossInputError(() => tripletMarginLoss(1, 2, 3), fn, "anchor", /rank ≥ 1/);
    expectLossInputError(() => tripletMarginLoss(anchor, positive, negative, { p: 0 }), fn, "p", /> 0, got 0/);
    expectLossInputError(() => tripletMarginLoss(anchor, positive, negative, { eps: -1e-6 }), fn, "eps", /≥ 0/);
    expectLossInputError(
      () => tripletMarginLoss(anchor, positive, negative, { swap: "yes" as never }),
      fn,
      "swap",
      /true or false/,
    );
    expectLossInputError(
      () => tripletMarginLoss(anchor, positive, negative, { margin: NaN }),
      fn,
      "margin",
      /finite number/,
    );
    expectNoLeak(
      () => tripletMarginLoss(anchor, positive, negative, { swap: true, p: 3 }),
      () => tripletMarginLoss(anchor, positive, [1]),
    );
  });
});

describe("contrastiveLoss", () => {
  // d = ‖x1 − x2 + 1e-6‖₂ ≈ [5, 0.5, 5]; label 0 costs d², label 1 costs max(0, margin − d)²
  const x1 = [
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  const x2 = [
    [3, 4],
    [0.3, 0.4],
    [3, 4],
  ];
  const label = [0, 1, 1];

  it("pulls similar pairs together and pushes dissimilar ones past the margin, margin 1 by default", () => {
    // ≈ [5², (1 − 0.5)², max(0, 1 − 5)²] = [25, 0.25, 0]; eps shifts them slightly
    // torch: d = F.pairwise_distance(x1, x2); (1 - label) * d**2 + label * torch.clamp(margin - d, min=0)**2
    expectTensor(contrastiveLoss(x1, x2, label, { reduction: "none" }), [24.999986000002, 0.25000140000191995, 0]);
    expectTensor(contrastiveLoss(x1, x2, label, { reduction: "sum" }), 24.999986000002 + 0.25000140000191995);
    // margin 6: ≈ [25, (6 − 0.5)², (6 − 5)²] = [25, 30.25, 1], mean 18.75
    expectTensor(contrastiveLoss(x1, x2, label, { margin: 6 }), 18.75000140000182);
  });

  it("differentiates both inputs and the label as torch autograd does", () => {
    // the same torch expression, .mean() with margin=6.0, out.backward()
    const mean = (a: tf.Tensor, b: tf.Tensor, l: tf.Tensor) => contrastiveLoss(a, b, l, { margin: 6 });
    expectGradients(
      mean,
      [x1, x2, label],
      [
        [
          [-1.9999993333333332, -2.6666659999999998],
          [2.19999938666289, 2.9333349600024317],
          [0.4000005386666289, 0.5333340960000242],
        ],
        [
          [1.9999993333333332, 2.6666659999999998],
          [-2.19999938666289, -2.9333349600024317],
          [-0.4000005386666289, -0.5333340960000242],
        ],
        [-7.999994400000015, 10.000005599999838, -7.999994400000015],
      ],
    );
  });

  it("refuses labels other than 0/1, mismatched shapes and a negative margin", () => {
    const fn = "contrastiveLoss";
    expectLossInputError(
      () => contrastiveLoss(x1, x2, [0, -1, 1]),
      fn,
      "label",
      /expected 0 or 1, got -1 at flat index 1/,
    );
    expectLossInputError(
      () => contrastiveLoss(x1, x2, [[0], [1], [1]]),
      fn,
      "label",
      /expected shape \[3\], got \[3,1\]/,
    );
    expectLossInputError(
      () =>
        contrastiveLoss(
          x1,
          [
            [3, 4],
            [0.3, 0.4],
          ],
          label,
        ),
      fn,
      "x2",
      /expected shape \[3,2\] \(the shape of x1\), got \[2,2\]/,
    );
    expectLossInputError(() => contrastiveLoss(0, 1, 1), fn, "x1", /rank ≥ 1/);
    expectLossInputError(() => contrastiveLoss(x1, x2, label, { margin: -1 }), fn, "margin", /≥ 0, got -1/);
    expectNoLeak(
      () => contrastiveLoss(x1, x2, label),
      () => contrastiveLoss(x1, x2, [0, 1]),
    );
  });
});

describe("vectors of length 0", () => {
  it("have distance 0 and cosine 0 on every backend, as torch", () => {
    // torch: F.triplet_margin_loss(torch.zeros(2, 0), ..., reduction='none') -> [1, 1] (margin + 0 − 0);
    // F.cosine_embedding_loss(torch.zeros(2, 0), torch.zeros(2, 0), [1, -1], reduction='none') -> [1, 0]
    // Compared exactly: wasm's plain sum over an empty axis returns tiny garbage such as 3.6e-41.
    const exactly = (loss: () => tf.Tensor) => Array.from(tf.tidy(loss).dataSync());
    const empty = () => tf.zeros([2, 0]);
    expect(exactly(() => tripletMarginLoss(empty(), empty(), empty(), { reduction: "none" }))).toEqual([1, 1]);
    expect(exactly(() => cosineEmbeddingLoss(empty(), empty(), [1, -1], { reduction: "none" }))).toEqual([1, 0]);
    // label 0: d² = 0; label 1: max(0, 2 − 0)² = 4
    expect(exactly(() => contrastiveLoss(empty(), empty(), [0, 1], { margin: 2, reduction: "none" }))).toEqual([0, 4]);
  });
});

// Values marked "torch:" come from PyTorch 2.13 in float64: the references info_nce and nt_xent of
// test/fixtures/generate.py (F.normalize, F.cross_entropy), gradients of out.sum().

const q = [
  [1, 2],
  [-1, 0.5],
  [0.5, -1.5],
];
const k = [
  [0.5, 1.5],
  [-2, 1],
  [1, 1],
];

describe("infoNce", () => {
  it("by hand: orthogonal unit pairs give −log(e^(1/τ) / (e^(1/τ) + e^0)) for each query", () => {
    const eye = [
      [1, 0],
      [0, 1],
    ];
    expectTensor(infoNce(eye, eye, { temperature: 1 }), -Math.log(Math.E / (Math.E + 1)));
    expectTensor(
      infoNce(eye, eye, { temperature: 0.5, reduction: "none" }),
      [1, 1].map(() => Math.log1p(Math.exp(-2))),
    );
    // Lengths do not matter: cosines only.
    expectTensor(
      infoNce(
        [
          [3, 0],
          [0, 0.5],
        ],
        [
          [2, 0],
          [0, 7],
        ],
        { temperature: 1 },
      ),
      -Math.log(Math.E / (Math.E + 1)),
    );
  });

  it("with in-batch negatives matches torch, values and gradients", () => {
    // torch: info_nce(q, k, temperature=0.5, reduction="none")
    const none = [0.7221547614367426, 0.22432492847701363, 0.7364332696363773];
    expectTensor(infoNce(q, k, { temperature: 0.5, reduction: "none" }), none);
    expectTensor(infoNce(q, k, { temperature: 0.5 }), 0.5609709865167112);
    expectTensor(infoNce(q, k, { temperature: 0.5, reduction: "sum" }), none[0] + none[1] + none[2]);
    expectGradients(
      (a, b) => infoNce(a, b, { temperature: 0.5, reduction: "sum" }),
      [q, k],
      [
        [
          [0.11767246631873057, -0.0588362331593653],
          [0.1572432516264035, 0.31448650325280686],
          [-0.6307443985231458, -0.2102481328410486],
        ],
        [
          [-0.08749145444365325, 0.02916381814788438],
          [-0.0537062920264707, -0.10741258405294143],
          [-0.6620897040981512, 0.6620897040981515],
        ],
      ],
    );
  });

  it("with shared negatives [M, D] matches torch and differentiates the negatives; per query [N, M, D] agrees", () => {
    const n = [
      [1, 0],
      [0, -1],
    ];
    // torch: info_nce(q, k, negative_keys=n, temperature=0.5, reduction="none")
    const none = [0.3080898263956996, 0.07506314178293735, 3.087128156821817];
    expectTensor(infoNce(q, k, { negativeKeys: n, temperature: 0.5, reduction: "none" }), none);
    expectTensor(infoNce(q, k, { negativeKeys: [n, n, n], temperature: 0.5, reduction: "none" }), none);
    expectGradients(
      (a, b, c) => infoNce(a, b, { negativeKeys: c, temperature: 0.5, reduction: "sum" }),
      [q, k, n],
      [
        [
          [0.213656644312389, -0.10682832215619453],
          [-0.029220329062322137, -0.05844065812464426],
          [-1.0676053787942916, -0.35586845959809743],
        ],
        [
          [-0.04499756487278728, 0.01499918829092911],
          [0, 0],
          [-0.8536119589414963, 0.8536119589414963],
        ],
        [
          [0, 0.06413815474116225],
          [0.39407507203685305, 0],
        ],
      ],
    );
  });

  it("refuses wrong shapes, a temperature ≤ 0 and unknown options", () => {
    const fn = "infoNce";
    expectLossInputError(() => infoNce(q, [[1, 2]]), fn, "positiveKey", /expected shape \[3,2\]/);
    expectLossInputError(() => infoNce([1, 2], [1, 2]), fn, "query", /rank 2, got rank 1/);
    expectLossInputError(() => infoNce(q, k, { negativeKeys: [[1, 2, 3]] }), fn, "negativeKeys", /\[M, 2\]/);
    expectLossInputError(
      () => infoNce(q, k, { negativeKeys: [[[1, 2]], [[1, 2]]] }),
      fn,
      "negativeKeys",
      /\[3, M, 2\]/,
    );
    expectLossInputError(() => infoNce(q, k, { temperature: 0 }), fn, "temperature", /> 0, got 0/);
    expectLossInputError(() => infoNce(q, k, { tau: 1 } as object), fn, "options.tau", /unknown option/);
  });

  it("leaves no tensor behind, on success and on error", () => {
    expectNoLeak(
      () => infoNce(q, k, { negativeKeys: [[1, 0]] }),
      () => infoNce(q, [[1, 2]]),
    );
  });
});

describe("ntXent", () => {
  it("by hand: orthogonal twins give −log(e^(1/τ) / (e^(1/τ) + 2)) for each of the 2N views", () => {
    const eye = [
      [1, 0],
      [0, 1],
    ];
    expectTensor(ntXent(eye, eye, { temperature: 1 }), -Math.log(Math.E / (Math.E + 2)));
  });

  it("matches torch, values over the 2N views and gradients of both views", () => {
    // torch: nt_xent(q, k, temperature=0.5, reduction="none")
    const none = [
      0.8022339865405711, 0.3504562524978472, 1.187162803602018, 0.7976956583652411, 0.3504562524978472,
      3.5421836201338386,
    ];
    expectTensor(ntXent(q, k, { reduction: "none" }), none);
    expectTensor(ntXent(q, k), none.reduce((a, b) => a + b) / 6);
    expectGradients(
      (a, b) => ntXent(a, b, { reduction: "sum" }),
      [q, k],
      [
        [
          [0.2080547086307365, -0.1040273543153683],
          [0.2425615509560355, 0.4851231019120707],
          [-1.8510836527497012, -0.6170278842499004],
        ],
        [
          [-0.13894988355944907, 0.046316627853149606],
          [0.12128077547801774, 0.24256155095603538],
          [-2.293250404170386, 2.293250404170387],
        ],
      ],
    );
  });

  it("refuses differing views, a temperature ≤ 0 and unknown options", () => {
    const fn = "ntXent";
    expectLossInputError(() => ntXent(q, [[1, 2]]), fn, "z2", /expected shape \[3,2\]/);
    expectLossInputError(() => ntXent(q, k, { temperature: -1 }), fn, "temperature", /> 0/);
    expectLossInputError(() => ntXent(q, k, { negativeKeys: k } as object), fn, "options.negativeKeys", /unknown/);
  });

  it("leaves no tensor behind, on success and on error", () => {
    expectNoLeak(
      () => ntXent(q, k),
      () => ntXent(q, [[1, 2]]),
    );
    const z = tf.tensor(q);
    expectNoLeak(() => tf.tidy(() => tf.grad((x: tf.Tensor) => ntXent(x, k))(z)));
    z.dispose();
  });
});
