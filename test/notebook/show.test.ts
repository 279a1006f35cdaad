import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import { lineChart } from "../../src/plot/builders";
import { figureHtml } from "../../src/plot/html";
import type { Figure } from "../../src/plot/figure";
import { display, figureBundle, PLOTLY_EMBED_ATTRIBUTE, PLOTLY_MIME_TYPE, show } from "../../src/notebook";
import { plotlyEmbed } from "../../src/notebook/plotlyLibrary";

const figure = lineChart([{ name: "MSE </script><!-- x", x: [0, 1, 2], y: [0, 1, 4] }], {
  x: { title: "residual" },
  y: { title: "loss" },
});

const EMBED = /<script data-losslab-plotly>[\s\S]*?<\/script>/g;

function count(text: string, piece: string): number {
  return text.split(piece).length - 1;
}

describe("figureHtml", () => {
  it("draws the figure with Plotly.newPlot in a div of the given id, with no URL and no plotly.js", () => {
    const html = figureHtml(figure, { id: "chart-1", height: 300 });
    expect(html).toContain('<div id="chart-1"');
    expect(html).toContain("height: 300px");
    expect(html).toContain('document.getElementById("chart-1")');
    expect(html).toContain("Plotly.newPlot(div, figure.data, figure.layout, figure.config)");
    expect(html).toContain('"responsive":true');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain(PLOTLY_EMBED_ATTRIBUTE);
    expect(count(html, "<script")).toBe(1);
  });

  it("escapes the figure's text so that it cannot close the script", () => {
    const html = figureHtml(figure);
    expect(count(html, "</script>")).toBe(1);
    expect(html).not.toContain("<!--");
    const json = /var figure = (.*);\n/.exec(html)![1];
    expect(JSON.parse(json).data[0].name).toBe("MSE </script><!-- x");
  });

  it("derives a stable id from the content when none is given", () => {
    const id = (html: string) => /<div id="([^"]+)"/.exec(html)![1];
    const other = lineChart([{ name: "L1", x: [0], y: [0] }], { x: { title: "r" }, y: { title: "l" } });
    expect(id(figureHtml(figure))).toBe(id(figureHtml(figure)));
    expect(id(figureHtml(figure))).not.toBe(id(figureHtml(other)));
    expect(id(figureHtml(figure))).toMatch(/^losslab-/);
  });

  it("rejects an id that is not a plain name and a height that is not positive", () => {
    expect(() => figureHtml(figure, { id: 'x" onload="alert(1)' })).toThrow(/figureHtml: id/);
    expect(() => figureHtml(figure, { height: 0 })).toThrow(/figureHtml: height/);
  });
});

describe("plotlyEmbed", () => {
  it("is plotly.js from the npm package in one marked script, shielded from RequireJS, with no src", () => {
    const embed = plotlyEmbed();
    expect(embed.match(EMBED)).toEqual([embed]);
    expect(embed.startsWith(`<script ${PLOTLY_EMBED_ATTRIBUTE}>\n`)).toBe(true);
    expect(embed).toContain("plotly.js v3");
    expect(embed.length).toBeGreaterThan(1_000_000);
    expect(embed).toContain("(function (define, module, exports) {");
    expect(embed).not.toMatch(/<script[^>]*\ssrc=/);
  });
});

describe("figureBundle", () => {
  it("carries plotly's JSON (data, layout with the chart's height, config) and the HTML chart", () => {
    const bundle = figureBundle(figure, { id: "chart-3", height: 300 });
    expect(Object.keys(bundle).sort()).toEqual([PLOTLY_MIME_TYPE, "text/html"].sort());
    expect(bundle[PLOTLY_MIME_TYPE]).toEqual({
      data: figure.data,
      layout: { ...figure.layout, height: 300 },
      config: { responsive: true, displaylogo: false },
    });
    expect(bundle["text/html"]).toBe(figureHtml(figure, { id: "chart-3", height: 300 }));
  });

  it("takes the height from the layout, else 450, and passes frames on when the figure has them", () => {
    const animated: Figure = {
      ...figure,
      layout: { ...figure.layout, height: 320 },
      frames: [{ name: "step 1", data: [{ type: "scatter", x: [0], y: [1] }] }],
    };
    const json = figureBundle(animated)[PLOTLY_MIME_TYPE] as { layout: { height: number }; frames: unknown };
    expect(json.layout.height).toBe(320);
    expect(json.frames).toEqual(animated.frames);
    expect(figureBundle(animated)["text/html"]).toContain("height: 320px");
    expect((figureBundle(figure)[PLOTLY_MIME_TYPE] as { layout: { height: number } }).layout.height).toBe(450);
    expect(figureBundle(figure)[PLOTLY_MIME_TYPE]).not.toHaveProperty("frames");
  });

  it("puts the given prefix before the HTML chart only", () => {
    const bundle = figureBundle(figure, { id: "chart-4", htmlPrefix: "<p>first</p>" });
    expect(bundle["text/html"]).toBe(`<p>first</p>\n${figureHtml(figure, { id: "chart-4" })}`);
    expect(JSON.stringify(bundle[PLOTLY_MIME_TYPE])).not.toContain("first");
  });
});

type Sent = { content: { data: Record<string, unknown>; metadata: object; transient: object }; update: boolean };

describe("show and display in a kernel", () => {
  // The module tslab's kernel sets when it executes a cell: the writer its own display sends through.
  // Node's require, not an import: the display looks tslab up through Node's module cache, outside vitest's.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  let sent: Sent[];
  beforeEach(() => {
    sent = [];
    jupyter.lastWriteDisplayData = (content: Sent["content"], update: boolean) => sent.push({ content, update });
  });
  afterEach(() => {
    jupyter.lastWriteDisplayData = null;
  });

  it("say clearly that they need a tslab kernel when none is running", () => {
    jupyter.lastWriteDisplayData = null;
    expect(() => show(figure)).toThrow(/^show: no tslab kernel is running this code.*plot\.figureHtml/);
    expect(() => display(1)).toThrow(/^display: no tslab kernel is running this code/);
  });

  it("show sends ONE new display per figure with plotly's JSON and HTML, plotly.js in the first only", () => {
    show(figure);
    show(figure, { height: 250 });
    expect(sent).toHaveLength(2);
    expect(sent.map((s) => s.update)).toEqual([false, false]);
    expect(sent.map((s) => Object.keys(s.content.data).sort())).toEqual([
      [PLOTLY_MIME_TYPE, "text/html"].sort(),
      [PLOTLY_MIME_TYPE, "text/html"].sort(),
    ]);
    const [first, second] = sent.map((s) => s.content.data["text/html"] as string);
    expect(first.match(EMBED)).toHaveLength(1);
    expect(first.indexOf(PLOTLY_EMBED_ATTRIBUTE)).toBeLessThan(first.indexOf('<div id="'));
    expect(second).not.toContain(PLOTLY_EMBED_ATTRIBUTE);
    expect(second).toContain("height: 250px");
    expect(sent[1].content.data[PLOTLY_MIME_TYPE]).toMatchObject({ data: figure.data, layout: { height: 250 } });
    // The same figure shown twice gets two different div ids.
    const id = (html: string) => /<div id="([^"]+)"/.exec(html)![1];
    expect(id(first)).not.toBe(id(second));
  });

  it("display sends a tensor as text/plain and an HTML table in one display, creating no tensor", () => {
    const tensor = tf.tensor2d([
      [1.5, 2],
      [3, 4],
    ]);
    const before = tf.memory().numTensors;
    display(tensor);
    expect(tf.memory().numTensors).toBe(before);
    tensor.dispose();
    expect(sent).toHaveLength(1);
    const { data } = sent[0].content;
    expect(Object.keys(data).sort()).toEqual(["text/html", "text/plain"]);
    expect(data["text/plain"]).toBe("tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])");
    expect(data["text/html"]).toContain("<td>1.5000</td><td>2.0000</td>");
  });

  it("display shows a figure as show does, and other values as text", () => {
    display(figure);
    display("a note");
    display({ loss: 0.25 });
    expect(Object.keys(sent[0].content.data)).toContain(PLOTLY_MIME_TYPE);
    expect(sent.slice(1).map((s) => s.content.data)).toEqual([
      { "text/plain": "a note" },
      { "text/plain": "{ loss: 0.25 }" },
    ]);
  });
});
