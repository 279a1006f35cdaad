// Writes site/: an index in reading order and one page per executed notebook, with math typeset
// by KaTeX, code highlighted and plotly charts drawn from a local plotly.js. No network needed.
import fs from "node:fs";
import path from "node:path";
import { escapeHtml, renderInline } from "./markdown";
import { executedDir, listNotebooks, repoRoot, siteDir } from "./paths";
import {
  closingNotebookLinks,
  headingOf,
  notebookDrawsCharts,
  renderCells,
  type Heading,
  type Notebook,
} from "./render";

export interface Tutorial {
  /** The clean notebook from notebooks/ (offered for download). */
  source: string;
  /** The executed copy the page is rendered from. */
  executed: string;
}

interface Page extends Heading {
  stem: string;
  notebook: Notebook;
}

const nodeModules = path.join(repoRoot, "node_modules");

/** The shared assets: plotly.js, KaTeX's stylesheet and fonts, the highlight theme, the shell's CSS. */
function copyAssets(assetsDir: string): void {
  const katexDist = path.join(nodeModules, "katex", "dist");
  fs.mkdirSync(path.join(assetsDir, "katex", "fonts"), { recursive: true });
  const plotly = path.join(nodeModules, "plotly.js-dist-min", "plotly.min.js");
  fs.copyFileSync(plotly, path.join(assetsDir, "plotly.min.js"));
  fs.copyFileSync(path.join(katexDist, "katex.min.css"), path.join(assetsDir, "katex", "katex.min.css"));
  for (const font of fs.readdirSync(path.join(katexDist, "fonts")).filter((name) => name.endsWith(".woff2"))) {
    fs.copyFileSync(path.join(katexDist, "fonts", font), path.join(assetsDir, "katex", "fonts", font));
  }
  const highlightTheme = path.join(nodeModules, "highlight.js", "styles", "github.min.css");
  fs.copyFileSync(highlightTheme, path.join(assetsDir, "highlight.css"));
  fs.copyFileSync(path.join(__dirname, "site.css"), path.join(assetsDir, "site.css"));
}

function shell({ title, body, plotly }: { title: string; body: string; plotly: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/highlight.css">
<link rel="stylesheet" href="assets/site.css">
${plotly ? `<script src="assets/plotly.min.js"></script>\n` : ""}</head>
<body>
${body}
</body>
</html>
`;
}

function pager(previous: Page | undefined, next: Page | undefined): string {
  const link = (page: Page | undefined, rel: "prev" | "next") => {
    if (!page) return "";
    const title = rel === "prev" ? `← ${renderInline(page.title)}` : `${renderInline(page.title)} →`;
    return `<a class="${rel}" rel="${rel}" href="${page.stem}.html">${title}</a>`;
  };
  return `<nav class="pager">${link(previous, "prev")}${link(next, "next")}</nav>`;
}

/**
 * Whether the notebook ends with its own previous/next links (a closing paragraph that links only to
 * notebooks, among them a neighbour): then the page's footer does not repeat them; the header keeps its bar.
 */
function hasOwnPager(page: Page, previous: Page | undefined, next: Page | undefined): boolean {
  const neighbours = [previous, next].flatMap((neighbour) => (neighbour ? [`${neighbour.stem}.ipynb`] : []));
  return closingNotebookLinks(page.notebook).some((file) => neighbours.includes(file));
}

function tutorialPage(page: Page, previous: Page | undefined, next: Page | undefined): string {
  const cells = renderCells(page.notebook);
  const download = `<a class="download" href="${page.stem}.ipynb" download>Download the notebook (.ipynb)</a>`;
  const home = `<a class="home" href="index.html">losslab tutorials</a>`;
  const footer = hasOwnPager(page, previous, next) ? "" : `\n<footer class="site">${pager(previous, next)}</footer>`;
  const body = `<header class="site">${home}${download}${pager(previous, next)}</header>
<main>
${cells}
</main>${footer}`;
  return shell({ title: `${page.titleText} · losslab`, body, plotly: notebookDrawsCharts(page.notebook) });
}

function indexEntry(page: Page): string {
  const minutes =
    page.readingMinutes === undefined ? "" : `<span class="reading-time">${page.readingMinutes} min</span>`;
  const summary = page.summary ? `<span class="summary">${renderInline(page.summary)}</span>` : "";
  return `<li><a href="${page.stem}.html">${renderInline(page.title)}</a>${minutes}${summary}</li>`;
}

function indexPage(pages: Page[]): string {
  const items = pages.map(indexEntry).join("\n");
  const body = `<header class="site"><a class="home" href="index.html">losslab tutorials</a></header>
<main>
<h1>Loss functions, computed by hand and with losslab</h1>
<p>TypeScript notebooks on the tslab kernel, executed as this site was built. Read them in order:</p>
<ol class="tutorials">
${items}
</ol>
</main>`;
  return shell({ title: "losslab tutorials", body, plotly: false });
}

function readPage(tutorial: Tutorial): Page {
  const notebook = JSON.parse(fs.readFileSync(tutorial.executed, "utf8")) as Notebook;
  const heading = headingOf(notebook);
  if (!heading.title) {
    throw new Error(`${path.relative(repoRoot, tutorial.source)}: the first markdown cell has no "# " title`);
  }
  return { stem: path.basename(tutorial.source, ".ipynb"), notebook, ...heading };
}

/** Writes the site for the tutorials, in the given (reading) order; returns the files written. */
export function writeSite(tutorials: Tutorial[], outDir: string = siteDir): string[] {
  const pages = tutorials.map(readPage);
  fs.rmSync(outDir, { recursive: true, force: true });
  copyAssets(path.join(outDir, "assets"));
  const written = [path.join(outDir, "index.html")];
  fs.writeFileSync(written[0], indexPage(pages));
  pages.forEach((page, i) => {
    const file = path.join(outDir, `${page.stem}.html`);
    try {
      fs.writeFileSync(file, tutorialPage(page, pages[i - 1], pages[i + 1]));
    } catch (error) {
      throw new Error(`${path.relative(repoRoot, tutorials[i].source)}, ${(error as Error).message}`);
    }
    fs.copyFileSync(tutorials[i].source, path.join(outDir, `${page.stem}.ipynb`));
    written.push(file);
  });
  return written;
}

/**
 * `tsx kernel/site.ts [NOTEBOOK.ipynb ...]` writes site/ from executed copies already in build/notebooks/
 * (see kernel/notebooks.ts), without executing anything; default: every notebook that has one.
 */
function main(args: string[]): void {
  const sources = args.length > 0 ? args.map((arg) => path.resolve(arg)) : listNotebooks();
  const tutorials = sources
    .map((source) => ({ source, executed: path.join(executedDir, path.basename(source)) }))
    .filter((tutorial) => args.length > 0 || fs.existsSync(tutorial.executed));
  const missing = tutorials.filter((tutorial) => !fs.existsSync(tutorial.executed));
  if (missing.length > 0) throw new Error(`not executed yet: ${missing.map((t) => t.source).join(", ")}`);
  if (tutorials.length === 0) throw new Error(`no executed notebooks in ${path.relative(repoRoot, executedDir)}/`);
  const written = writeSite(tutorials);
  console.log(`site: ${written.length} pages in ${path.relative(process.cwd(), siteDir) || "."}/`);
}

if (require.main === module) main(process.argv.slice(2));
