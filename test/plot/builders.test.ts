import { describe, expect, it } from "vitest";
import {
  axisTitle,
  barChart,
  colorAt,
  curveFamilySlider,
  decisionRegions,
  gridOver,
  labelledScatter,
  lineChart,
  lossAndGradientChart,
  lossSurface,
  trainingCurves,
} from "../../src/plot/builders";
import type { Axis, Figure } from "../../src/plot/figure";

const residual = [-2, -1, 0, 1, 2];

describe("axisTitle", () => {
  it("appends the unit in parentheses", () => {
    expect(axisTitle({ title: "price", unit: "€" })).toEqual({ text: "price (€)" });
    expect(axisTitle({ title: "step" })).toEqual({ text: "step" });
  });
});

describe("lineChart", () => {
  const figure = lineChart(
    [
      { name: "MSE", x: residual, y: residual.map((r) => r * r) },
      { name: "L1", x: residual, y: residual.map(Math.abs), dash: "dash" },
    ],
    { x: { title: "residual", unit: "m" }, y: { title: "loss", unit: "m²" }, title: "Two losses", logY: true },
  );

  it("draws one named line per series with titled axes", () => {
    expect(figure.data.map((t) => [t.type, t.mode, t.name])).toEqual([
      ["scatter", "lines", "MSE"],
      ["scatter", "lines", "L1"],
    ]);
    expect(figure.data[1].y).toEqual([2, 1, 0, 1, 2]);
    expect(figure.data[1].line).toMatchObject({ dash: "dash" });
    expect(figure.layout.xaxis?.title).toEqual({ text: "residual (m)" });
    expect(figure.layout.yaxis).toMatchObject({ title: { text: "loss (m²)" }, type: "log" });
    expect(figure.layout.title).toEqual({ text: "Two losses" });
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
  });

  it("rejects a series whose x and y differ in length", () => {
    expect(() => lineChart([{ name: "bad", x: [1, 2], y: [1] }], { x: { title: "x" }, y: { title: "y" } })).toThrow(
      /lineChart: bad.y: expected 2 values, got 1/,
    );
  });
});

describe("lossAndGradientChart", () => {
  const figure = lossAndGradientChart([
    { name: "MSE", residual, loss: residual.map((r) => r * r), gradient: residual.map((r) => 2 * r) },
    { name: "L1", residual, loss: residual.map(Math.abs), gradient: residual.map(Math.sign) },
  ]);

  it("puts losses in the left panel and gradients in the right, same colour, one legend entry", () => {
    expect(figure.data).toHaveLength(4);
    const [mseLoss, mseGrad, l1Loss, l1Grad] = figure.data;
    expect([mseLoss.xaxis, mseLoss.yaxis]).toEqual([undefined, undefined]);
    expect([mseGrad.xaxis, mseGrad.yaxis]).toEqual(["x2", "y2"]);
    expect(mseGrad.y).toEqual([-4, -2, 0, 2, 4]);
    expect(mseGrad.showlegend).toBe(false);
    expect(mseLoss.line).toEqual(mseGrad.line);
    expect(l1Loss.line).not.toEqual(mseLoss.line);
    expect(l1Grad.legendgroup).toBe("L1");
  });

  it("titles both panels' axes and keeps the panels apart", () => {
    const { xaxis, yaxis, xaxis2, yaxis2 } = figure.layout as Record<string, Axis>;
    expect(yaxis.title?.text).toBe("loss");
    expect(yaxis2.title?.text).toMatch(/gradient/);
    expect(xaxis.title?.text).toMatch(/residual/);
    expect(xaxis2.title?.text).toMatch(/residual/);
    expect(xaxis2.anchor).toBe("y2");
    expect(yaxis2.anchor).toBe("x2");
    expect(xaxis.domain![1]).toBeLessThan(xaxis2.domain![0]);
  });

  it("rejects a gradient of the wrong length", () => {
    expect(() => lossAndGradientChart([{ name: "L1", residual, loss: residual, gradient: [1] }])).toThrow(
      /L1.gradient: expected 5 values, got 1/,
    );
  });
});

describe("curveFamilySlider", () => {
  const betas = [0.5, 1, 2];
  const smoothL1 = (beta: number) =>
    residual.map((r) => (Math.abs(r) < beta ? (0.5 * r * r) / beta : Math.abs(r) - 0.5 * beta));
  const figure = curveFamilySlider({
    x: residual,
    family: betas.map((beta) => ({ parameter: beta, y: smoothL1(beta) })),
    parameterName: "β",
    xAxis: { title: "residual" },
    yAxis: { title: "loss" },
    fixed: [{ name: "L1", x: residual, y: residual.map(Math.abs) }],
    active: 1,
  });
  const slider = figure.layout.sliders![0];

  it("has one trace per parameter after the fixed ones, and only the active one visible", () => {
    expect(figure.data.map((t) => t.name)).toEqual(["L1", "β = 0.5", "β = 1", "β = 2"]);
    expect(figure.data.map((t) => t.visible)).toEqual([undefined, false, true, false]);
  });

  it("has one slider step per parameter, each showing the fixed curves and its own", () => {
    expect(slider.active).toBe(1);
    expect(slider.steps.map((s) => s.label)).toEqual(["0.5", "1", "2"]);
    expect(slider.steps.map((s) => s.method)).toEqual(["restyle", "restyle", "restyle"]);
    expect(slider.steps[2].args).toEqual([{ visible: [true, false, false, true] }]);
    expect(slider.currentvalue?.prefix).toBe("β = ");
  });

  it("fixes the y range over every member so the scale does not jump", () => {
    const [low, high] = figure.layout.yaxis!.range as [number, number];
    const all = [...betas.flatMap(smoothL1), ...residual.map(Math.abs)];
    expect(low).toBeLessThanOrEqual(Math.min(...all));
    expect(high).toBeGreaterThanOrEqual(Math.max(...all));
  });

  it("draws bars for a distribution, from zero", () => {
    const bars = curveFamilySlider({
      x: ["cat", "dog", "bird"],
      family: [
        { parameter: 0.5, y: [0.8, 0.15, 0.05] },
        { parameter: 5, y: [0.4, 0.32, 0.28] },
      ],
      parameterName: "T",
      kind: "bar",
      xAxis: { title: "class" },
      yAxis: { title: "probability" },
    });
    expect(bars.data.map((t) => t.type)).toEqual(["bar", "bar"]);
    expect((bars.layout.yaxis!.range as number[])[0]).toBe(0);
    expect(bars.layout.sliders![0].steps).toHaveLength(2);
  });

  it("puts the slider below the x-axis title, for lines and bars alike", () => {
    // Rendered by plotly 3 in chromium, the x-axis title ends about 55 px below the plot area and
    // the slider's current-value label sits at the slider's top: 70 px keeps them 20 px apart.
    const bars = curveFamilySlider({
      x: ["a"],
      family: [{ parameter: 1, y: [1] }],
      parameterName: "T",
      kind: "bar",
      xAxis: { title: "class" },
      yAxis: { title: "p" },
    });
    for (const f of [figure, bars]) {
      expect(f.layout.sliders![0]).toMatchObject({ y: 0, yanchor: "top", pad: { t: 70 } });
    }
  });

  it("rejects an empty family, a bad active index and a member of the wrong length", () => {
    const base = { x: residual, parameterName: "δ", xAxis: { title: "r" }, yAxis: { title: "l" } };
    expect(() => curveFamilySlider({ ...base, family: [] })).toThrow(/family: expected at least one member/);
    expect(() => curveFamilySlider({ ...base, family: [{ parameter: 1, y: residual }], active: 1 })).toThrow(
      /active: expected an integer in \[0, 0\], got 1/,
    );
    expect(() => curveFamilySlider({ ...base, family: [{ parameter: 1, y: [1] }] })).toThrow(
      /family\[0\].y: expected 5 values, got 1/,
    );
  });
});

describe("barChart", () => {
  it("groups one bar trace per series over the categories", () => {
    const figure = barChart(
      ["a", "b"],
      [
        { name: "p", values: [0.3, 0.7] },
        { name: "q", values: [0.5, 0.5] },
      ],
      {
        x: { title: "outcome" },
        y: { title: "probability" },
      },
    );
    expect(figure.data.map((t) => [t.type, t.name, t.x])).toEqual([
      ["bar", "p", ["a", "b"]],
      ["bar", "q", ["a", "b"]],
    ]);
    expect(figure.layout.barmode).toBe("group");
    expect(figure.layout.yaxis?.title?.text).toBe("probability");
    expect(() => barChart(["a"], [{ name: "p", values: [1, 2] }], { x: { title: "" }, y: { title: "" } })).toThrow(
      /barChart: p.values/,
    );
  });
});

describe("labelledScatter", () => {
  it("draws one marker trace per class, in class order and class colour", () => {
    const figure = labelledScatter(
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      [2, 0, 2, 0],
      { x: { title: "x₁" }, y: { title: "x₂" }, classNames: ["cat", "dog", "bird"] },
    );
    expect(figure.data.map((t) => [t.name, t.x, t.y, t.mode])).toEqual([
      ["cat", [1, 3], [1, 3], "markers"],
      ["bird", [0, 2], [0, 2], "markers"],
    ]);
    expect((figure.data[1].marker as { color: string }).color).toBe(colorAt(2));
    expect(figure.layout.xaxis?.title?.text).toBe("x₁");
  });
});

describe("gridOver and decisionRegions", () => {
  const points: [number, number][] = [
    [0, 0],
    [2, 1],
  ];
  const grid = gridOver(points, { steps: 3, padding: 1 });

  it("covers the points with padding, row by row", () => {
    expect(grid.x).toEqual([-1, 1, 3]);
    expect(grid.y).toEqual([-1, 0.5, 2]);
    expect(grid.points).toHaveLength(9);
    expect(grid.points[1]).toEqual([1, -1]);
    expect(grid.points[3]).toEqual([-1, 0.5]);
  });

  it("reshapes the predictions into the heatmap and puts the points on top", () => {
    // Class 1 to the right of x = 0.
    const predictions = grid.points.map(([x]) => (x > 0 ? 1 : 0));
    const figure = decisionRegions(
      { grid, predictions, points, labels: [0, 1] },
      { x: { title: "x₁" }, y: { title: "x₂" } },
    );
    const [regions, ...classes] = figure.data;
    expect(regions.type).toBe("heatmap");
    expect(regions.z).toEqual([
      [0, 1, 1],
      [0, 1, 1],
      [0, 1, 1],
    ]);
    expect([regions.zmin, regions.zmax]).toEqual([-0.5, 1.5]);
    // Two classes: each colour spans its half of the scale.
    expect(regions.colorscale).toEqual([
      [0, colorAt(0)],
      [0.5, colorAt(0)],
      [0.5, colorAt(1)],
      [1, colorAt(1)],
    ]);
    expect(classes.map((t) => t.name)).toEqual(["class 0", "class 1"]);
    expect(figure.layout.yaxis?.title?.text).toBe("x₂");
  });

  it("rejects predictions that do not fit the grid", () => {
    expect(() =>
      decisionRegions({ grid, predictions: [0], points, labels: [0, 1] }, { x: { title: "" }, y: { title: "" } }),
    ).toThrow(/decisionRegions: predictions: expected 9 values, got 1/);
    expect(() => gridOver([])).toThrow(/gridOver: points/);
  });
});

describe("trainingCurves", () => {
  const steps = [0, 1, 2];
  const figure = trainingCurves(
    [
      { title: "regression", y: { title: "MSE" }, series: [{ name: "train", x: steps, y: [3, 2, 1] }] },
      {
        title: "classification",
        y: { title: "cross-entropy", unit: "nats" },
        series: [
          { name: "train", x: steps, y: [1, 0.5, 0.2] },
          { name: "test", x: steps, y: [1, 0.6, 0.4] },
        ],
        logY: true,
      },
    ],
    { title: "Multi-task" },
  );

  it("places each panel's curves on that panel's axes", () => {
    expect(figure.data.map((t) => [t.xaxis, t.yaxis])).toEqual([
      [undefined, undefined],
      ["x2", "y2"],
      ["x2", "y2"],
    ]);
  });

  it("titles every axis and every panel", () => {
    const layout = figure.layout as Record<string, Axis> & { annotations: { text: string }[] };
    expect(layout.xaxis.title?.text).toBe("step");
    expect(layout.xaxis2.title?.text).toBe("step");
    expect(layout.yaxis.title?.text).toBe("MSE");
    expect(layout.yaxis2.title?.text).toBe("cross-entropy (nats)");
    expect(layout.yaxis2.type).toBe("log");
    expect(layout.annotations.map((a) => a.text)).toEqual(["regression", "classification"]);
  });

  it("gives a series one colour in every panel and one legend entry", () => {
    const colour = (i: number) => (figure.data[i].line as { color: string }).color;
    // "train" is the first name seen, "test" the second: palette colours 0 and 1.
    expect([colour(0), colour(1), colour(2)]).toEqual([colorAt(0), colorAt(0), colorAt(1)]);
    expect(figure.data.map((t) => t.legendgroup)).toEqual(["train", "train", "test"]);
    expect(figure.data.map((t) => t.showlegend)).toEqual([undefined, false, undefined]);
  });

  it("colours distinct names in order of first appearance", () => {
    const three = trainingCurves([
      {
        title: "a",
        y: { title: "loss" },
        series: [
          { name: "p", x: steps, y: steps },
          { name: "q", x: steps, y: steps },
        ],
      },
      {
        title: "b",
        y: { title: "loss" },
        series: [
          { name: "r", x: steps, y: steps },
          { name: "p", x: steps, y: steps },
        ],
      },
    ]);
    expect(three.data.map((t) => (t.line as { color: string }).color)).toEqual([
      colorAt(0),
      colorAt(1),
      colorAt(2),
      colorAt(0),
    ]);
    expect(three.data.map((t) => t.showlegend)).toEqual([undefined, undefined, undefined, false]);
  });
});

describe("lossSurface", () => {
  const input = {
    x: [0, 1, 2],
    y: [0, 1],
    z: [
      [0, 1, 4],
      [1, 2, 5],
    ],
  };

  it("draws a contour with titled axes and a path on top", () => {
    const figure = lossSurface(input, {
      x: { title: "w" },
      y: { title: "b" },
      path: { name: "gradient descent", x: [2, 1, 0], y: [1, 0.5, 0] },
    });
    expect(figure.data.map((t) => [t.type, t.name])).toEqual([
      ["contour", undefined],
      ["scatter", "gradient descent"],
    ]);
    expect(figure.data[0].z).toEqual(input.z);
    expect(figure.layout.xaxis?.title?.text).toBe("w");
    expect(figure.data[0].colorbar).toEqual({ title: { text: "loss" } });
  });

  it("titles the scene axes of a 3-D surface and refuses a path there", () => {
    const figure: Figure = lossSurface(input, {
      kind: "surface",
      x: { title: "w" },
      y: { title: "b" },
      z: { title: "MSE" },
    });
    expect(figure.data[0].type).toBe("surface");
    expect(figure.layout.scene).toEqual({
      xaxis: { title: { text: "w" } },
      yaxis: { title: { text: "b" } },
      zaxis: { title: { text: "MSE" } },
    });
    expect(() =>
      lossSurface(input, {
        kind: "surface",
        x: { title: "w" },
        y: { title: "b" },
        path: { name: "p", x: [0], y: [0] },
      }),
    ).toThrow(/lossSurface: path/);
  });

  it("rejects a z that does not match the axes", () => {
    expect(() =>
      lossSurface(
        {
          ...input,
          z: [
            [0, 1],
            [1, 2],
          ],
        },
        { x: { title: "w" }, y: { title: "b" } },
      ),
    ).toThrow(/lossSurface: z\[0\]: expected 3 values, got 2/);
  });
});
