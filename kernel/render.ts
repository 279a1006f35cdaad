// Renders an executed notebook's JSON to HTML fragments: markdown with KaTeX math (kernel/markdown.ts),
// TypeScript highlighted, the cells' outputs (kernel/outputs.ts), solutions collapsed; and reads a
// notebook's title, summary and reading time from markdown-it's tokens. Pure functions; kernel/site.ts
// writes the pages.
import type Token from "markdown-it/lib/token.mjs";
import { highlightCode, inlineText, parseMarkdown, renderMarkdown } from "./markdown";
import { drawsCharts, joinText, mergeStreams, renderOutput, type Output } from "./outputs";

export interface CellMetadata {
  tags?: string[];
  jupyter?: { source_hidden?: boolean; outputs_hidden?: boolean };
  [key: string]: unknown;
}

export interface Cell {
  cell_type: "markdown" | "code" | "raw";
  source: string | string[];
  metadata?: CellMetadata;
  outputs?: Output[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
}

/** The tag of an exercise's solution cell (its source is hidden in JupyterLab too). */
export const SOLUTION_TAG = "solution";

const isSolution = (cell: Cell) => cell.metadata?.tags?.includes(SOLUTION_TAG) ?? false;
const isSourceHidden = (cell: Cell) => cell.metadata?.jupyter?.source_hidden === true;

function renderCodeCell(cell: Cell, index: number): string {
  const prompt = cell.execution_count ? `[${cell.execution_count}]` : "[ ]";
  const outputs = mergeStreams(cell.outputs ?? [])
    .map((output, n) => renderOutput(output, `figure-${index}-${n}`))
    .join("\n");
  return (
    `<div class="input"><span class="prompt">${prompt}</span>` +
    `<pre><code class="hljs language-typescript">${highlightCode(joinText(cell.source))}</code></pre></div>` +
    (outputs ? `<div class="outputs">${outputs}</div>` : "")
  );
}

/**
 * One cell as HTML. A solution cell (tagged "solution"), or any cell whose source JupyterLab hides,
 * is shown collapsed in a <details>, source and outputs. `index` makes chart ids unique in the page.
 */
export function renderCell(cell: Cell, index = 0): string {
  if (cell.cell_type === "markdown") {
    return `<section class="cell markdown">${renderMarkdown(joinText(cell.source))}</section>`;
  }
  if (cell.cell_type === "raw") return "";
  const code = renderCodeCell(cell, index);
  if (!isSolution(cell) && !isSourceHidden(cell)) return `<section class="cell code">${code}</section>`;
  const kind = isSolution(cell) ? "solution" : "hidden";
  return (
    `<details class="cell code ${kind}"><summary>${isSolution(cell) ? "Solution" : "Code"}</summary>` +
    `${code}</details>`
  );
}

/** The notebook's cells as HTML; an error names the cell it came from. */
export function renderCells(notebook: Notebook): string {
  return notebook.cells
    .map((cell, index) => {
      try {
        return renderCell(cell, index);
      } catch (error) {
        throw new Error(`cell ${index}: ${(error as Error).message}`);
      }
    })
    .join("\n");
}

/** Whether the rendered notebook draws plotly charts (so its page loads plotly.js). */
export function notebookDrawsCharts(notebook: Notebook): boolean {
  return notebook.cells.some((cell) => drawsCharts(cell.outputs ?? []));
}

export interface Heading {
  /** The first h1's inline markdown. */
  title: string;
  /** The title as plain text (math as its TeX), for <title>. */
  titleText: string;
  /** The first paragraph after the title, as inline markdown; "" if none. */
  summary: string;
  /** Minutes, when the first markdown cell says "Reading time: N min". */
  readingMinutes?: number;
}

const readingTime = /reading time:?\s*(?:about\s*|~\s*)?(\d+)\s*min/i;

/** The inline token of each top-level paragraph, in order. */
function paragraphs(tokens: Token[]): Token[] {
  return tokens.flatMap((token, i) =>
    token.type === "paragraph_open" && token.level === 0 && tokens[i + 1]?.type === "inline" ? [tokens[i + 1]] : [],
  );
}

/**
 * The tutorial's title (the first `# ` heading of the first markdown cell), its summary (the first
 * paragraph after the title, one that does not state the reading time) and its reading time,
 * all read from markdown-it's tokens.
 */
export function headingOf(notebook: Notebook): Heading {
  const first = notebook.cells.find((cell) => cell.cell_type === "markdown");
  const tokens = parseMarkdown(joinText(first?.source));
  const titleIndex = tokens.findIndex((token) => token.type === "heading_open" && token.tag === "h1");
  const title = titleIndex >= 0 ? tokens[titleIndex + 1] : undefined;
  const summary = paragraphs(tokens.slice(titleIndex + 1)).find(
    (paragraph) => !readingTime.test(inlineText([paragraph])),
  );
  const minutes = tokens
    .filter((token) => token.type === "inline")
    .map((token) => inlineText([token]))
    .map((text) => readingTime.exec(text))
    .find(Boolean);
  return {
    title: title?.content.trim() ?? "",
    titleText: inlineText(title ? [title] : []).trim(),
    summary: summary?.content.replace(/\s*\n\s*/g, " ").trim() ?? "",
    ...(minutes ? { readingMinutes: Number(minutes[1]) } : {}),
  };
}

/**
 * The notebooks (`NN-name.ipynb`) that the notebook's closing paragraph (the last block of its last
 * markdown cell) links to, when that paragraph links to nothing else: the notebook's own previous/next
 * links. Empty when it has none.
 */
export function closingNotebookLinks(notebook: Notebook): string[] {
  const markdownCells = notebook.cells.filter((cell) => cell.cell_type === "markdown");
  const last = markdownCells[markdownCells.length - 1];
  const tokens = parseMarkdown(joinText(last?.source));
  const closing = tokens[tokens.length - 1]?.type === "paragraph_close" ? tokens[tokens.length - 2] : undefined;
  const hrefs = (closing?.children ?? [])
    .filter((token) => token.type === "link_open")
    .map((token) => token.attrGet("href") ?? "");
  const notebookFile = /^(?:\.\/)?(\d+[\w.-]*\.ipynb)(?:#.*)?$/;
  if (hrefs.length === 0 || !hrefs.every((href) => notebookFile.test(href))) return [];
  return hrefs.map((href) => notebookFile.exec(href)![1]);
}
