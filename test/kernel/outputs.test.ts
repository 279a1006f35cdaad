// Outputs as the site shows them, from hand-written nbformat outputs of each kind: a chart as the
// plotly MIME (drawn from its JSON) or as text/html only (plotly.js's embed stripped), rich and
// plain results, streams and errors.
import { describe, expect, it } from "vitest";
import {
  drawsCharts,
  mergeStreams,
  PLOTLY_EMBED_TAG,
  PLOTLY_MIME,
  plotlyChart,
  renderOutput,
  withoutEmbeddedPlotly,
  type Output,
} from "../../kernel/outputs";
import { figureHtml } from "../../src/plot/html";
import { PLOTLY_EMBED_ATTRIBUTE, plotlyEmbed } from "../../src/notebook/plotlyLibrary";

const figure = {
  data: [{ type: "scatter", x: [0, 1], y: [1, 0], name: "</script><script>alert(1)</script>" }],
  layout: { title: { text: "a < b" }, height: 320 },
  config: { displayModeBar: false },
};

/** The JSON literal passed to the chart's drawing function, parsed back. */
function drawnFigure(html: string): Record<string, unknown> {
  const literal = html.slice(html.lastIndexOf("})(") + 3, html.lastIndexOf(");</script>"));
  return JSON.parse(literal) as Record<string, unknown>;
}

describe("a chart as the plotly MIME", () => {
  const bundle: Output = {
    output_type: "display_data",
    data: {
      [PLOTLY_MIME]: figure,
      "text/html": `${PLOTLY_EMBED_TAG}\nwindow.Plotly = {};\n</script>\n<div class="losslab-figure"></div>`,
      "text/plain": "<Figure>",
    },
  };

  it("is drawn from its JSON with Plotly.newPlot into a div of the layout's height, not from its HTML", () => {
    const html = renderOutput(bundle, "figure-3-0");
    expect(html).toContain('<div id="figure-3-0" class="losslab-figure" style="width: 100%; height: 320px;"></div>');
    expect(html).toContain('Plotly.newPlot("figure-3-0", figure.data, figure.layout, figure.config)');
    expect(html).not.toContain("window.Plotly = {}");
    expect(drawnFigure(html)).toEqual({
      data: figure.data,
      layout: figure.layout,
      config: { responsive: true, displaylogo: false, displayModeBar: false },
      frames: null,
    });
  });

  it("escapes < in the JSON so that nothing inside can close the <script>", () => {
    const html = renderOutput(bundle, "figure-3-0");
    const script = html.slice(html.indexOf("<script>") + "<script>".length, html.lastIndexOf("</script>"));
    expect(script).not.toContain("<");
    expect(script).toContain("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>");
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it("reads the JSON stored as text too, defaults the height to 450 px and adds frames", () => {
    const html = plotlyChart(JSON.stringify({ data: [], frames: [{ name: "1", data: [] }] }), "c");
    expect(html).toContain("height: 450px;");
    expect(drawnFigure(html).frames).toEqual([{ name: "1", data: [] }]);
    expect(html).toContain("Plotly.addFrames(div, figure.frames)");
  });

  it("is refused, naming the MIME type, without a data array", () => {
    expect(() => plotlyChart({ layout: {} }, "c")).toThrow(
      /application\/vnd\.plotly\.v1\+json output: expected \{data/,
    );
  });
});

describe("a chart as text/html only", () => {
  it("keeps the chart and strips plotly.js's embed, found by its exact marker", () => {
    const chart = '<div class="losslab-figure"></div><script>draw()</script>';
    const html = `${PLOTLY_EMBED_TAG}\nwindow.Plotly = {};\n</script>\n${chart}`;
    expect(withoutEmbeddedPlotly(html)).toBe(`\n${chart}`);
    expect(renderOutput({ output_type: "display_data", data: { "text/html": html.split(/(?<=\n)/) } })).toBe(
      `<div class="output html">\n${chart}</div>`,
    );
  });

  it("leaves scripts that only mention the marker in their text, and other attributes, alone", () => {
    const html = '<script>var tag = "data-losslab-plotly";</script><script data-other>x()</script>';
    expect(withoutEmbeddedPlotly(html)).toBe(html);
  });

  it("says so when the embed is not closed", () => {
    expect(() => withoutEmbeddedPlotly(`${PLOTLY_EMBED_TAG} var a;`)).toThrow(/has no <\/script>/);
  });

  it("strips the embed that the notebook display writes, whole", () => {
    expect(PLOTLY_EMBED_TAG).toBe(`<script ${PLOTLY_EMBED_ATTRIBUTE}>`);
    const dot = { data: [{ type: "scatter" as const, x: [0], y: [0] }], layout: {} };
    const chart = figureHtml(dot, { id: "c" });
    const embedded = `${plotlyEmbed()}\n${chart}`;
    expect(embedded.length).toBeGreaterThan(1_000_000);
    expect(withoutEmbeddedPlotly(embedded)).toBe(`\n${chart}`);
  });
});

describe("other outputs", () => {
  it("prefers a tensor's HTML table to its text, then images, then plain text", () => {
    expect(
      renderOutput({
        output_type: "execute_result",
        data: {
          "text/html": "<table><tr><td>1.5000</td></tr></table>",
          "text/plain": "tensor(1.5000)",
        },
      }),
    ).toBe('<div class="output html"><table><tr><td>1.5000</td></tr></table></div>');
    expect(renderOutput({ output_type: "execute_result", data: { "image/png": "AAAA\n", "text/plain": "x" } })).toBe(
      '<div class="output image"><img alt="" src="data:image/png;base64,AAAA"></div>',
    );
    expect(renderOutput({ output_type: "execute_result", data: { "text/plain": ["tensor([1., <2.])"] } })).toBe(
      '<pre class="output result">tensor([1., &lt;2.])</pre>',
    );
  });

  it("renders a markdown result with its math", () => {
    expect(renderOutput({ output_type: "display_data", data: { "text/markdown": "**b**" } })).toBe(
      '<div class="output markdown"><p><strong>b</strong></p>\n</div>',
    );
  });

  it("escapes streams and drops ANSI colours", () => {
    expect(renderOutput({ output_type: "stream", name: "stderr", text: ["\x1b[31m<b>\x1b[0m & 1\n"] })).toBe(
      '<pre class="output stream stderr">&lt;b&gt; &amp; 1\n</pre>',
    );
  });

  it("shows an error's traceback without colours, or its name and value when it has none", () => {
    expect(
      renderOutput({
        output_type: "error",
        ename: "E",
        evalue: "v",
        traceback: ["\x1b[31mLossInputError: mseLoss: <input>\x1b[0m", "  at cell 3"],
      }),
    ).toBe('<pre class="output error">LossInputError: mseLoss: &lt;input&gt;\n  at cell 3</pre>');
    expect(renderOutput({ output_type: "error", ename: "TypeError", evalue: "x is <undefined>", traceback: [] })).toBe(
      '<pre class="output error">TypeError: x is &lt;undefined&gt;</pre>',
    );
  });

  it("merges consecutive streams of the same name only", () => {
    const out = (name: string, text: string): Output => ({ output_type: "stream", name, text });
    expect(
      mergeStreams([out("stdout", "a\n"), out("stdout", "b\n"), out("stderr", "c\n"), out("stdout", "d\n")]),
    ).toEqual([out("stdout", "a\nb\n"), out("stderr", "c\n"), out("stdout", "d\n")]);
  });

  it("says which outputs need plotly.js on the page", () => {
    expect(drawsCharts([{ output_type: "display_data", data: { [PLOTLY_MIME]: figure } }])).toBe(true);
    expect(
      drawsCharts([{ output_type: "display_data", data: { "text/html": "<script>Plotly.newPlot()</script>" } }]),
    ).toBe(true);
    expect(
      drawsCharts([
        { output_type: "stream", name: "stdout", text: "Plotly.newPlot" },
        { output_type: "execute_result", data: { "text/plain": "1" } },
      ]),
    ).toBe(false);
  });
});
