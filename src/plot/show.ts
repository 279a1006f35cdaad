/**
 * How a figure reaches a notebook, and the only place in losslab that knows.
 *
 * A figure travels as ONE `text/html` display: tslab's `display` sends one MIME type per call,
 * and nbconvert's HTML export keeps `text/html` but drops plotly's JSON and `text/javascript`.
 * The HTML is a `<div>` and a `<script>` that calls `Plotly.newPlot(div, data, layout,
 * {responsive: true})` once `window.Plotly` exists (it waits for it when needed).
 *
 * plotly.js itself comes from the npm package `plotly.js-dist-min`, never from a CDN: the first
 * `show()` in a process embeds the whole library once, as
 *
 *   <script data-losslab-plotly>…plotly.min.js, wrapped…</script>
 *
 * (that exact opening tag, closed by the first `</script>` after it; the library holds no
 * `</script`). The site exporter finds this marker, strips the element and loads plotly from a
 * local asset instead. The wrapper runs the library in a function scope where `define`,
 * `module` and `exports` are undefined, so that a page with RequireJS (classic Jupyter
 * Notebook) still gets `window.Plotly`. A new kernel process embeds the library again.
 */
import { readFileSync } from "fs";
import type { Figure } from "./figure";

/** The attribute that marks the one script element carrying plotly.js. */
export const PLOTLY_EMBED_ATTRIBUTE = "data-losslab-plotly";

export interface FigureHtmlOptions {
  /** Embed plotly.js (≈ 4.8 MB) before the chart. Default false. */
  includePlotly?: boolean;
  /** The chart div's id; default derived from the figure's content. Letters, digits, - and _. */
  id?: string;
  /** The chart's height in CSS pixels; it takes the full width. Default 450. */
  height?: number;
}

/**
 * The HTML that draws `figure` in a page: optionally the plotly.js embed, then the chart's div
 * and script. Pure apart from reading plotly.js from node_modules (once) when asked to embed it.
 * @throws RangeError when `id` has characters other than letters, digits, - and _, or
 * `height` is not a positive number.
 */
export function figureHtml(
  figure: Figure,
  { includePlotly = false, id = `losslab-${contentHash(figure)}`, height = 450 }: FigureHtmlOptions = {},
): string {
  if (!/^[A-Za-z][\w-]*$/.test(id)) {
    throw new RangeError(`figureHtml: id: expected a letter then letters, digits, - or _, got ${JSON.stringify(id)}`);
  }
  if (!(height > 0)) throw new RangeError(`figureHtml: height: expected a positive number, got ${height}`);
  const chart = [
    `<div id="${id}" class="losslab-figure" style="width: 100%; height: ${height}px;"></div>`,
    `<script>\n${drawScript(id, figure)}\n</script>`,
  ].join("\n");
  return includePlotly ? `${plotlyEmbed()}\n${chart}` : chart;
}

export interface ShowOptions {
  /** The chart's height in CSS pixels. Default 450. */
  height?: number;
}

let plotlyEmbedded = false;
let shownCount = 0;

/**
 * Displays `figure` in the running tslab notebook, embedding plotly.js with the first figure
 * this process shows.
 * @throws Error when no tslab kernel is running this code (use figureHtml elsewhere).
 */
export function show(figure: Figure, { height }: ShowOptions = {}): void {
  const html = figureHtml(figure, {
    includePlotly: !plotlyEmbedded,
    id: `losslab-${contentHash(figure)}-${shownCount + 1}`,
    height,
  });
  displayHtml(html);
  plotlyEmbedded = true;
  shownCount += 1;
}

interface Tslab {
  display: { html(html: string): void };
}

function displayHtml(html: string): void {
  const notInKernel =
    "show: no tslab kernel is running this code, so there is no notebook to display in. " +
    "In a script or a test, build the page with figureHtml(figure, { includePlotly: true }) instead";
  let tslab: Tslab;
  try {
    tslab = loadTslab();
  } catch (error) {
    throw new Error(`${notInKernel} (tslab could not be loaded: ${(error as Error).message})`);
  }
  try {
    tslab.display.html(html);
  } catch (error) {
    throw new Error(`${notInKernel} (tslab says: ${(error as Error).message})`);
  }
}

/**
 * The tslab module of the kernel running this process: resolved from the kernel's own entry
 * point first (a kernel installed elsewhere has its own copy), else from this package.
 */
function loadTslab(): Tslab {
  try {
    if (require.main) return require.main.require("tslab") as Tslab;
  } catch {
    // Not resolvable from the entry point: fall back to this package's copy.
  }
  return require("tslab") as Tslab;
}

function drawScript(id: string, figure: Figure): string {
  const spec = scriptJson({
    data: figure.data,
    layout: figure.layout,
    frames: figure.frames ?? null,
    config: { responsive: true, displaylogo: false },
  });
  return `(function () {
  var figure = ${spec};
  function draw(Plotly) {
    var div = document.getElementById(${JSON.stringify(id)});
    if (!div) return;
    Plotly.newPlot(div, figure.data, figure.layout, figure.config).then(function (plot) {
      if (figure.frames) return Plotly.addFrames(plot, figure.frames);
    });
  }
  if (window.Plotly) return draw(window.Plotly);
  var waited = 0;
  var timer = setInterval(function () {
    if (window.Plotly) {
      clearInterval(timer);
      draw(window.Plotly);
    } else if ((waited += 50) >= 30000) {
      clearInterval(timer);
      var div = document.getElementById(${JSON.stringify(id)});
      if (div) div.textContent = "plotly.js did not load: run the notebook from the start (its first figure carries the library).";
    }
  }, 50);
})();`;
}

/** JSON that is safe inside a <script> element: no "<" that could close it or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

let plotlyEmbedCache: string | undefined;

function plotlyEmbed(): string {
  if (plotlyEmbedCache === undefined) {
    const source = readFileSync(require.resolve("plotly.js-dist-min"), "utf8");
    if (/<\/script|<!--/i.test(source)) {
      throw new Error("figureHtml: plotly.js-dist-min contains </script or <!--, so it cannot be inlined in a <script> element");
    }
    plotlyEmbedCache = [
      `<script ${PLOTLY_EMBED_ATTRIBUTE}>`,
      `if (typeof window.Plotly === "undefined") (function (define, module, exports) {`,
      source,
      `}).call(window);`,
      `</script>`,
    ].join("\n");
  }
  return plotlyEmbedCache;
}

/** A short hash of the figure's JSON (FNV-1a, 32 bits, base 36): ids stable from run to run. */
function contentHash(figure: Figure): string {
  const text = JSON.stringify(figure);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
