// Cells as the site renders them (solutions collapsed), and what the site reads from a notebook's
// markdown tokens: title, summary, reading time, and its own previous/next links.
import { describe, expect, it } from "vitest";
import {
  closingNotebookLinks,
  headingOf,
  notebookDrawsCharts,
  renderCell,
  renderCells,
  type Cell,
  type Notebook,
} from "../../kernel/render";

const notebookOf = (...cells: Cell[]): Notebook => ({ metadata: {}, cells });
const markdown = (source: string): Cell => ({ cell_type: "markdown", source });
const code = (source: string, extra: Partial<Cell> = {}): Cell => ({
  cell_type: "code",
  source,
  execution_count: 1,
  outputs: [],
  ...extra,
});

describe("cells", () => {
  it("renders markdown cells as sections and code with its prompt and outputs", () => {
    expect(renderCell(markdown("*a*"))).toBe('<section class="cell markdown"><p><em>a</em></p>\n</section>');
    const stdout = (text: string) => ({ output_type: "stream" as const, name: "stdout", text });
    const html = renderCell(code("f()", { execution_count: 3, outputs: [stdout("a\n"), stdout("b\n")] }));
    expect(html).toMatch(/^<section class="cell code"><div class="input"><span class="prompt">\[3\]<\/span>/);
    expect(html).toContain('<div class="outputs"><pre class="output stream stdout">a\nb\n</pre></div></section>');
  });

  it("collapses a solution cell, source and outputs, in a closed <details>", () => {
    const solution = code("console.log(2)", {
      metadata: { tags: ["solution"], jupyter: { source_hidden: true } },
      outputs: [{ output_type: "stream", name: "stdout", text: "2\n" }],
    });
    const html = renderCell(solution);
    expect(html).toMatch(/^<details class="cell code solution"><summary>Solution<\/summary><div class="input">/);
    expect(html).toContain('<pre class="output stream stdout">2\n</pre></div></details>');
    expect(html).not.toMatch(/<details[^>]* open/);
  });

  it("collapses a cell whose source JupyterLab hides, untagged, as code", () => {
    expect(renderCell(code("1", { metadata: { jupyter: { source_hidden: true } } }))).toMatch(
      /^<details class="cell code hidden"><summary>Code<\/summary>/,
    );
    expect(renderCell(code("1", { metadata: { jupyter: { outputs_hidden: true } } }))).toMatch(/^<section/);
  });

  it("gives each chart an id unique in the page and names the cell that fails", () => {
    const chart = code("show(f)", {
      outputs: [{ output_type: "display_data", data: { "application/vnd.plotly.v1+json": { data: [] } } }],
    });
    const html = renderCells(notebookOf(markdown("# T"), chart, chart));
    expect(html).toContain('id="figure-1-0"');
    expect(html).toContain('id="figure-2-0"');
    expect(notebookDrawsCharts(notebookOf(chart))).toBe(true);
    expect(notebookDrawsCharts(notebookOf(markdown("Plotly.newPlot"), code("1")))).toBe(false);
    expect(() => renderCells(notebookOf(markdown("ok"), markdown("$\\bad$")))).toThrow(/^cell 1: KaTeX cannot typeset/);
  });
});

describe("headingOf", () => {
  const heading = (source: string) => headingOf(notebookOf(code("1"), markdown(source), markdown("# Later")));

  it("takes the first h1 and the first paragraph after it, from the first markdown cell", () => {
    expect(heading("Intro line.\n\n# L1 and *MSE*\n\nThe two basic\nregression losses.\n\n## Next\n\nMore.")).toEqual({
      title: "L1 and *MSE*",
      titleText: "L1 and MSE",
      summary: "The two basic regression losses.",
    });
  });

  it("skips a $$ block between the title and the summary", () => {
    expect(heading("# T\n\n$$x$$\n\nSummary.").summary).toBe("Summary.");
    expect(heading("# T\n$$\nx\n$$\nSummary $y$\nhere.").summary).toBe("Summary $y$ here.");
  });

  it("keeps the title's math as TeX in its text, and ignores a '# ' inside code", () => {
    expect(heading("```\n# not a title\n```\n# The $\\ell_1$ loss")).toMatchObject({
      title: "The $\\ell_1$ loss",
      titleText: "The $\\ell_1$ loss",
      summary: "",
    });
  });

  it("reads the reading time and does not take that line as the summary", () => {
    expect(heading("# T\n\n**Reading time:** 25 min · prerequisites: 01\n\nWhat it is about.")).toEqual({
      title: "T",
      titleText: "T",
      summary: "What it is about.",
      readingMinutes: 25,
    });
    expect(heading("# T\n\n- Reading time: about 8 minutes\n\nS.").readingMinutes).toBe(8);
  });

  it("is empty without a title", () => {
    expect(heading("Just text.")).toEqual({ title: "", titleText: "", summary: "Just text." });
  });
});

describe("closingNotebookLinks", () => {
  const closing = (...sources: string[]) => closingNotebookLinks(notebookOf(...sources.map(markdown), code("1")));

  it("lists the notebooks a last paragraph links to when it links to nothing else", () => {
    expect(closing("# T", "---\n\n← [Previous](03-robust.ipynb) · [Next](./05-kl.ipynb#top) →")).toEqual([
      "03-robust.ipynb",
      "05-kl.ipynb",
    ]);
  });

  it("is empty when the last block links elsewhere too, is not a paragraph, or is not last", () => {
    expect(closing("[Next](05-kl.ipynb), [docs](https://pytorch.org)")).toEqual([]);
    expect(closing("- [MSE](02-l1-mse.ipynb)")).toEqual([]);
    expect(closing("[Next](05-kl.ipynb)\n\n## Exercises")).toEqual([]);
    expect(closing("[Next](05-kl.ipynb)", "No links here.")).toEqual([]);
    expect(closing("# T")).toEqual([]);
  });
});
