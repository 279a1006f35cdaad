// A code cell's outputs as the site shows them: plotly charts drawn from their JSON with the
// page's local plotly.js, HTML before plain text, streams and errors as text. Pure functions.
import { escapeHtml, renderMarkdown } from "./markdown";

/** A MIME bundle's value: text (possibly split in lines) or, for JSON types, the parsed value. */
export type MimeValue = string | string[] | Record<string, unknown>;

export interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error";
  name?: string;
  text?: string | string[];
  data?: Record<string, MimeValue>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/**
 * The opening tag of the one script element that carries plotly.js inside a chart's text/html
 * (the first chart a kernel shows embeds it); the element ends at the first `</script>` after it.
 */
export const PLOTLY_EMBED_TAG = "<script data-losslab-plotly>";

/** A chart's height when its layout does not give one (plotly's default). */
const DEFAULT_CHART_HEIGHT = 450;

export const joinText = (text: MimeValue | undefined): string =>
  typeof text === "string" ? text : Array.isArray(text) ? text.join("") : "";

/** An output's HTML with plotly.js's embedded copy removed: the page loads it from assets/. */
export function withoutEmbeddedPlotly(html: string): string {
  let rest = html;
  for (let start = rest.indexOf(PLOTLY_EMBED_TAG); start >= 0; start = rest.indexOf(PLOTLY_EMBED_TAG)) {
    const end = rest.indexOf("</script>", start);
    if (end < 0) throw new Error(`an output's ${PLOTLY_EMBED_TAG} has no </script>`);
    rest = rest.slice(0, start) + rest.slice(end + "</script>".length);
  }
  return rest;
}

/** JSON that is safe inside a <script> element: no "<" that could close it or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

interface PlotlyFigure {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: unknown[];
}

function plotlyFigure(value: MimeValue): PlotlyFigure {
  const figure = (
    typeof value === "object" && !Array.isArray(value) ? value : JSON.parse(joinText(value))
  ) as Partial<PlotlyFigure>;
  if (!Array.isArray(figure?.data)) {
    throw new Error(
      `${PLOTLY_MIME} output: expected {data: [...], layout, config?, frames?}, ` +
        `got ${JSON.stringify(figure).slice(0, 80)}`,
    );
  }
  return figure as PlotlyFigure;
}

/**
 * A div and the script that draws `figure` in it with the page's plotly.js, the same way for
 * every chart: `Plotly.newPlot(id, data, layout, config)`, then its animation frames if any.
 */
export function plotlyChart(value: MimeValue, id: string): string {
  const figure = plotlyFigure(value);
  const layout = figure.layout ?? {};
  const height = typeof layout.height === "number" ? layout.height : DEFAULT_CHART_HEIGHT;
  const spec = scriptJson({
    data: figure.data,
    layout,
    config: { responsive: true, displaylogo: false, ...figure.config },
    frames: figure.frames ?? null,
  });
  return (
    `<div class="output plotly"><div id="${escapeHtml(id)}" class="losslab-figure" ` +
    `style="width: 100%; height: ${height}px;"></div>\n<script>(function (figure) {\n` +
    `  Plotly.newPlot(${scriptJson(id)}, figure.data, figure.layout, figure.config).then(function (div) {\n` +
    `    if (figure.frames) return Plotly.addFrames(div, figure.frames);\n  });\n})(${spec});</script></div>`
  );
}

// ANSI colour codes start with the ESC control character, so the pattern must name it.
// eslint-disable-next-line no-control-regex
const ansiEscape = /\x1b\[[0-9;]*[A-Za-z]/g;

function preformatted(text: string, kind: string): string {
  return `<pre class="output ${kind}">${escapeHtml(text.replace(ansiEscape, ""))}</pre>`;
}

/** The richest MIME type the site can show: a plotly chart, HTML, an image, markdown, then plain text. */
function renderRichOutput(data: Record<string, MimeValue>, id: string): string {
  if (data[PLOTLY_MIME] !== undefined) return plotlyChart(data[PLOTLY_MIME], id);
  if (data["text/html"] !== undefined) {
    return `<div class="output html">${withoutEmbeddedPlotly(joinText(data["text/html"]))}</div>`;
  }
  if (data["image/svg+xml"] !== undefined) return `<div class="output image">${joinText(data["image/svg+xml"])}</div>`;
  if (data["image/png"] !== undefined) {
    const png = joinText(data["image/png"]).trim();
    return `<div class="output image"><img alt="" src="data:image/png;base64,${png}"></div>`;
  }
  if (data["text/markdown"] !== undefined) {
    return `<div class="output markdown">${renderMarkdown(joinText(data["text/markdown"]))}</div>`;
  }
  return data["text/plain"] !== undefined ? preformatted(joinText(data["text/plain"]), "result") : "";
}

/** One output as HTML; `id` names the chart element if the output is a plotly chart. */
export function renderOutput(output: Output, id = "chart"): string {
  switch (output.output_type) {
    case "stream":
      return preformatted(joinText(output.text), `stream ${output.name === "stderr" ? "stderr" : "stdout"}`);
    case "error":
      return preformatted((output.traceback ?? []).join("\n") || `${output.ename}: ${output.evalue}`, "error");
    default:
      return renderRichOutput(output.data ?? {}, id);
  }
}

/** Consecutive stream outputs of the same name merged, as Jupyter shows them. */
export function mergeStreams(outputs: Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const last = merged[merged.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: joinText(last.text) + joinText(output.text) };
    } else merged.push(output);
  }
  return merged;
}

/** Whether a page showing these outputs needs plotly.js: it draws a chart from JSON or from HTML. */
export function drawsCharts(outputs: Output[]): boolean {
  return outputs.some(
    ({ data }) =>
      data !== undefined && (data[PLOTLY_MIME] !== undefined || joinText(data["text/html"]).includes("Plotly.")),
  );
}
