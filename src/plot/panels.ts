/**
 * Figures the single-panel builders cannot make on their own: finished figures placed side by
 * side, a line fit drawn over its data, and a loss-and-gradient pair driven by one slider.
 */
import {
  axisTitle,
  colorAt,
  lossAndGradientChart,
  parameterSlider,
  type AxisLabel,
  type LossAndGradientOptions,
  type LossCurve,
  type Series,
} from "./builders";
import type { Axis, Figure, Layout, Trace } from "./figure";

/**
 * Puts single-panel figures (one x and one y axis each, no slider) next to each other, left to
 * right, each keeping its axes and its title (shown above its panel; other layout settings but
 * barmode are dropped). A curve whose name and
 * colour already appear in an earlier panel is listed once in the legend, and one click there
 * hides it in every panel.
 * @throws RangeError when there is no figure, or one has several panels, a 3-D scene or a slider.
 */
export function sideBySide(
  figures: readonly Figure[],
  { title, gap = 0.1 }: { title?: string; gap?: number } = {},
): Figure {
  if (figures.length === 0) throw new RangeError("sideBySide: figures: expected at least one figure, got none");
  figures.forEach((figure, p) => checkSinglePanel(figure, p));
  const width = (1 - gap * (figures.length - 1)) / figures.length;
  const layout: Layout = { ...(title === undefined ? {} : { title: { text: title } }) };
  const annotations: Record<string, unknown>[] = [];
  const listed = new Set<string>();
  const data = figures.flatMap((figure, p) => {
    const [start, end] = [p * (width + gap), p * (width + gap) + width];
    layout[p === 0 ? "xaxis" : `xaxis${p + 1}`] = { ...figure.layout.xaxis, domain: [start, end], anchor: ref("y", p) };
    layout[p === 0 ? "yaxis" : `yaxis${p + 1}`] = { ...figure.layout.yaxis, anchor: ref("x", p) };
    if (figure.layout.title) annotations.push(panelTitle(figure.layout.title.text, (start + end) / 2));
    return figure.data.map((trace) => inPanel(trace, p, listed));
  });
  const barmode = figures.find((figure) => figure.layout.barmode !== undefined)?.layout.barmode;
  return { data, layout: { ...layout, ...(barmode === undefined ? {} : { barmode }), annotations } };
}

/** The data a line was fitted to; the points at `outliers` (indices) are marked apart. */
export interface FitData {
  x: readonly number[];
  y: readonly number[];
  outliers?: readonly number[];
}

/**
 * Data points with fitted lines over them: the ordinary points in grey, the outliers as black
 * crosses, each line in the palette's colours in order (so that a line keeps the colour of its
 * loss curve drawn by lineChart or trainingCurves).
 * @throws RangeError when x and y, or a line's x and y, differ in length.
 */
export function fittedLines(
  { x, y, outliers = [] }: FitData,
  lines: readonly Series[],
  { x: xAxis, y: yAxis, title }: { x: AxisLabel; y: AxisLabel; title?: string },
): Figure {
  checkLength("fittedLines", "y", y, x.length);
  const isOutlier = (i: number) => outliers.includes(i);
  const pick = (keep: (i: number) => boolean) => ({
    x: x.filter((_, i) => keep(i)),
    y: y.filter((_, i) => keep(i)),
  });
  const points: Trace[] = [
    {
      type: "scatter",
      mode: "markers",
      name: "data",
      ...pick((i) => !isOutlier(i)),
      marker: { color: "#7f7f7f", size: 7 },
    },
    ...(outliers.length > 0
      ? [
          {
            type: "scatter" as const,
            mode: "markers" as const,
            name: "outliers",
            ...pick(isOutlier),
            marker: { color: "#000000", size: 9, symbol: "x" },
          },
        ]
      : []),
  ];
  const fits: Trace[] = lines.map((line, i) => {
    checkLength("fittedLines", `${line.name}.y`, line.y, line.x.length);
    return {
      type: "scatter",
      mode: "lines",
      name: line.name,
      x: line.x,
      y: line.y,
      line: { color: colorAt(i), width: 3, dash: line.dash ?? "solid" },
    };
  });
  return {
    data: [...points, ...fits],
    layout: {
      ...(title === undefined ? {} : { title: { text: title } }),
      xaxis: { title: axisTitle(xAxis) },
      yaxis: { title: axisTitle(yAxis) },
    },
  };
}

/** The curves of one parameter value: e.g. Smooth L1 and Huber at β = δ = 0.5. */
export interface LossFamilyMember {
  parameter: number;
  curves: readonly LossCurve[];
}

export interface LossAndGradientSliderOptions extends LossAndGradientOptions {
  /** The parameter's symbol or name, shown on the slider: "β", "δ". */
  parameterName: string;
  /** Curves drawn dashed whatever the slider says, for reference (e.g. L1 next to Huber). */
  fixed?: readonly LossCurve[];
  /** Index into the family of the member shown first. Default 0. */
  active?: number;
}

/**
 * lossAndGradientChart for a family of losses indexed by one parameter: loss on the left,
 * gradient on the right, one slider choosing the parameter for both panels. Each curve of a
 * member keeps its colour across members; the y ranges cover every member, so that moving the
 * slider changes the curves, not the scales.
 * @throws RangeError when the family is empty, its members hold different numbers of curves,
 * `active` is out of range, or a curve's arrays differ in length.
 */
export function lossAndGradientSlider(
  family: readonly LossFamilyMember[],
  { parameterName, fixed = [], active = 0, ...axes }: LossAndGradientSliderOptions,
): Figure {
  if (family.length === 0)
    throw new RangeError("lossAndGradientSlider: family: expected at least one member, got none");
  if (!Number.isInteger(active) || active < 0 || active >= family.length) {
    throw new RangeError(
      `lossAndGradientSlider: active: expected an integer in [0, ${family.length - 1}], got ${active}`,
    );
  }
  const perMember = family[0].curves.length;
  family.forEach((member, i) => checkLength("lossAndGradientSlider", `family[${i}].curves`, member.curves, perMember));
  const reference = lossAndGradientChart(fixed, axes).data.map((trace, t) =>
    restyled(trace, colorAt(perMember + Math.floor(t / 2)), "dash"),
  );
  const members = family.map((member, i) =>
    lossAndGradientChart(member.curves, axes).data.map((trace) => ({
      ...trace,
      visible: i === active,
      line: { ...(trace.line as object), width: 3 },
    })),
  );
  const visibility = (shown: number) => [
    ...reference.map(() => true),
    ...members.flatMap((traces, i) => traces.map(() => i === shown)),
  ];
  const slider = parameterSlider(
    parameterName,
    family.map((member) => member.parameter),
    active,
    visibility,
  );
  const everything = [...fixed, ...family.flatMap((member) => member.curves)];
  const layout = lossAndGradientChart([], axes).layout;
  return {
    data: [...reference, ...members.flat()],
    layout: {
      ...layout,
      yaxis: { ...(layout.yaxis as Axis), range: paddedRange(everything.flatMap((c) => c.loss)) },
      yaxis2: { ...(layout.yaxis2 as Axis), range: paddedRange(everything.flatMap((c) => c.gradient)) },
      sliders: [slider],
    },
  };
}

function restyled(trace: Trace, color: string, dash: string): Trace {
  return { ...trace, line: { color, dash } };
}

function checkSinglePanel(figure: Figure, p: number): void {
  const extraAxis = Object.keys(figure.layout).find((key) => /^[xy]axis\d+$/.test(key));
  const problem = extraAxis
    ? `has several panels (${extraAxis})`
    : figure.layout.sliders?.length
      ? "has a slider"
      : figure.layout.scene !== undefined
        ? "is a 3-D scene"
        : null;
  if (problem)
    throw new RangeError(`sideBySide: figures[${p}]: expected a single-panel figure, got one that ${problem}`);
}

function ref(letter: "x" | "y", p: number): string {
  return p === 0 ? letter : `${letter}${p + 1}`;
}

function inPanel(trace: Trace, p: number, listed: Set<string>): Trace {
  const colour =
    (trace.line as { color?: string } | undefined)?.color ?? (trace.marker as { color?: string } | undefined)?.color;
  const key = `${trace.name}\u0000${colour}`;
  const repeated = trace.name !== undefined && listed.has(key);
  if (trace.name !== undefined && trace.showlegend !== false) listed.add(key);
  return {
    ...trace,
    ...(p === 0 ? {} : { xaxis: ref("x", p), yaxis: ref("y", p) }),
    ...(trace.name !== undefined ? { legendgroup: (trace.legendgroup as string | undefined) ?? trace.name } : {}),
    ...(repeated ? { showlegend: false } : {}),
  };
}

function panelTitle(text: string, x: number): Record<string, unknown> {
  return { text, x, y: 1.02, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false };
}

/** [min, max] of the finite values with 5% to spare. */
function paddedRange(values: readonly number[]): [number, number] {
  let [min, max] = [Infinity, -Infinity];
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const spare = (max - min) * 0.05 || 1;
  return [min - spare, max + spare];
}

function checkLength(fn: string, name: string, values: { length: number }, expected: number): void {
  if (values.length !== expected)
    throw new RangeError(`${fn}: ${name}: expected ${expected} values, got ${values.length}`);
}
