// The site written from two hand-made executed notebooks (test/kernel/fixtures/): the index with
// titles, summaries and reading times; pages with charts from the plotly MIME, solutions collapsed,
// notebook links pointed at pages, and no second previous/next bar where the notebook has its own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSite } from "../../kernel/site";

const fixtures = path.join(__dirname, "fixtures");
const fixture = (name: string) => path.join(fixtures, name);
const tutorials = ["01-first-steps.ipynb", "02-exercises.ipynb"].map((name) => ({
  source: fixture(name),
  executed: fixture(name),
}));

let outDir: string;
const read = (name: string) => fs.readFileSync(path.join(outDir, name), "utf8");

beforeAll(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "losslab-site-"));
  writeSite(tutorials, outDir);
});
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe("writeSite", () => {
  it("writes the index, a page and the notebook for each tutorial, and the assets", () => {
    for (const name of [
      "index.html",
      "01-first-steps.html",
      "01-first-steps.ipynb",
      "02-exercises.html",
      "assets/plotly.min.js",
      "assets/katex/katex.min.css",
      "assets/highlight.css",
      "assets/site.css",
    ]) {
      expect(fs.existsSync(path.join(outDir, name)), name).toBe(true);
    }
    expect(read("01-first-steps.ipynb")).toBe(fs.readFileSync(fixture("01-first-steps.ipynb"), "utf8"));
  });

  it("lists each tutorial in the index with its title, reading time and summary", () => {
    const index = read("index.html");
    const entries = [...index.matchAll(/<li><a href="([^"]+)">([\s\S]*?)<\/li>/g)];
    expect(entries.map((entry) => entry[1])).toEqual(["01-first-steps.html", "02-exercises.html"]);
    const [first, second] = entries.map((entry) => entry[2]);
    expect(first).toMatch(/^First <em>steps<\/em> with <span class="katex">/);
    expect(first).toContain('</a><span class="reading-time">5 min</span><span class="summary">The summary, with ');
    expect(first).toContain("<code>code</code> over two lines.</span>");
    expect(second).toBe('Exercises</a><span class="summary">Practise the loss by hand.</span>');
  });

  it("titles a page with its heading's text, math as TeX", () => {
    expect(read("01-first-steps.html")).toContain("<title>First steps with $x^2$ · losslab</title>");
  });

  it("draws a plotly MIME chart from its JSON and loads plotly.js only where a page draws a chart", () => {
    const page = read("01-first-steps.html");
    expect(page).toContain('<script src="assets/plotly.min.js"></script>');
    expect(page).toContain('<div id="figure-1-0" class="losslab-figure" style="width: 100%; height: 320px;">');
    expect(page).not.toContain("data-losslab-plotly");
    expect(page).not.toContain("/* fallback */");
    expect(read("index.html")).not.toContain("plotly.min.js");
  });

  it("shows a tensor's HTML table, merged streams and a clean error", () => {
    const page = read("01-first-steps.html");
    expect(page).toContain('<div class="output html"><table class="losslab-tensor">');
    expect(page).not.toContain("tensor(2.)");
    expect(page).toContain('<pre class="output stream stdout">loss:\n2\n</pre>');
    expect(page).toContain(
      '<pre class="output error">LossInputError: mseLoss: target: expected shape [1], ' + "got [2]</pre>",
    );
  });

  it("collapses the solution, keeps the text/html chart and points notebook links at pages", () => {
    const page = read("02-exercises.html");
    expect(page).toContain('<details class="cell code solution"><summary>Solution</summary>');
    expect(page).toContain('<div class="output html"><div id="losslab-def-1" class="losslab-figure"');
    expect(page).toContain('<a href="01-first-steps.html">Previous: first steps</a>');
    expect(read("01-first-steps.html")).toContain('<a href="02-exercises.html">and the exercises</a>');
  });

  it("keeps the header's previous/next bar and drops the footer's where the notebook has its own", () => {
    const first = read("01-first-steps.html");
    expect(first).toContain('<header class="site"><a class="home" href="index.html">');
    expect(first.match(/rel="next" href="02-exercises.html"/g)).toHaveLength(1);
    expect(first).not.toContain("<footer");
    expect(read("02-exercises.html").match(/rel="prev" href="01-first-steps.html"/g)).toHaveLength(1);
  });

  it("keeps the footer's bar for a notebook without its own links", () => {
    const bare = path.join(outDir, "bare");
    const notebook = { metadata: {}, cells: [{ cell_type: "markdown", source: "# Bare\n\nNo links." }] };
    fs.mkdirSync(bare);
    const third = path.join(bare, "03-bare.ipynb");
    fs.writeFileSync(third, JSON.stringify(notebook));
    const sources = [...tutorials, { source: third, executed: third }];
    const site = path.join(bare, "site");
    writeSite(sources, site);
    const page = fs.readFileSync(path.join(site, "03-bare.html"), "utf8");
    expect(page.match(/rel="prev" href="02-exercises.html"/g)).toHaveLength(2);
    expect(page).toContain('<footer class="site"><nav class="pager">');
  });

  it("names the notebook and the cell whose math KaTeX cannot typeset", () => {
    const broken = path.join(outDir, "broken.ipynb");
    fs.writeFileSync(
      broken,
      JSON.stringify({
        metadata: {},
        cells: [
          { cell_type: "markdown", source: "# T" },
          { cell_type: "markdown", source: "$\\nope$" },
        ],
      }),
    );
    expect(() => writeSite([{ source: broken, executed: broken }], path.join(outDir, "broken"))).toThrow(
      /broken\.ipynb, cell 1: KaTeX cannot typeset \$\\nope\$/,
    );
  });

  it("refuses a notebook without a title", () => {
    const untitled = path.join(outDir, "untitled.ipynb");
    fs.writeFileSync(untitled, JSON.stringify({ metadata: {}, cells: [{ cell_type: "markdown", source: "Text." }] }));
    expect(() => writeSite([{ source: untitled, executed: untitled }], path.join(outDir, "untitled"))).toThrow(
      /untitled\.ipynb: the first markdown cell has no "# " title/,
    );
  });
});
