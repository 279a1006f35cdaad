/**
 * Small seeded synthetic datasets for the tutorials, as plain arrays. Every generator takes a
 * `seed` (default 0): the same options give the same numbers.
 */
import { seededRandom, type Random } from "./random";

/** A point in the plane, [x, y]. */
export type Point2 = [number, number];

export interface LineWithOutliersOptions {
  seed?: number;
  /** Number of points. */
  n?: number;
  slope?: number;
  intercept?: number;
  /** Standard deviation of the Gaussian noise added to every y. */
  noise?: number;
  /** How many points get corrupted. */
  outliers?: number;
  /** How far a corrupted y is pushed (upwards) from the line. */
  outlierShift?: number;
  /** The x values are evenly spaced over [xMin, xMax]. */
  xMin?: number;
  xMax?: number;
}

export interface LineWithOutliers {
  x: number[];
  y: number[];
  /** Indices (ascending) of the corrupted points. */
  outlierIndices: number[];
  /** The clean line the points scatter around. */
  slope: number;
  intercept: number;
}

/**
 * Points y = slope·x + intercept + noise on evenly spaced x, with `outliers` of them pushed up by
 * `outlierShift`: the dataset on which MSE bends towards the outliers and L1/Huber do not.
 */
export function lineWithOutliers({
  seed = 0,
  n = 30,
  slope = 2,
  intercept = 1,
  noise = 0.5,
  outliers = 3,
  outlierShift = 15,
  xMin = 0,
  xMax = 10,
}: LineWithOutliersOptions = {}): LineWithOutliers {
  checkCount("lineWithOutliers", "n", n, 2);
  checkCount("lineWithOutliers", "outliers", outliers, 0, n);
  const random = seededRandom(seed);
  const x = evenlySpaced(xMin, xMax, n);
  const y = x.map((xi) => slope * xi + intercept + random.normal(0, noise));
  const outlierIndices = random
    .shuffle(x.map((_, i) => i))
    .slice(0, outliers)
    .sort((a, b) => a - b);
  for (const i of outlierIndices) y[i] += outlierShift;
  return { x, y, outlierIndices, slope, intercept };
}

export interface BlobsOptions {
  seed?: number;
  /** Points drawn around each center. */
  perClass?: number;
  /** One center per class; the default is three well separated centers. */
  centers?: readonly Point2[];
  /** Standard deviation of each coordinate around its center. */
  std?: number;
}

export interface Blobs {
  points: Point2[];
  /** The class of each point: the index of its center. */
  labels: number[];
  centers: Point2[];
}

export const DEFAULT_BLOB_CENTERS: readonly Point2[] = [
  [-2, -1],
  [2, -1],
  [0, 2],
];

/**
 * Gaussian blobs in the plane, one per center, labelled by the center's index. Points are listed
 * class by class (all of class 0, then class 1, ...).
 */
export function gaussianBlobs({
  seed = 0,
  perClass = 50,
  centers = DEFAULT_BLOB_CENTERS,
  std = 0.6,
}: BlobsOptions = {}): Blobs {
  checkCount("gaussianBlobs", "perClass", perClass, 1);
  checkCount("gaussianBlobs", "centers.length", centers.length, 1);
  const random = seededRandom(seed);
  const points: Point2[] = [];
  const labels: number[] = [];
  centers.forEach((center, label) => {
    for (let i = 0; i < perClass; i++) {
      points.push(pointNear(random, center, std));
      labels.push(label);
    }
  });
  return { points, labels, centers: centers.map(([cx, cy]) => [cx, cy]) };
}

export interface ContrastivePairsOptions extends BlobsOptions {
  /** Number of pairs; half of them (rounded down) are similar. */
  pairs?: number;
}

export interface ContrastivePairs {
  x1: Point2[];
  x2: Point2[];
  /**
   * 0 for a similar pair (both points from the same blob), 1 for a dissimilar one, as in
   * contrastiveLoss: loss = (1 − label)·d² + label·max(margin − d, 0)².
   */
  label: number[];
  /** The blob each point of the pair came from. */
  class1: number[];
  class2: number[];
}

/**
 * Pairs of points drawn from Gaussian blobs (as in gaussianBlobs): a similar pair takes both
 * points from one blob, a dissimilar pair from two different blobs. Similar and dissimilar pairs
 * alternate, starting with a similar one.
 * @throws RangeError when there are fewer than two centers (no dissimilar pair can be drawn).
 */
export function contrastivePairs({
  seed = 0,
  pairs = 100,
  centers = DEFAULT_BLOB_CENTERS,
  std = 0.6,
}: ContrastivePairsOptions = {}): ContrastivePairs {
  checkCount("contrastivePairs", "pairs", pairs, 1);
  checkCount("contrastivePairs", "centers.length", centers.length, 2);
  const random = seededRandom(seed);
  const result: ContrastivePairs = { x1: [], x2: [], label: [], class1: [], class2: [] };
  for (let i = 0; i < pairs; i++) {
    const dissimilar = i % 2;
    const first = random.integer(centers.length);
    // A different class: shift by 1..C-1 places around the circle of classes.
    const second = dissimilar ? (first + 1 + random.integer(centers.length - 1)) % centers.length : first;
    result.x1.push(pointNear(random, centers[first], std));
    result.x2.push(pointNear(random, centers[second], std));
    result.label.push(dissimilar);
    result.class1.push(first);
    result.class2.push(second);
  }
  return result;
}

export interface MultiTaskOptions {
  seed?: number;
  n?: number;
  /** Number of input features. */
  features?: number;
  /** Number of classes of the classification target. */
  classes?: number;
  /** Standard deviation of the noise on the regression target. */
  noise?: number;
}

export interface MultiTaskData {
  /** n rows of `features` standard-normal values. */
  features: number[][];
  /** y = features · regressionWeights + noise. */
  regressionTarget: number[];
  /** label = argmax over classes of features · classWeights[c]. */
  classLabel: number[];
  regressionWeights: number[];
  /** One weight vector per class. */
  classWeights: number[][];
}

/**
 * One set of inputs with two targets: a real number (regression) and a class (classification),
 * both linear in the features, so that a shared layer with two heads can learn them together.
 */
export function multiTask({
  seed = 0,
  n = 200,
  features = 4,
  classes = 3,
  noise = 0.1,
}: MultiTaskOptions = {}): MultiTaskData {
  checkCount("multiTask", "n", n, 1);
  checkCount("multiTask", "features", features, 1);
  checkCount("multiTask", "classes", classes, 2);
  const random = seededRandom(seed);
  const regressionWeights = normalVector(random, features);
  const classWeights = Array.from({ length: classes }, () => normalVector(random, features));
  const rows = Array.from({ length: n }, () => normalVector(random, features));
  return {
    features: rows,
    regressionTarget: rows.map((row) => dot(row, regressionWeights) + random.normal(0, noise)),
    classLabel: rows.map((row) => argmax(classWeights.map((w) => dot(row, w)))),
    regressionWeights,
    classWeights,
  };
}

export interface SparseRegressionOptions {
  seed?: number;
  n?: number;
  features?: number;
  /** How many true weights are non-zero. */
  nonZero?: number;
  /** Standard deviation of the noise on y. */
  noise?: number;
}

export interface SparseRegressionData {
  /** n rows of `features` standard-normal values. */
  x: number[][];
  /** y = x · trueWeights + noise. */
  y: number[];
  /** Zero except at `nonZero` places, where it is ±(1 to 3). */
  trueWeights: number[];
}

/**
 * A linear-regression set whose true weights are mostly zero: an L1 penalty drives the other
 * weights towards zero, an L2 penalty only shrinks them.
 */
export function sparseRegression({
  seed = 0,
  n = 50,
  features = 10,
  nonZero = 3,
  noise = 0.1,
}: SparseRegressionOptions = {}): SparseRegressionData {
  checkCount("sparseRegression", "n", n, 1);
  checkCount("sparseRegression", "features", features, 1);
  checkCount("sparseRegression", "nonZero", nonZero, 0, features);
  const random = seededRandom(seed);
  const trueWeights = new Array<number>(features).fill(0);
  const support = random.shuffle(trueWeights.map((_, i) => i)).slice(0, nonZero);
  for (const i of support) {
    const sign = random.uniform() < 0.5 ? -1 : 1;
    trueWeights[i] = sign * (1 + 2 * random.uniform());
  }
  const x = Array.from({ length: n }, () => normalVector(random, features));
  const y = x.map((row) => dot(row, trueWeights) + random.normal(0, noise));
  return { x, y, trueWeights };
}

/** n evenly spaced numbers from `start` to `stop`, both included (n ≥ 2), or [start] for n = 1. */
export function evenlySpaced(start: number, stop: number, n: number): number[] {
  checkCount("evenlySpaced", "n", n, 1);
  if (n === 1) return [start];
  return Array.from({ length: n }, (_, i) => start + ((stop - start) * i) / (n - 1));
}

function pointNear(random: Random, [cx, cy]: Point2, std: number): Point2 {
  return [random.normal(cx, std), random.normal(cy, std)];
}

function normalVector(random: Random, length: number): number[] {
  return Array.from({ length }, () => random.normal());
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, ai, i) => sum + ai * b[i], 0);
}

function argmax(values: readonly number[]): number {
  return values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
}

function checkCount(fn: string, name: string, value: number, min: number, max = Infinity): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new RangeError(`${fn}: ${name}: expected ${range}, got ${value}`);
  }
}
