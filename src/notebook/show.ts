/**
 * A figure in a notebook: ONE display carrying two representations of the chart.
 *
 * - `application/vnd.plotly.v1+json`: `{ data, layout, config, frames? }`, drawn natively by JupyterLab's plotly
 *   extension (and VS Code) with its own plotly.js, also when a saved notebook is reopened untrusted.
 * - `text/html`: the chart's div and script for classic Notebook, nbconvert's HTML and the site; the first figure a
 *   kernel process shows carries plotly.js before it (plotlyLibrary.ts).
 */
import type { Figure } from "../plot/figure";
import { contentHash, DEFAULT_FIGURE_HEIGHT, figureHtml } from "../plot/html";
import { type MimeBundle, publishDisplay } from "./kernel";
import { PLOTLY_INSTALL_HINT, plotlyEmbed } from "./plotlyLibrary";

export const PLOTLY_MIME_TYPE = "application/vnd.plotly.v1+json";

export interface ShowOptions {
  /** The chart's height in CSS pixels. Default: the layout's height, else 450. */
  height?: number;
}

export interface FigureBundleOptions extends ShowOptions {
  /** The HTML chart's div id. */
  id?: string;
  /** HTML placed before the chart in the text/html fallback (plotly.js's embed, or a note that it is missing). */
  htmlPrefix?: string;
}

/**
 * The MIME bundle of a figure: plotly's JSON (its layout given the chart's height) and the HTML fallback.
 * @example figureBundle(figure)["application/vnd.plotly.v1+json"]; // { data, layout, config }
 */
export function figureBundle(figure: Figure, { height, id, htmlPrefix = "" }: FigureBundleOptions = {}): MimeBundle {
  const layoutHeight = typeof figure.layout.height === "number" ? figure.layout.height : undefined;
  const chartHeight = height ?? layoutHeight ?? DEFAULT_FIGURE_HEIGHT;
  const plotly = {
    data: figure.data,
    layout: { ...figure.layout, height: chartHeight },
    config: { responsive: true, displaylogo: false },
    ...(figure.frames ? { frames: figure.frames } : {}),
  };
  const html = figureHtml(figure, { id, height: chartHeight });
  return { [PLOTLY_MIME_TYPE]: plotly, "text/html": htmlPrefix ? `${htmlPrefix}\n${html}` : html };
}

let plotlyEmbedded = false;
let shownCount = 0;

/** plotly.js for the first figure of this process, or a visible note on how to install it. */
function plotlyForFallback(): { html: string; embedded: boolean } {
  if (plotlyEmbedded) return { html: "", embedded: true };
  try {
    return { html: plotlyEmbed(), embedded: true };
  } catch (error) {
    console.warn(`show: ${(error as Error).message}`);
    const note =
      `plotly.js-dist-min is not installed, so this chart draws only where Jupyter has plotly's ` +
      `renderer (JupyterLab, VS Code): ${PLOTLY_INSTALL_HINT} to draw it here too.`;
    return { html: `<p class="losslab-plotly-missing">${note}</p>`, embedded: false };
  }
}

/**
 * Displays `figure` in the running tslab notebook as one display with plotly's JSON and an HTML fallback.
 * @throws Error when no tslab kernel is running this code (plot.figureHtml gives the chart's HTML elsewhere).
 */
export function show(figure: Figure, options: ShowOptions = {}): void {
  const id = `losslab-${contentHash(figure)}-${shownCount + 1}`;
  const plotly = plotlyForFallback();
  const bundle = figureBundle(figure, { ...options, id, htmlPrefix: plotly.html });
  publishDisplay("show", bundle, "plot.figureHtml(figure) gives the chart's HTML for a page of your own");
  plotlyEmbedded = plotly.embedded;
  shownCount += 1;
}
