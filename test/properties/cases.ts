// One small call of every public loss: the table the leak test and the gradient-argument
// property iterate over. A new loss gets a row here (the leak test fails until it has one).
import * as tf from "@tensorflow/tfjs-core";
import type { TensorLike } from "../../src/core/tensor";
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  multilabelSoftMarginLoss,
  softMarginLoss,
} from "../../src/losses/binary";
import { multiMarginLoss, multilabelMarginLoss } from "../../src/losses/margin";
import { crossEntropy, nllLoss } from "../../src/losses/softmax";
import { l1Penalty, l2Penalty, weightedSum } from "../../src/losses/composite";
import { entropy, klDiv } from "../../src/losses/divergence";
import {
  contrastiveLoss,
  cosineEmbeddingLoss,
  hingeEmbeddingLoss,
  marginRankingLoss,
  tripletMarginLoss,
} from "../../src/losses/embedding";
import { gaussianNllLoss, huberLoss, l1Loss, mseLoss, poissonNllLoss, smoothL1Loss } from "../../src/losses/regression";
import { infoNce, ntXent } from "../../src/losses/embedding";
import { sigmoidFocalLoss } from "../../src/losses/binary";
import { policyGradientLoss } from "../../src/losses/policy";
import { ctcLoss } from "../../src/losses/sequence";

type Nested = number | Nested[];

export interface LossCase {
  /** The exported function this row calls. */
  loss: string;
  /** What distinguishes the row, when a loss has several. */
  variant?: string;
  /** Its arguments, as plain arrays. */
  args: Nested[];
  /** Indices of the arguments PyTorch differentiates (floating inputs, and targets where it does). */
  differentiable: number[];
  /** Indices of the class-index arguments, which as tensors are int32. */
  integer?: number[];
  /** The call, options included. */
  call: (...args: TensorLike[]) => tf.Tensor;
}

/** Argument i of a row as a tensor made by the caller: int32 for class indices, else float32. */
export function argumentTensor(lossCase: LossCase, i: number): tf.Tensor {
  return tf.tensor(lossCase.args[i] as number[], undefined, lossCase.integer?.includes(i) ? "int32" : "float32");
}

/** "crossEntropy (class probabilities)": how a row is named in test titles. */
export function caseName({ loss, variant }: LossCase): string {
  return variant === undefined ? loss : `${loss} (${variant})`;
}

const x = [
  [0.5, -1.5, 2],
  [1, 0.25, -0.75],
];
const y = [
  [0.25, -1, 1.5],
  [0, 0.5, -0.5],
];
const probabilities = [
  [0.2, 0.3, 0.5],
  [0.6, 0.1, 0.3],
];
const classes = [2, 0];
const bits = [
  [1, 0, 1],
  [0, 0, 1],
];
const signs = [
  [1, -1, 1],
  [-1, -1, 1],
];

export const LOSS_CASES: readonly LossCase[] = [
  { loss: "l1Loss", args: [x, y], differentiable: [0, 1], call: (a, b) => l1Loss(a, b) },
  { loss: "mseLoss", args: [x, y], differentiable: [0, 1], call: (a, b) => mseLoss(a, b, { reduction: "sum" }) },
  { loss: "smoothL1Loss", args: [x, y], differentiable: [0, 1], call: (a, b) => smoothL1Loss(a, b, { beta: 0.5 }) },
  { loss: "huberLoss", args: [x, y], differentiable: [0, 1], call: (a, b) => huberLoss(a, b, { delta: 0.5 }) },
  {
    loss: "poissonNllLoss",
    variant: "log input",
    args: [
      x,
      [
        [1, 0, 3],
        [2, 5, 1],
      ],
    ],
    differentiable: [0, 1],
    call: (a, b) => poissonNllLoss(a, b),
  },
  {
    loss: "poissonNllLoss",
    variant: "rates, full",
    args: [
      [
        [0.5, 1.5, 2],
        [1, 0.25, 0.75],
      ],
      [
        [1, 2, 3],
        [2, 5, 1],
      ],
    ],
    differentiable: [0, 1],
    call: (a, b) => poissonNllLoss(a, b, { logInput: false, full: true }),
  },
  {
    loss: "gaussianNllLoss",
    args: [x, y, [[0.5], [2]]],
    differentiable: [0, 1, 2],
    call: (a, b, v) => gaussianNllLoss(a, b, v, { full: true }),
  },
  {
    loss: "crossEntropy",
    variant: "class indices, weight, label smoothing",
    args: [x, classes],
    differentiable: [0],
    integer: [1],
    call: (a, t) => crossEntropy(a, t, { weight: [1, 2, 0.5], labelSmoothing: 0.1 }),
  },
  {
    loss: "crossEntropy",
    variant: "class probabilities",
    args: [x, probabilities],
    differentiable: [0, 1],
    call: (a, t) => crossEntropy(a, t),
  },
  {
    loss: "nllLoss",
    args: [
      [
        [-1.2, -0.9, -1.2],
        [-0.5, -2, -1.5],
      ],
      [1, -100],
    ],
    differentiable: [0],
    integer: [1],
    call: (a, t) => nllLoss(a, t, { weight: [1, 2, 0.5] }),
  },
  {
    loss: "binaryCrossEntropy",
    args: [probabilities, bits],
    differentiable: [0, 1],
    call: (a, t) => binaryCrossEntropy(a, t, { weight: [1, 2, 0.5] }),
  },
  {
    loss: "binaryCrossEntropyWithLogits",
    args: [x, bits],
    differentiable: [0, 1],
    call: (a, t) => binaryCrossEntropyWithLogits(a, t, { weight: [1, 2, 0.5], posWeight: [2, 1, 3] }),
  },
  { loss: "softMarginLoss", args: [x, signs], differentiable: [0], call: (a, t) => softMarginLoss(a, t) },
  {
    loss: "multiMarginLoss",
    args: [x, classes],
    differentiable: [0],
    integer: [1],
    call: (a, t) => multiMarginLoss(a, t, { p: 2, margin: 1.5, weight: [1, 2, 0.5] }),
  },
  {
    loss: "multilabelMarginLoss",
    args: [
      x,
      [
        [2, 0, -1],
        [1, -1, 0],
      ],
    ],
    differentiable: [0],
    integer: [1],
    call: (a, t) => multilabelMarginLoss(a, t),
  },
  {
    loss: "multilabelSoftMarginLoss",
    args: [x, bits],
    differentiable: [0, 1],
    call: (a, t) => multilabelSoftMarginLoss(a, t, { weight: [1, 2, 0.5] }),
  },
  {
    loss: "klDiv",
    variant: "batchmean",
    args: [
      [
        [-1.6, -1.2, -0.7],
        [-0.5, -2.3, -1.2],
      ],
      probabilities,
    ],
    differentiable: [0, 1],
    call: (a, t) => klDiv(a, t, { reduction: "batchmean" }),
  },
  {
    loss: "klDiv",
    variant: "log target",
    args: [
      [
        [-1.6, -1.2, -0.7],
        [-0.5, -2.3, -1.2],
      ],
      [
        [-1.5, -1, -0.8],
        [-0.4, -2, -1.5],
      ],
    ],
    differentiable: [0, 1],
    call: (a, t) => klDiv(a, t, { logTarget: true }),
  },
  { loss: "entropy", args: [probabilities], differentiable: [0], call: (p) => entropy(p) },
  {
    loss: "marginRankingLoss",
    args: [
      [0.5, -1, 2],
      [1, 0.5, -0.5],
      [1, -1, 1],
    ],
    differentiable: [0, 1, 2],
    call: (a, b, t) => marginRankingLoss(a, b, t, { margin: 0.5 }),
  },
  {
    loss: "hingeEmbeddingLoss",
    args: [
      [0.5, 1.5, 0.25, 2],
      [1, -1, -1, 1],
    ],
    differentiable: [0],
    call: (a, t) => hingeEmbeddingLoss(a, t, { margin: 1 }),
  },
  {
    loss: "cosineEmbeddingLoss",
    args: [x, y, [1, -1]],
    differentiable: [0, 1],
    call: (a, b, t) => cosineEmbeddingLoss(a, b, t, { margin: 0.1 }),
  },
  {
    loss: "tripletMarginLoss",
    variant: "swap",
    args: [
      x,
      y,
      [
        [1, 1, 1],
        [0, -1, 0.5],
      ],
    ],
    differentiable: [0, 1, 2],
    call: (a, p, n) => tripletMarginLoss(a, p, n, { margin: 2, swap: true }),
  },
  {
    loss: "contrastiveLoss",
    args: [x, y, [0, 1]],
    differentiable: [0, 1, 2],
    call: (a, b, l) => contrastiveLoss(a, b, l, { margin: 3 }),
  },
  {
    loss: "sigmoidFocalLoss",
    args: [
      x,
      [
        [1, 0, 0.25],
        [0, 1, 1],
      ],
    ],
    differentiable: [0, 1],
    call: (a, t) => sigmoidFocalLoss(a, t, { gamma: 1.5, reduction: "mean" }),
  },
  {
    loss: "infoNce",
    variant: "in-batch negatives",
    args: [x, y],
    differentiable: [0, 1],
    call: (q, k) => infoNce(q, k),
  },
  {
    loss: "infoNce",
    variant: "shared negatives",
    args: [
      x,
      y,
      [
        [1, 1, 1],
        [0, -1, 0.5],
        [2, 0, 0],
      ],
    ],
    differentiable: [0, 1, 2],
    call: (q, k, n) => infoNce(q, k, { negativeKeys: n, temperature: 0.5 }),
  },
  { loss: "ntXent", args: [x, y], differentiable: [0, 1], call: (a, b) => ntXent(a, b, { reduction: "sum" }) },
  {
    loss: "ctcLoss",
    // log-probabilities [T = 3, N = 2, C = 3]; sample 1 stops after 2 frames
    args: [
      [
        [
          [-1.2, -0.6, -1.8],
          [-0.4, -1.5, -2],
        ],
        [
          [-0.9, -1.1, -1.4],
          [-1.6, -0.7, -1.1],
        ],
        [
          [-0.3, -2.1, -1.9],
          [-1, -1, -1.3],
        ],
      ],
      [
        [1, 2],
        [2, 0],
      ],
      [3, 2],
      [2, 1],
    ],
    differentiable: [0],
    integer: [1, 2, 3],
    call: (lp, t, il, tl) => ctcLoss(lp, t, il, tl),
  },
  {
    loss: "policyGradientLoss",
    args: [x, [2, 0], [1.5, -0.5], [0.5, 0.25]],
    differentiable: [0],
    integer: [1],
    call: (l, a, r, b) => policyGradientLoss(l, a, r, { baseline: b, entropyCoefficient: 0.1 }),
  },
  {
    loss: "weightedSum",
    args: [0.75, 0.3],
    differentiable: [0, 1],
    call: (box, label) => weightedSum({ box: { loss: box, weight: 5 }, label: { loss: label } }),
  },
  {
    loss: "l1Penalty",
    args: [x, [0.5, -2]],
    differentiable: [0, 1],
    call: (w1, w2) => l1Penalty([w1, w2], { coefficient: 0.01 }),
  },
  {
    loss: "l2Penalty",
    args: [x, [0.5, -2]],
    differentiable: [0, 1],
    call: (w1, w2) => l2Penalty([w1, w2], { coefficient: 0.01 }),
  },
];
