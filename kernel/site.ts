// Writes site/: an index in reading order and one page per executed notebook, with math typeset
// by KaTeX, code highlighted and plotly charts drawn from a local plotly.js. No network needed.
import fs from "node:fs";
import path from "node:path";
import { escapeHtml, headingOf, plainText, renderCells, renderInline, type Notebook } from "./render";
import { repoRoot, siteDir } from "./paths";

export interface Tutorial {
  /** The clean notebook from notebooks/ (offered for download). */
  source: string;
  /** The executed copy the page is rendered from. */
  executed: string;
}

interface Page {
  stem: string;
  notebook: Notebook;
  title: string;
  summary: string;
}

const nodeModules = path.join(repoRoot, "node_modules");

/** The shared assets: plotly.js, KaTeX's stylesheet and fonts, the highlight theme, the shell's CSS. */
function copyAssets(assetsDir: string): void {
  const katexDist = path.join(nodeModules, "katex", "dist");
  fs.mkdirSync(path.join(assetsDir, "katex", "fonts"), { recursive: true });
  fs.copyFileSync(path.join(nodeModules, "plotly.js-dist-min", "plotly.min.js"), path.join(assetsDir, "plotly.min.js"));
  fs.copyFileSync(path.join(katexDist, "katex.min.css"), path.join(assetsDir, "katex", "katex.min.css"));
  for (const font of fs.readdirSync(path.join(katexDist, "fonts")).filter((name) => name.endsWith(".woff2"))) {
    fs.copyFileSync(path.join(katexDist, "fonts", font), path.join(assetsDir, "katex", "fonts", font));
  }
  fs.copyFileSync(path.join(nodeModules, "highlight.js", "styles", "github.min.css"), path.join(assetsDir, "highlight.css"));
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
  const link = (page: Page | undefined, rel: "prev" | "next") => page
    ? `<a class="${rel}" rel="${rel}" href="${page.stem}.html">${rel === "prev" ? "← " : ""}${renderInline(page.title)}${rel === "next" ? " →" : ""}</a>`
    : "";
  return `<nav class="pager">${link(previous, "prev")}${link(next, "next")}</nav>`;
}

function tutorialPage(page: Page, previous: Page | undefined, next: Page | undefined): string {
  const cells = renderCells(page.notebook);
  const download = `<a class="download" href="${page.stem}.ipynb" download>Download the notebook (.ipynb)</a>`;
  const body = `<header class="site"><a class="home" href="index.html">losslab tutorials</a>${download}${pager(previous, next)}</header>
<main>
${cells}
</main>
<footer class="site">${pager(previous, next)}</footer>`;
  return shell({ title: `${plainText(page.title)} · losslab`, body, plotly: /\bPlotly\./.test(cells) });
}

function indexPage(pages: Page[]): string {
  const items = pages.map((page) => `<li><a href="${page.stem}.html">${renderInline(page.title)}</a>` +
    `<span class="summary">${renderInline(page.summary)}</span></li>`).join("\n");
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
  const { title, summary } = headingOf(notebook);
  const stem = path.basename(tutorial.source, ".ipynb");
  if (!title) throw new Error(`${path.relative(repoRoot, tutorial.source)}: the first markdown cell has no "# " title`);
  return { stem, notebook, title, summary };
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
