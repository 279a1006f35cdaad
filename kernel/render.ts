// Renders an executed notebook's JSON to HTML fragments: markdown with KaTeX math, TypeScript
// highlighted, and the cells' outputs. Pure functions; kernel/site.ts writes the pages.
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import katex from "katex";
import MarkdownIt from "markdown-it";

hljs.registerLanguage("typescript", typescript);

export interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error";
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface Cell {
  cell_type: "markdown" | "code" | "raw";
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
}

export const joinText = (text: string | string[] | undefined): string =>
  Array.isArray(text) ? text.join("") : (text ?? "");

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const markdown = new MarkdownIt({ html: true, highlight: highlightCode });

/** A link to a sibling notebook ("02-x.ipynb#part") becomes a link to its page ("02-x.html#part"). */
export function notebookLinkToPage(href: string): string {
  return href.replace(/^([\w.-]+)\.ipynb(#.*)?$/, "$1.html$2");
}

const renderLinkOpen = markdown.renderer.rules.link_open
  ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const href = tokens[index].attrGet("href");
  if (href) tokens[index].attrSet("href", notebookLinkToPage(href));
  return renderLinkOpen(tokens, index, options, env, self);
};

/** TypeScript source as highlighted HTML (highlight.js classes, no wrapper). */
export function highlightCode(source: string): string {
  return hljs.highlight(source, { language: "typescript", ignoreIllegals: true }).value;
}

interface MathSpan { tex: string; display: boolean }

const placeholder = (index: number) => `LOSSLABMATH${index}END`;

/**
 * Replaces $$…$$ (display) and $…$ (inline) outside code by placeholders markdown leaves alone.
 * A `\$` stays a dollar sign; code fences and `code spans` are copied untouched.
 */
export function extractMath(text: string): { text: string; math: MathSpan[] } {
  const math: MathSpan[] = [];
  const pattern = /(^|\n)(```|~~~)[\s\S]*?\n\2[^\n]*|(`+)[\s\S]*?\3|\\\$|\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g;
  const replaced = text.replace(pattern, (match, _start, _fence, _ticks, display?: string, inline?: string) => {
    if (display !== undefined) return placeholder(math.push({ tex: display.trim(), display: true }) - 1);
    if (inline !== undefined) return placeholder(math.push({ tex: inline.trim(), display: false }) - 1);
    return match;
  });
  return { text: replaced, math };
}

function typeset(span: MathSpan): string {
  try {
    return katex.renderToString(span.tex, { displayMode: span.display, throwOnError: true, output: "html" });
  } catch (error) {
    throw new Error(`KaTeX cannot typeset ${span.display ? "$$" : "$"}${span.tex}${span.display ? "$$" : "$"}: ` +
      `${(error as Error).message}`);
  }
}

function insertMath(html: string, math: MathSpan[]): string {
  return html.replace(/LOSSLABMATH(\d+)END/g, (_match, index: string) => typeset(math[Number(index)]));
}

/** Markdown (with $…$ and $$…$$ math) as HTML. */
export function renderMarkdown(text: string): string {
  const { text: protectedText, math } = extractMath(text);
  return insertMath(markdown.render(protectedText), math);
}

/** One line of markdown as inline HTML (no paragraph). */
export function renderInline(text: string): string {
  const { text: protectedText, math } = extractMath(text);
  return insertMath(markdown.renderInline(protectedText), math);
}

const ansiEscape = /\x1b\[[0-9;]*[A-Za-z]/g;
const embeddedPlotly = /<script\b[^>]*\bdata-losslab-plotly\b[^>]*>[\s\S]*?<\/script>/g;

/** An output's HTML with plotly.js's embedded copy removed: the page loads it from assets/. */
export function withoutEmbeddedPlotly(html: string): string {
  return html.replace(embeddedPlotly, "");
}

function preformatted(text: string, kind: string): string {
  return `<pre class="output ${kind}">${escapeHtml(text.replace(ansiEscape, ""))}</pre>`;
}

function renderRichOutput(data: Record<string, string | string[]>): string {
  if (data["text/html"] !== undefined) return `<div class="output html">${withoutEmbeddedPlotly(joinText(data["text/html"]))}</div>`;
  if (data["image/svg+xml"] !== undefined) return `<div class="output image">${joinText(data["image/svg+xml"])}</div>`;
  if (data["image/png"] !== undefined) {
    return `<div class="output image"><img alt="" src="data:image/png;base64,${joinText(data["image/png"]).trim()}"></div>`;
  }
  if (data["text/markdown"] !== undefined) return `<div class="output markdown">${renderMarkdown(joinText(data["text/markdown"]))}</div>`;
  return data["text/plain"] !== undefined ? preformatted(joinText(data["text/plain"]), "result") : "";
}

export function renderOutput(output: Output): string {
  switch (output.output_type) {
    case "stream":
      return preformatted(joinText(output.text), `stream ${output.name === "stderr" ? "stderr" : "stdout"}`);
    case "error":
      return preformatted((output.traceback ?? []).join("\n") || `${output.ename}: ${output.evalue}`, "error");
    default:
      return renderRichOutput(output.data ?? {});
  }
}

/** Consecutive stream outputs of the same name merged, as Jupyter shows them. */
function mergeStreams(outputs: Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const last = merged[merged.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: joinText(last.text) + joinText(output.text) };
    } else merged.push(output);
  }
  return merged;
}

export function renderCell(cell: Cell): string {
  const source = joinText(cell.source);
  if (cell.cell_type === "markdown") return `<section class="cell markdown">${renderMarkdown(source)}</section>`;
  if (cell.cell_type === "raw") return "";
  const prompt = cell.execution_count ? `[${cell.execution_count}]` : "[ ]";
  const outputs = mergeStreams(cell.outputs ?? []).map(renderOutput).join("\n");
  return `<section class="cell code"><div class="input"><span class="prompt">${prompt}</span>` +
    `<pre><code class="hljs language-typescript">${highlightCode(source)}</code></pre></div>` +
    (outputs ? `<div class="outputs">${outputs}</div>` : "") + `</section>`;
}

/** The notebook's cells as HTML; an error names the cell it came from. */
export function renderCells(notebook: Notebook): string {
  return notebook.cells.map((cell, index) => {
    try {
      return renderCell(cell);
    } catch (error) {
      throw new Error(`cell ${index}: ${(error as Error).message}`);
    }
  }).join("\n");
}

export interface Heading { title: string; summary: string }

/**
 * The tutorial's title (the first markdown cell's `# ` heading) and its one-line summary (the
 * first paragraph after it), both as markdown.
 */
export function headingOf(notebook: Notebook): Heading {
  const first = notebook.cells.find((cell) => cell.cell_type === "markdown");
  const lines = joinText(first?.source).split("\n");
  const titleLine = lines.findIndex((line) => /^#\s/.test(line));
  const title = titleLine >= 0 ? lines[titleLine].replace(/^#\s+/, "").trim() : "";
  const rest = lines.slice(titleLine + 1);
  const start = rest.findIndex((line) => line.trim() !== "" && !/^(#|\$\$)/.test(line.trim()));
  const end = start < 0 ? -1 : rest.findIndex((line, i) => i > start && line.trim() === "");
  const summary = start < 0 ? "" : rest.slice(start, end < 0 ? undefined : end).join(" ").replace(/\s+/g, " ").trim();
  return { title, summary };
}

/** Markdown reduced to plain text, for <title>. */
export function plainText(text: string): string {
  return text.replace(/[`*_$\\]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").trim();
}
