// The public API, pinned: the names losslab exports and the members of its namespaces. A change
// here is a change to what every notebook and every user can call, so it is made on purpose: edit
// src/index.ts (or the namespace's index.ts) and this list together.
import { describe, expect, it } from "vitest";
import * as losslab from "../src";

const LOSSES = [
  "binaryCrossEntropy",
  "binaryCrossEntropyWithLogits",
  "contrastiveLoss",
  "cosineEmbeddingLoss",
  "crossEntropy",
  "ctcLoss",
  "entropy",
  "gaussianNllLoss",
  "hingeEmbeddingLoss",
  "huberLoss",
  "infoNce",
  "klDiv",
  "l1Loss",
  "l1Penalty",
  "l2Penalty",
  "marginRankingLoss",
  "mseLoss",
  "multiMarginLoss",
  "multilabelMarginLoss",
  "multilabelSoftMarginLoss",
  "nllLoss",
  "ntXent",
  "poissonNllLoss",
  "policyGradientLoss",
  "sigmoidFocalLoss",
  "smoothL1Loss",
  "softMarginLoss",
  "tripletMarginLoss",
  "weightedSum",
];
const FOUNDATIONS = ["LossInputError", "availableBackends", "display", "ready", "show", "tf"];
const NAMESPACES = ["byhand", "check", "data", "plot", "train"];
const BYHAND = [
  "binaryCrossEntropy",
  "binaryCrossEntropyGrad",
  "binaryCrossEntropyWithLogits",
  "binaryCrossEntropyWithLogitsGrad",
  "contrastiveLoss",
  "contrastiveLossGrad",
  "crossEntropy",
  "crossEntropyGrad",
  "ctcAlpha",
  "ctcBeta",
  "ctcExtendedLabels",
  "ctcLoss",
  "ctcLossGrad",
  "entropy",
  "entropyGrad",
  "huberLoss",
  "huberLossGrad",
  "infoNce",
  "infoNceGrad",
  "klDiv",
  "klDivGrad",
  "l1Loss",
  "l1LossGrad",
  "logAddExp",
  "logSoftmax",
  "logSoftmaxJacobian",
  "marginRankingLoss",
  "marginRankingLossGrad",
  "mseLoss",
  "mseLossGrad",
  "nllLoss",
  "nllLossGrad",
  "ntXent",
  "ntXentGrad",
  "policyGradientLoss",
  "policyGradientLossGrad",
  "sigmoidFocalLoss",
  "sigmoidFocalLossGrad",
  "smoothL1Loss",
  "smoothL1LossGrad",
  "softmax",
  "softmaxJacobian",
  "tripletMarginLoss",
  "tripletMarginLossGrad",
];
const sorted = (names: string[]) => [...names].sort();
const membersOf = (namespace: string) => Object.keys((losslab as unknown as Record<string, object>)[namespace]).sort();

describe("the public API", () => {
  it("exports exactly the losses, the foundations and the namespaces", () => {
    expect(Object.keys(losslab).sort()).toEqual(sorted([...LOSSES, ...FOUNDATIONS, ...NAMESPACES]));
  });

  it("has a by-hand twin named like each tensor loss that has one", () => {
    expect(membersOf("byhand")).toEqual(sorted(BYHAND));
    // Every by-hand loss that is not a building block (softmax, logSoftmax, CTC's lattice) is a tensor loss's twin,
    // with its gradient.
    const buildingBlock = /softmax|Jacobian|^logAddExp$|^ctc(Alpha|Beta|ExtendedLabels)$/i;
    const losses = BYHAND.filter((name) => !name.endsWith("Grad") && !buildingBlock.test(name));
    expect(losses.filter((name) => !LOSSES.includes(name))).toEqual([]);
    expect(losses.filter((name) => !BYHAND.includes(`${name}Grad`))).toEqual([]);
  });

  it("pins the members of plot, data, train and check", () => {
    expect(membersOf("check")).toEqual(["assertClose", "assertThrows", "gradientCheck", "numericGradient", "rounded"]);
    expect(membersOf("train")).toEqual([
      "fitLine",
      "fitPenalisedRegression",
      "trainContrastiveEmbedding",
      "trainMultiTask",
      "trainSoftmaxClassifier",
    ]);
    expect(membersOf("data")).toEqual([
      "DEFAULT_BLOB_CENTERS",
      "contrastivePairs",
      "evenlySpaced",
      "gaussianBlobs",
      "lineWithOutliers",
      "mulberry32",
      "multiTask",
      "seededRandom",
      "sparseRegression",
    ]);
    expect(membersOf("plot")).toEqual([
      "PALETTE",
      "axisTitle",
      "barChart",
      "colorAt",
      "curveFamilySlider",
      "decisionRegions",
      "figureHtml",
      "fittedLines",
      "gridOver",
      "labelledScatter",
      "lineChart",
      "lossAndGradientChart",
      "lossAndGradientSlider",
      "lossSurface",
      "parameterSlider",
      "sideBySide",
      "trainingCurves",
    ]);
  });
});
