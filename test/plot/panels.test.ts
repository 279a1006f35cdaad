import { describe, expect, it } from "vitest";
import {
  barChart,
  colorAt,
  curveFamilySlider,
  lineChart,
  lossAndGradientChart,
  trainingCurves,
  type LossCurve,
} from "../../src/plot/builders";
import type { Axis } from "../../src/plot/figure";
import { fittedLines, lossAndGradientSlider, sideBySide } from "../../src/plot/panels";

const residual = [-2, -1, 0, 1, 2];
const absolute: LossCurve = { name: "L1", residual, loss: [2, 1, 0, 1, 2], gradient: [-1, -1, 0, 1, 1] };
const squared = (scale: number): LossCurve => ({
  name: "MSE",
  residual,
  loss: residual.map((r) => scale * r * r),
  gradient: residual.map((r) => 2 * scale * r),
});

describe("sideBySide", () => {
  const left = lineChart([{ name: "MSE", x: [0, 1], y: [3, 1] }], {
    x: { title: "x" },
    y: { title: "y" },
    title: "fits",
  });
  const right = lineChart(
    [
      { name: "MSE", x: [0, 1, 2], y: [9, 4, 1] },
      { name: "L1", x: [0, 1], y: [3, 2] },
    ],
    {
      x: { title: "step" },
      y: { title: "loss" },
      title: "training",
    },
  );

  it("moves the second figure's traces to the second pair of axes", () => {
    const figure = sideBySide([left, right]);
    expect(figure.data.map((t) => [t.xaxis, t.yaxis])).toEqual([
      [undefined, undefined],
      ["x2", "y2"],
      ["x2", "y2"],
    ]);
  });

  it("gives each panel its own domain, anchored axes and the figure's axis titles", () => {
    const { layout } = sideBySide([left, right], { gap: 0.1 });
    const [x1, x2] = [layout.xaxis as Axis, layout.xaxis2 as Axis];
    expect(x1.domain).toEqual([0, 0.45]);
    expect(x2.domain?.[0]).toBeCloseTo(0.55);
    expect(x2.domain?.[1]).toBeCloseTo(1);
    expect([x1.anchor, x2.anchor, (layout.yaxis as Axis).anchor, (layout.yaxis2 as Axis).anchor]).toEqual([
      "y",
      "y2",
      "x",
      "x2",
    ]);
    expect(x2.title).toEqual({ text: "step" });
    expect((layout.yaxis2 as Axis).title).toEqual({ text: "loss" });
  });

  it("turns the figures' titles into one annotation above each panel", () => {
    const { layout } = sideBySide([left, right], { title: "both" });
    const annotations = layout.annotations as { text: string; x: number }[];
    expect(annotations.map((a) => a.text)).toEqual(["fits", "training"]);
    expect(annotations[0].x).toBeCloseTo(0.225);
    expect(layout.title).toEqual({ text: "both" });
  });

  it("lists a curve of the same name and colour once in the legend, grouped across panels", () => {
    const { data } = sideBySide([left, right]);
    expect(data.map((t) => t.showlegend)).toEqual([undefined, false, undefined]);
    expect(data.map((t) => t.legendgroup)).toEqual(["MSE", "MSE", "L1"]);
  });

  it("keeps a bar chart's barmode", () => {
    const bars = barChart(["a"], [{ name: "p", values: [1] }], { x: { title: "class" }, y: { title: "p" } });
    expect(sideBySide([left, bars]).layout.barmode).toBe("group");
  });

  it("rejects figures it cannot place in one panel", () => {
    const panels = trainingCurves([
      { title: "a", y: { title: "loss" }, series: [] },
      { title: "b", y: { title: "accuracy" }, series: [] },
    ]);
    const slider = curveFamilySlider({
      x: [0],
      family: [{ parameter: 1, y: [0] }],
      parameterName: "β",
      xAxis: { title: "r" },
      yAxis: { title: "ℓ" },
    });
    expect(() => sideBySide([left, panels])).toThrow(
      /figures\[1\]: expected a single-panel figure, got one that has several panels \(xaxis2\)/,
    );
    expect(() => sideBySide([slider])).toThrow(/figures\[0\].*has a slider/);
    expect(() => sideBySide([])).toThrow(/expected at least one figure/);
  });
});

describe("fittedLines", () => {
  const data = { x: [0, 1, 2, 3], y: [1, 3, 20, 7], outliers: [2] };
  const lines = [
    { name: "MSE", x: [0, 3], y: [2, 9] },
    { name: "L1", x: [0, 3], y: [1, 7] },
  ];

  it("draws ordinary points, outliers apart, then the lines in palette order", () => {
    const figure = fittedLines(data, lines, { x: { title: "x" }, y: { title: "y" } });
    expect(figure.data.map((t) => t.name)).toEqual(["data", "outliers", "MSE", "L1"]);
    expect([figure.data[0].x, figure.data[0].y]).toEqual([
      [0, 1, 3],
      [1, 3, 7],
    ]);
    expect([figure.data[1].x, figure.data[1].y]).toEqual([[2], [20]]);
    expect(figure.data.slice(2).map((t) => (t.line as { color: string }).color)).toEqual([colorAt(0), colorAt(1)]);
    expect(figure.data[0].mode).toBe("markers");
  });

  it("has no outlier trace when none is marked, and labels the axes", () => {
    const figure = fittedLines({ x: [0, 1], y: [0, 1] }, [], {
      x: { title: "x", unit: "m" },
      y: { title: "y", unit: "s" },
      title: "fit",
    });
    expect(figure.data.map((t) => t.name)).toEqual(["data"]);
    expect((figure.layout.xaxis as Axis).title).toEqual({ text: "x (m)" });
    expect(figure.layout.title).toEqual({ text: "fit" });
  });

  it("rejects arrays of different lengths", () => {
    expect(() => fittedLines({ x: [0, 1], y: [0] }, [], { x: { title: "x" }, y: { title: "y" } })).toThrow(
      /fittedLines: y: expected 2 values, got 1/,
    );
    expect(() =>
      fittedLines({ x: [0], y: [0] }, [{ name: "bad", x: [0, 1], y: [0] }], { x: { title: "x" }, y: { title: "y" } }),
    ).toThrow(/bad\.y/);
  });
});

describe("lossAndGradientSlider", () => {
  const family = [0.5, 1, 2].map((scale) => ({ parameter: scale, curves: [squared(scale)] }));

  it("draws the fixed curves dashed, then a loss and a gradient trace per member and curve", () => {
    const figure = lossAndGradientSlider(family, { parameterName: "β", fixed: [absolute] });
    expect(figure.data).toHaveLength(2 + 3 * 2);
    expect(figure.data.slice(0, 2).map((t) => (t.line as { dash: string }).dash)).toEqual(["dash", "dash"]);
    expect(figure.data.slice(0, 2).map((t) => (t.line as { color: string }).color)).toEqual([colorAt(1), colorAt(1)]);
    expect(figure.data.slice(2).map((t) => t.yaxis)).toEqual([undefined, "y2", undefined, "y2", undefined, "y2"]);
    expect(figure.data[3].y).toEqual([-2, -1, 0, 1, 2]); // gradient of 0.5 r² is r
  });

  it("shows the active member only, and each slider step shows its own member in both panels", () => {
    const figure = lossAndGradientSlider(family, { parameterName: "β", fixed: [absolute], active: 1 });
    expect(figure.data.map((t) => t.visible)).toEqual([undefined, undefined, false, false, true, true, false, false]);
    const [slider] = figure.layout.sliders ?? [];
    expect(slider.active).toBe(1);
    expect(slider.steps.map((s) => s.label)).toEqual(["0.5", "1", "2"]);
    expect(slider.steps[2].args).toEqual([{ visible: [true, true, false, false, false, false, true, true] }]);
    expect(slider.currentvalue?.prefix).toBe("β = ");
  });

  it("puts the slider below the x-axis titles", () => {
    // As curveFamilySlider: 70 px clears the titles, which end about 55 px below the panels.
    const [slider] = lossAndGradientSlider(family, { parameterName: "β" }).layout.sliders ?? [];
    expect(slider).toMatchObject({ y: 0, yanchor: "top", pad: { t: 70 } });
  });

  it("fixes both y ranges to cover every member", () => {
    const { layout } = lossAndGradientSlider(family, { parameterName: "β" });
    const [lossRange, gradientRange] = [
      (layout.yaxis as Axis).range as number[],
      (layout.yaxis2 as Axis).range as number[],
    ];
    expect(lossRange[0]).toBeCloseTo(-0.4); // loss spans [0, 8]: 5% of 8 to spare
    expect(lossRange[1]).toBeCloseTo(8.4);
    expect(gradientRange[0]).toBeCloseTo(-8.8); // gradient spans [-8, 8]
    expect(gradientRange[1]).toBeCloseTo(8.8);
  });

  it("keeps lossAndGradientChart's axis titles", () => {
    const { layout } = lossAndGradientSlider(family, { parameterName: "δ", loss: { title: "Huber loss" } });
    const reference = lossAndGradientChart([], { loss: { title: "Huber loss" } }).layout;
    expect((layout.yaxis as Axis).title).toEqual((reference.yaxis as Axis).title);
    expect((layout.xaxis2 as Axis).title).toEqual((reference.xaxis2 as Axis).title);
  });

  it("rejects an empty family, uneven members and an active index out of range", () => {
    expect(() => lossAndGradientSlider([], { parameterName: "β" })).toThrow(/family: expected at least one member/);
    const uneven = [family[0], { parameter: 3, curves: [squared(3), absolute] }];
    expect(() => lossAndGradientSlider(uneven, { parameterName: "β" })).toThrow(
      /family\[1\]\.curves: expected 1 values, got 2/,
    );
    expect(() => lossAndGradientSlider(family, { parameterName: "β", active: 3 })).toThrow(
      /active: expected an integer in \[0, 2\], got 3/,
    );
  });
});
