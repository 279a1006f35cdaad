/**
 * Pure figure builders for the tutorials: data in, plotly figure spec out. Nothing here draws;
 * `show` (show.ts) puts a figure into a notebook.
 */
import type { Axis, Figure, Layout, Slider, Title, Trace } from "./figure";

/** An axis as the reader sees it: what is measured and, when it has one, its unit. */
export interface AxisLabel {
  title: string;
  unit?: string;
}

/** A named curve: y against x. */
export interface Series {
  name: string;
  x: readonly number[];
  y: readonly number[];
  dash?: "solid" | "dash" | "dot" | "dashdot";
}

/** plotly's default colour cycle, used so that a class or a curve keeps its colour across panels. */
export const PALETTE: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

/** The colour of the i-th curve or class. */
export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/** "residual (m)" from { title: "residual", unit: "m" }; the bare title without a unit. */
export function axisTitle({ title, unit }: AxisLabel): Title {
  return { text: unit ? `${title} (${unit})` : title };
}

export interface LineChartOptions {
  x: AxisLabel;
  y: AxisLabel;
  title?: string;
  /** A logarithmic y axis, for losses that fall over orders of magnitude. */
  logY?: boolean;
}

/** Several named curves on one pair of axes. */
export function lineChart(series: readonly Series[], { x, y, title, logY = false }: LineChartOptions): Figure {
  return {
    data: series.map((s, i) => lineTrace("lineChart", s, i)),
    layout: {
      ...titled(title),
      xaxis: { title: axisTitle(x) },
      yaxis: { title: axisTitle(y), ...(logY ? { type: "log" } : {}) },
    },
  };
}

/** A loss and its derivative, both sampled at the same residuals. */
export interface LossCurve {
  name: string;
  residual: readonly number[];
  loss: readonly number[];
  gradient: readonly number[];
}

export interface LossAndGradientOptions {
  title?: string;
  residual?: AxisLabel;
  loss?: AxisLabel;
  gradient?: AxisLabel;
}

/**
 * Two panels side by side: each loss against the residual on the left, its gradient on the right,
 * in the same colour, with one legend entry per loss.
 */
export function lossAndGradientChart(
  curves: readonly LossCurve[],
  {
    title,
    residual = { title: "residual x − y" },
    loss = { title: "loss" },
    gradient = { title: "gradient ∂loss/∂x" },
  }: LossAndGradientOptions = {},
): Figure {
  const data = curves.flatMap((curve, i) => {
    checkLength("lossAndGradientChart", `${curve.name}.loss`, curve.loss, curve.residual.length);
    checkLength("lossAndGradientChart", `${curve.name}.gradient`, curve.gradient, curve.residual.length);
    const common = { type: "scatter" as const, mode: "lines" as const, name: curve.name, legendgroup: curve.name };
    return [
      { ...common, x: curve.residual, y: curve.loss, line: { color: colorAt(i) } },
      {
        ...common,
        x: curve.residual,
        y: curve.gradient,
        line: { color: colorAt(i) },
        showlegend: false,
        xaxis: "x2",
        yaxis: "y2",
      },
    ];
  });
  return {
    data,
    layout: {
      ...titled(title),
      ...panelAxes([
        { x: residual, y: loss },
        { x: residual, y: gradient },
      ]),
    },
  };
}

/** One member of a curve family: the parameter value and the curve it gives. */
export interface FamilyMember {
  parameter: number;
  y: readonly number[];
}

export interface CurveFamilyOptions {
  /** The shared x values (numbers), or category names for bars. */
  x: readonly (number | string)[];
  family: readonly FamilyMember[];
  /** The parameter's symbol or name, shown on the slider: "β", "δ", "T". */
  parameterName: string;
  xAxis: AxisLabel;
  yAxis: AxisLabel;
  /** "line" for loss curves, "bar" for distributions such as softmax outputs. */
  kind?: "line" | "bar";
  /** Curves drawn whatever the slider says, for reference (e.g. L1 and MSE next to Huber). */
  fixed?: readonly Series[];
  /** Index into `family` of the curve shown first. */
  active?: number;
  title?: string;
}

/**
 * A family of curves indexed by one parameter, with a slider that shows one member at a time
 * (each step restyles the traces' visibility). The y range covers every member, so that moving
 * the slider changes the curve, not the scale.
 */
export function curveFamilySlider({
  x,
  family,
  parameterName,
  xAxis,
  yAxis,
  kind = "line",
  fixed = [],
  active = 0,
  title,
}: CurveFamilyOptions): Figure {
  if (family.length === 0) throw new RangeError("curveFamilySlider: family: expected at least one member, got none");
  checkIndex("curveFamilySlider", "active", active, family.length);
  const fixedTraces = fixed.map((s, i) => ({
    ...lineTrace("curveFamilySlider", s, i + 1),
    line: { color: colorAt(i + 1), dash: s.dash ?? "dash" },
  }));
  const memberTraces: Trace[] = family.map((member, i) => {
    checkLength("curveFamilySlider", `family[${i}].y`, member.y, x.length);
    const name = `${parameterName} = ${member.parameter}`;
    const shared = { name, x, y: member.y, visible: i === active, marker: { color: colorAt(0) } };
    return kind === "bar"
      ? { type: "bar", ...shared }
      : { type: "scatter", mode: "lines", ...shared, line: { color: colorAt(0), width: 3 } };
  });
  const visibility = (shown: number) => [...fixed.map(() => true), ...family.map((_, i) => i === shown)];
  const slider = parameterSlider(
    parameterName,
    family.map((member) => member.parameter),
    active,
    visibility,
  );
  const allY = [...family.flatMap((m) => m.y), ...fixed.flatMap((s) => s.y)];
  return {
    data: [...fixedTraces, ...memberTraces],
    layout: {
      ...titled(title),
      xaxis: { title: axisTitle(xAxis) },
      yaxis: { title: axisTitle(yAxis), range: paddedRange(allY, kind === "bar") },
      sliders: [slider],
    },
  };
}

/** A named set of bar heights, one per category. */
export interface BarSeries {
  name: string;
  values: readonly number[];
}

export interface BarChartOptions {
  x: AxisLabel;
  y: AxisLabel;
  title?: string;
}

/** Bars per category; several series stand side by side (grouped). */
export function barChart(
  categories: readonly string[],
  series: readonly BarSeries[],
  { x, y, title }: BarChartOptions,
): Figure {
  return {
    data: series.map((s, i) => {
      checkLength("barChart", `${s.name}.values`, s.values, categories.length);
      return { type: "bar", name: s.name, x: categories, y: s.values, marker: { color: colorAt(i) } };
    }),
    layout: { ...titled(title), barmode: "group", xaxis: { title: axisTitle(x) }, yaxis: { title: axisTitle(y) } },
  };
}

export interface ScatterOptions {
  x: AxisLabel;
  y: AxisLabel;
  title?: string;
  /** Names for the class indices; default "class 0", "class 1", ... */
  classNames?: readonly string[];
}

/** Labelled points in the plane, one trace (and colour) per class. */
export function labelledScatter(
  points: readonly (readonly [number, number])[],
  labels: readonly number[],
  { x, y, title, classNames }: ScatterOptions,
): Figure {
  return {
    data: classTraces("labelledScatter", points, labels, classNames),
    layout: { ...titled(title), xaxis: { title: axisTitle(x) }, yaxis: { title: axisTitle(y) } },
  };
}

/** A rectangular grid over the plane: its x and y ticks, and its points row by row (y outer). */
export interface Grid {
  x: number[];
  y: number[];
  /** [x[i], y[j]] at index j·x.length + i. */
  points: [number, number][];
}

/**
 * A `steps` × `steps` grid covering `points` with `padding` to spare on every side: where a
 * classifier is evaluated to draw its decision regions.
 */
export function gridOver(
  points: readonly (readonly [number, number])[],
  { steps = 60, padding = 0.5 }: { steps?: number; padding?: number } = {},
): Grid {
  if (points.length === 0) throw new RangeError("gridOver: points: expected at least one point, got none");
  if (!Number.isInteger(steps) || steps < 2)
    throw new RangeError(`gridOver: steps: expected an integer ≥ 2, got ${steps}`);
  const ticks = (values: number[]) => {
    const [min, max] = extent(values);
    const [low, high] = [min - padding, max + padding];
    return Array.from({ length: steps }, (_, i) => low + ((high - low) * i) / (steps - 1));
  };
  const x = ticks(points.map((p) => p[0]));
  const y = ticks(points.map((p) => p[1]));
  return { x, y, points: y.flatMap((yj) => x.map((xi): [number, number] => [xi, yj])) };
}

export interface DecisionRegionsInput {
  grid: Grid;
  /** The predicted class at each of grid.points, in that order. */
  predictions: readonly number[];
  points: readonly (readonly [number, number])[];
  labels: readonly number[];
}

/**
 * A classifier's decision regions: the predicted class over a grid as a pale heatmap (class c
 * in the colour of class c), with the labelled points on top.
 */
export function decisionRegions(
  { grid, predictions, points, labels }: DecisionRegionsInput,
  { x, y, title, classNames }: ScatterOptions,
): Figure {
  checkLength("decisionRegions", "predictions", predictions, grid.points.length);
  const classCount = extent([...predictions, ...labels])[1] + 1;
  const z = grid.y.map((_, j) => predictions.slice(j * grid.x.length, (j + 1) * grid.x.length));
  const regions: Trace = {
    type: "heatmap",
    x: grid.x,
    y: grid.y,
    z,
    zmin: -0.5,
    zmax: classCount - 0.5,
    colorscale: discreteColorscale(classCount),
    opacity: 0.3,
    showscale: false,
    hoverinfo: "skip",
  };
  return {
    data: [regions, ...classTraces("decisionRegions", points, labels, classNames)],
    layout: { ...titled(title), xaxis: { title: axisTitle(x) }, yaxis: { title: axisTitle(y) } },
  };
}

/** One panel of training curves: its title, its y axis and the curves in it. */
export interface CurvePanel {
  title: string;
  y: AxisLabel;
  series: readonly Series[];
  logY?: boolean;
}

/**
 * Training curves in panels side by side (e.g. loss and accuracy, or one panel per task), each
 * panel with its own y axis and a title above it; all share the x axis label (default "step").
 * A series is known by its name: one that appears in several panels ("train" in both) keeps one
 * colour everywhere, is listed once in the legend, and one click there hides it in every panel.
 */
export function trainingCurves(
  panels: readonly CurvePanel[],
  { x = { title: "step" }, title }: { x?: AxisLabel; title?: string } = {},
): Figure {
  if (panels.length === 0) throw new RangeError("trainingCurves: panels: expected at least one panel, got none");
  const axes = panelAxes(panels.map((panel) => ({ x, y: panel.y, logY: panel.logY })));
  const names = [...new Set(panels.flatMap((panel) => panel.series.map((s) => s.name)))];
  const listed = new Set<string>();
  const data = panels.flatMap((panel, p) =>
    panel.series.map((s) => {
      const first = !listed.has(s.name);
      listed.add(s.name);
      return {
        ...lineTrace("trainingCurves", s, names.indexOf(s.name)),
        ...panelRefs(p),
        legendgroup: s.name,
        ...(first ? {} : { showlegend: false }),
      };
    }),
  );
  const annotations = panels.map((panel, p) => {
    const [start, end] = (axes[axisKey("x", p)] as Axis).domain as [number, number];
    return {
      text: panel.title,
      x: (start + end) / 2,
      y: 1.02,
      xref: "paper",
      yref: "paper",
      xanchor: "center",
      yanchor: "bottom",
      showarrow: false,
    };
  });
  return { data, layout: { ...titled(title), ...axes, annotations } };
}

export interface LossSurfaceInput {
  /** Values of the first variable (columns of z). */
  x: readonly number[];
  /** Values of the second variable (rows of z). */
  y: readonly number[];
  /** z[j][i]: the loss at (x[i], y[j]). */
  z: readonly (readonly number[])[];
}

export interface LossSurfaceOptions {
  x: AxisLabel;
  y: AxisLabel;
  z?: AxisLabel;
  kind?: "heatmap" | "contour" | "surface";
  title?: string;
  /** A path over the surface, such as the parameters visited by gradient descent (2-D kinds). */
  path?: Series;
}

/** A loss over two variables as a heatmap, a contour map or a 3-D surface. */
export function lossSurface(
  { x: xs, y: ys, z }: LossSurfaceInput,
  { x, y, z: zAxis = { title: "loss" }, kind = "contour", title, path }: LossSurfaceOptions,
): Figure {
  checkLength("lossSurface", "z", z, ys.length);
  z.forEach((row, j) => checkLength("lossSurface", `z[${j}]`, row, xs.length));
  const surface: Trace = { type: kind, x: xs, y: ys, z, colorscale: "Viridis", colorbar: { title: axisTitle(zAxis) } };
  if (kind === "surface") {
    if (path)
      throw new RangeError("lossSurface: path: a path is drawn on the 2-D kinds (heatmap, contour), not on a surface");
    return {
      data: [surface],
      layout: {
        ...titled(title),
        scene: { xaxis: { title: axisTitle(x) }, yaxis: { title: axisTitle(y) }, zaxis: { title: axisTitle(zAxis) } },
      },
    };
  }
  const pathTraces: Trace[] = path
    ? [
        {
          ...lineTrace("lossSurface", path, 1),
          mode: "lines+markers",
          line: { color: "#ffffff", width: 2 },
          marker: { color: "#ffffff", size: 5 },
        },
      ]
    : [];
  return {
    data: [surface, ...pathTraces],
    layout: { ...titled(title), xaxis: { title: axisTitle(x) }, yaxis: { title: axisTitle(y) } },
  };
}

function titled(title: string | undefined): Pick<Layout, "title"> {
  return title === undefined ? {} : { title: { text: title } };
}

function lineTrace(fn: string, s: Series, colourIndex: number): Trace {
  checkLength(fn, `${s.name}.y`, s.y, s.x.length);
  return {
    type: "scatter",
    mode: "lines",
    name: s.name,
    x: s.x,
    y: s.y,
    line: { color: colorAt(colourIndex), dash: s.dash ?? "solid" },
  };
}

function classTraces(
  fn: string,
  points: readonly (readonly [number, number])[],
  labels: readonly number[],
  classNames: readonly string[] | undefined,
): Trace[] {
  checkLength(fn, "labels", labels, points.length);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  return classes.map((c) => {
    const own = points.filter((_, i) => labels[i] === c);
    return {
      type: "scatter",
      mode: "markers",
      name: classNames?.[c] ?? `class ${c}`,
      x: own.map((p) => p[0]),
      y: own.map((p) => p[1]),
      marker: { color: colorAt(c), size: 7, line: { color: "#ffffff", width: 1 } },
    };
  });
}

/** A colourscale on which the integer c (over zmin −0.5 .. zmax C−0.5) has class c's colour. */
function discreteColorscale(classCount: number): [number, string][] {
  return Array.from({ length: classCount }, (_, c) => [
    [c / classCount, colorAt(c)] as [number, string],
    [(c + 1) / classCount, colorAt(c)] as [number, string],
  ]).flat();
}

function axisKey(letter: "x" | "y", panel: number): string {
  return panel === 0 ? `${letter}axis` : `${letter}axis${panel + 1}`;
}

function panelRefs(panel: number): Pick<Trace, "xaxis" | "yaxis"> {
  return panel === 0 ? {} : { xaxis: `x${panel + 1}`, yaxis: `y${panel + 1}` };
}

/** Layout axes for panels side by side, each x axis anchored to its own y axis. */
function panelAxes(panels: readonly { x: AxisLabel; y: AxisLabel; logY?: boolean }[]): Layout {
  const gap = 0.08;
  const width = (1 - gap * (panels.length - 1)) / panels.length;
  const layout: Layout = {};
  panels.forEach((panel, p) => {
    const start = p * (width + gap);
    const ref = (letter: string) => (p === 0 ? letter : `${letter}${p + 1}`);
    layout[axisKey("x", p)] = { title: axisTitle(panel.x), domain: [start, start + width], anchor: ref("y") };
    layout[axisKey("y", p)] = { title: axisTitle(panel.y), anchor: ref("x"), ...(panel.logY ? { type: "log" } : {}) };
  });
  return layout;
}

/** [min, max] of the finite values with 5% to spare; bars start at zero. */
function paddedRange(values: readonly number[], fromZero: boolean): [number, number] {
  const [min, max] = extent(values.filter(Number.isFinite));
  if (min > max) return [0, 1];
  const low = fromZero ? Math.min(0, min) : min;
  const spare = (max - low) * 0.05 || 1;
  return [fromZero && low === 0 ? 0 : low - spare, max + spare];
}

/** [min, max] of the values, in one pass (spreading a long array into Math.min overflows). */
function extent(values: readonly number[]): [number, number] {
  let [min, max] = [Infinity, -Infinity];
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

function checkLength(fn: string, name: string, values: { length: number }, expected: number): void {
  if (values.length !== expected) {
    throw new RangeError(`${fn}: ${name}: expected ${expected} values, got ${values.length}`);
  }
}

function checkIndex(fn: string, name: string, index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`${fn}: ${name}: expected an integer in [0, ${length - 1}], got ${index}`);
  }
}

/**
 * A plotly slider over a parameter's values: step i shows the traces that `visibility(i)` marks.
 * It sits below the x-axis title (which ends about 55 px under the plot area), not over it.
 */
export function parameterSlider(
  parameterName: string,
  parameters: readonly (number | string)[],
  active: number,
  visibility: (shown: number) => boolean[],
): Slider {
  return {
    active,
    currentvalue: { prefix: `${parameterName} = ` },
    y: 0,
    yanchor: "top",
    pad: { t: 70 },
    steps: parameters.map((parameter, i) => ({
      label: String(parameter),
      method: "restyle",
      args: [{ visible: visibility(i) }],
    })),
  };
}
