import { afterEach, describe, expect, it } from "vitest";
import { lineChart } from "../../src/plot/builders";
import { figureHtml, PLOTLY_EMBED_ATTRIBUTE, show } from "../../src/plot/show";

const figure = lineChart([{ name: "MSE </script><!-- x", x: [0, 1, 2], y: [0, 1, 4] }], {
  x: { title: "residual" },
  y: { title: "loss" },
});

const EMBED = /<script data-losslab-plotly>[\s\S]*?<\/script>/g;

function count(text: string, piece: string): number {
  return text.split(piece).length - 1;
}

describe("figureHtml", () => {
  it("draws the figure with Plotly.newPlot in a div of the given id, with no URL", () => {
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

  it("embeds plotly.js exactly once, from the npm package, before the chart", () => {
    const html = figureHtml(figure, { includePlotly: true, id: "chart-2" });
    const embeds = html.match(EMBED)!;
    expect(embeds).toHaveLength(1);
    expect(count(html, PLOTLY_EMBED_ATTRIBUTE)).toBe(1);
    expect(embeds[0]).toContain("plotly.js v3");
    expect(embeds[0].length).toBeGreaterThan(1_000_000);
    // Shadowed so that RequireJS's define/module/exports cannot capture the library.
    expect(embeds[0]).toContain("(function (define, module, exports) {");
    expect(html.indexOf(PLOTLY_EMBED_ATTRIBUTE)).toBeLessThan(html.indexOf('<div id="chart-2"'));
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    // Outside the embedded library (whose comments and map defaults hold URLs), no URL at all.
    expect(html.replace(EMBED, "")).not.toMatch(/https?:\/\//);
    expect(html.replace(EMBED, "")).toBe(figureHtml(figure, { id: "chart-2" }).replace(/^/, "\n"));
  });

  it("rejects an id that is not a plain name and a height that is not positive", () => {
    expect(() => figureHtml(figure, { id: 'x" onload="alert(1)' })).toThrow(/figureHtml: id/);
    expect(() => figureHtml(figure, { height: 0 })).toThrow(/figureHtml: height/);
  });
});

describe("show", () => {
  // The module tslab's kernel sets when it executes a cell: the hook its display writes to.
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  afterEach(() => {
    jupyter.lastWriteDisplayData = null;
  });

  it("says clearly that it needs a tslab kernel when none is running", () => {
    expect(() => show(figure)).toThrow(/show: no tslab kernel is running this code.*figureHtml/);
  });

  it("sends one text/html display, with plotly.js in the first only", () => {
    const sent: { data: Record<string, string> }[] = [];
    jupyter.lastWriteDisplayData = (message: { data: Record<string, string> }) => sent.push(message);
    show(figure);
    show(figure, { height: 250 });
    expect(sent).toHaveLength(2);
    expect(sent.map((m) => Object.keys(m.data))).toEqual([["text/html"], ["text/html"]]);
    const [first, second] = sent.map((m) => m.data["text/html"]);
    expect(first.match(EMBED)).toHaveLength(1);
    expect(second).not.toContain(PLOTLY_EMBED_ATTRIBUTE);
    expect(second).toContain("height: 250px");
    // The same figure shown twice gets two different div ids.
    const id = (html: string) => /<div id="([^"]+)"/.exec(html)![1];
    expect(id(first)).not.toBe(id(second));
  });
});
