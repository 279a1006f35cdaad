/**
 * A figure as HTML: a `<div>` and a `<script>` that calls `Plotly.newPlot(div, data, layout, config)` once
 * `window.Plotly` exists (waiting for it when needed). Pure: figure in, text out; the page supplies plotly.js.
 */
import type { Figure } from "./figure";

export interface FigureHtmlOptions {
  /** The chart div's id; default derived from the figure's content. Letters, digits, - and _. */
  id?: string;
  /** The chart's height in CSS pixels; it takes the full width. Default 450. */
  height?: number;
}

/** The chart height when neither the caller nor the figure's layout gives one. */
export const DEFAULT_FIGURE_HEIGHT = 450;

/**
 * The HTML that draws `figure` in a page that loads plotly.js: the chart's div and script.
 * @throws RangeError when `id` has characters other than letters, digits, - and _, or
 * `height` is not a positive number.
 */
export function figureHtml(
  figure: Figure,
  { id = `losslab-${contentHash(figure)}`, height = DEFAULT_FIGURE_HEIGHT }: FigureHtmlOptions = {},
): string {
  if (!/^[A-Za-z][\w-]*$/.test(id)) {
    throw new RangeError(`figureHtml: id: expected a letter then letters, digits, - or _, got ${JSON.stringify(id)}`);
  }
  if (!(height > 0)) throw new RangeError(`figureHtml: height: expected a positive number, got ${height}`);
  return [
    `<div id="${id}" class="losslab-figure" style="width: 100%; height: ${height}px;"></div>`,
    `<script>\n${drawScript(id, figure)}\n</script>`,
  ].join("\n");
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
      if (div) div.textContent = "plotly.js did not load: run the notebook from the start " +
        "(its first figure carries the library).";
    }
  }, 50);
})();`;
}

/** JSON that is safe inside a <script> element: no "<" that could close it or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A short hash of the figure's JSON (FNV-1a, 32 bits, base 36): ids stable from run to run. */
export function contentHash(figure: Figure): string {
  const text = JSON.stringify(figure);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
