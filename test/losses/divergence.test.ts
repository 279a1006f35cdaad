import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { entropy, klDiv } from "../../src/losses/divergence";
import { apply, expectGradients, expectLossInputError, expectNoLeak, expectTensor } from "../support";

// Values marked "torch:" come from PyTorch 1.13.1 in float64 (/usr/bin/python3,
// F = torch.nn.functional, tensors made with dtype=torch.float64, requires_grad=True; gradients
// are of out.sum()). The others are by hand, with the arithmetic beside them.

describe("klDiv", () => {
  // prediction q = [[0.5, 0.5], [0.25, 0.75]] given as log q; target p = [[1, 0], [0.5, 0.5]]
  const logQ = [
    [Math.log(0.5), Math.log(0.5)],
    [Math.log(0.25), Math.log(0.75)],
  ];
  const p = [
    [1, 0],
    [0.5, 0.5],
  ];
  // p (log p − log q): [[1·(0 + 0.693147), 0 (p = 0)], [0.5(−0.693147 + 1.386294), 0.5(−0.693147 + 0.287682)]]
  //                  = [[0.693147, 0], [0.346574, −0.202733]], sum 0.836988
  const pointwise = [
    [0.6931471805599453, 0],
    [0.34657359027997264, -0.2027325540540822],
  ];
  const sum = 0.8369882167858357;

  it("is p (log p − x) pointwise, 0 where p = 0", () => {
    expectTensor(klDiv(logQ, p, { reduction: "none" }), pointwise);
  });

  it("divides by the element count for mean (the default), by the batch size for batchmean", () => {
    expectTensor(klDiv(logQ, p, { reduction: "sum" }), sum);
    expectTensor(klDiv(logQ, p), sum / 4);
    expectTensor(klDiv(logQ, p, { reduction: "mean" }), sum / 4);
    expectTensor(klDiv(logQ, p, { reduction: "batchmean" }), sum / 2);
  });

  it("divides batchmean by shape[0] only, and not at all for a 0-d input", () => {
    // the same two rows as a [2, 1, 2] tensor: still / 2, where mean would divide by 4
    expectTensor(klDiv([[logQ[0]], [logQ[1]]], [[p[0]], [p[1]]], { reduction: "batchmean" }), sum / 2);
    // 1·(log 1 − log 0.5) = 0.693147
    expectTensor(klDiv(Math.log(0.5), 1, { reduction: "batchmean" }), Math.log(2));
  });

  it("differentiates input and target as torch, NaN for the target where p = 0", () => {
    // torch: F.kl_div(log_q, p, reduction=r): d/dx = −p / n, d/dp = (log p + 1 − x) / n
    const batchmean = (x: tf.Tensor, y: tf.Tensor) => klDiv(x, y, { reduction: "batchmean" });
    expectGradients(
      batchmean,
      [logQ, p],
      [
        [
          [-0.5, 0],
          [-0.25, -0.25],
        ],
        [
          [0.8465735902799727, NaN],
          [0.8465735902799727, 0.2972674459459178],
        ],
      ],
    );
    const none = (x: tf.Tensor, y: tf.Tensor) => klDiv(x, y, { reduction: "none" });
    expectGradients(
      none,
      [logQ, p],
      [
        [
          [-1, 0],
          [-0.5, -0.5],
        ],
        [
          [1.6931471805599454, NaN],
          [1.6931471805599454, 0.5945348918918356],
        ],
      ],
    );
  });

  it("takes log-probability targets with logTarget: exp(t)(t − x)", () => {
    // t = log [0.5, 0.5] against row 1: the same pointwise values as p = [0.5, 0.5]
    // torch: F.kl_div(log_q[1:], log([[0.5, 0.5]]), reduction='none', log_target=True)
    const logTarget = (x: tf.Tensor, t: tf.Tensor) => klDiv(x, t, { logTarget: true, reduction: "none" });
    const logP = [[Math.log(0.5), Math.log(0.5)]];
    expectTensor(apply(logTarget, [[logQ[1]], logP]), [pointwise[1]]);
    expectGradients(logTarget, [[logQ[1]], logP], [[[-0.5, -0.5]], [[0.8465735902799727, 0.2972674459459178]]]);
    expectTensor(
      klDiv([logQ[1]], logP, { logTarget: true, reduction: "batchmean" }),
      pointwise[1][0] + pointwise[1][1],
    );
  });

  it("refuses integer tensors, shape mismatches and bad options", () => {
    const intTarget = tf.tensor2d(
      [
        [1, 0],
        [0, 1],
      ],
      undefined,
      "int32",
    );
    expectLossInputError(
      () => klDiv(logQ, intTarget),
      "klDiv",
      "target",
      /expected a float32 tensor of probabilities, got dtype int32/,
    );
    intTarget.dispose();
    expectLossInputError(
      () =>
        klDiv(logQ, [
          [1, 0, 0],
          [0, 1, 0],
        ]),
      "klDiv",
      "target",
      /expected shape \[2,2\].*got \[2,3\]/,
    );
    expectLossInputError(() => klDiv(logQ, [1, 0]), "klDiv", "target", /expected shape \[2,2\].*got \[2\]/);
    expectLossInputError(
      () => klDiv(logQ, p, { reduction: "avg" as never }),
      "klDiv",
      "reduction",
      /"batchmean", got "avg"/,
    );
    expectLossInputError(() => klDiv(logQ, p, { logTarget: 1 as never }), "klDiv", "logTarget", /true or false, got 1/);
  });

  it("gives NaN for the means of an empty batch, as torch", () => {
    expectTensor(
      tf.tidy(() => klDiv(tf.zeros([0, 3]), tf.zeros([0, 3]))),
      NaN,
    );
    expectTensor(
      tf.tidy(() => klDiv(tf.zeros([0, 3]), tf.zeros([0, 3]), { reduction: "batchmean" })),
      NaN,
    );
    const sum = tf.tidy(() => klDiv(tf.zeros([0, 3]), tf.zeros([0, 3]), { reduction: "sum" }));
    expect(Array.from(sum.dataSync())).toEqual([0]); // exactly: wasm's plain empty sum is tiny garbage
    sum.dispose();
  });

  it("leaves no tensor behind", () => {
    expectNoLeak(
      () => klDiv(logQ, p, { reduction: "batchmean" }),
      () => klDiv(logQ, [1]),
    );
    expectNoLeak(() => klDiv(logQ, p, { logTarget: true }));
  });
});

describe("entropy", () => {
  it("is −Σ p log p in nats along the last axis, with 0 log 0 = 0", () => {
    // [0.5, 0.5, 0]: −2·0.5·log 0.5 = log 2 = 0.693147
    // [0.2, 0.3, 0.5]: 0.2·1.609438 + 0.3·1.203973 + 0.5·0.693147 = 0.321888 + 0.361192 + 0.346574 = 1.029653
    // (torch.distributions.Categorical(probs=[0.2, 0.3, 0.5]).entropy() = 1.0296530140645737)
    expectTensor(
      entropy([
        [0.5, 0.5, 0],
        [0.2, 0.3, 0.5],
      ]),
      [Math.log(2), 1.0296530140645737],
    );
    expectTensor(entropy([0.25, 0.25, 0.25, 0.25]), Math.log(4));
    expectTensor(entropy([[[1, 0]], [[0, 1]]]), [[0], [0]]);
  });

  it("has torch.special.entr's gradient −(log p + 1), +∞ at p = 0", () => {
    // torch: torch.special.entr(p).sum(-1) for p = [[0.5, 0.5, 0], [0.2, 0.3, 0.5]]
    expectGradients(
      (q) => entropy(q),
      [
        [
          [0.5, 0.5, 0],
          [0.2, 0.3, 0.5],
        ],
      ],
      [
        [
          [-0.3068528194400547, -0.3068528194400547, Infinity],
          [0.6094379124341003, 0.20397280432593612, -0.3068528194400547],
        ],
      ],
    );
  });

  it("refuses a 0-d tensor, values outside [0, 1], and rows that do not sum to 1", () => {
    expectLossInputError(() => entropy(1), "entropy", "probs", /rank ≥ 1.*got rank 0/);
    expectLossInputError(
      () => entropy([1.5, -0.5]),
      "entropy",
      "probs",
      /probabilities in \[0, 1\], got 1.5 at flat index 0/,
    );
    expectLossInputError(
      () =>
        entropy([
          [0.5, 0.5],
          [0.5, 0.4],
        ]),
      "entropy",
      "probs",
      /sum to 1, got 0.9 for distribution 1$/,
    );
  });

  it("accepts float32 softmax outputs and leaves no tensor behind", () => {
    const logits = tf.randomNormal([4, 10], 0, 3, "float32", 11);
    const probs = tf.softmax(logits);
    const h = entropy(probs);
    expect(h.shape).toEqual([4]);
    h.dataSync().forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
    h.dataSync().forEach((v) => expect(v).toBeLessThanOrEqual(Math.log(10) + 1e-6));
    h.dispose();
    expectNoLeak(
      () => entropy(probs),
      () => entropy([0.3, 0.3]),
    );
    tf.dispose([logits, probs]);
  });
});
