// The site renderer's pure parts: math found outside code, typeset by KaTeX; plotly's embedded
// copy stripped; titles and summaries; outputs as Jupyter shows them.
import { describe, expect, it } from "vitest";
import { extractMath, headingOf, notebookLinkToPage, renderCell, renderInline, renderMarkdown,
  renderOutput, withoutEmbeddedPlotly, type Notebook } from "../../kernel/render";

describe("extractMath", () => {
  it("takes $…$ and $$…$$ out, leaving code spans, fences and \\$ alone", () => {
    const text = "a $x^2$, `$y$`, \\$5 and\n$$\\frac{1}{2}$$\n```ts\nconst s = \"$z$\";\n```\n";
    const { text: rest, math } = extractMath(text);
    expect(math).toEqual([{ tex: "x^2", display: false }, { tex: "\\frac{1}{2}", display: true }]);
    expect(rest).toBe("a LOSSLABMATH0END, `$y$`, \\$5 and\nLOSSLABMATH1END\n```ts\nconst s = \"$z$\";\n```\n");
  });

  it("does not pair dollars across lines for inline math", () => {
    expect(extractMath("costs $5\nand $6").math).toEqual([]);
  });
});

describe("renderMarkdown", () => {
  it("typesets math with KaTeX and keeps markdown around it", () => {
    const html = renderMarkdown("Mean of $|x_i - y_i|$, *not* squared:\n\n$$\\ell = \\frac{1}{n}\\sum_i |x_i - y_i|$$");
    expect(html).toContain("<em>not</em>");
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).toContain('class="katex-display"');
    expect(html).not.toContain("$");
  });

  it("keeps underscores and backslashes of TeX away from markdown", () => {
    expect(renderInline("$a_1 b_2$ and $\\{x\\}$")).not.toMatch(/<em>|LOSSLABMATH/);
  });

  it("names TeX that KaTeX cannot typeset", () => {
    expect(() => renderMarkdown("$\\notacommand{x}$")).toThrow(/KaTeX cannot typeset \$\\notacommand\{x\}\$/);
  });

  it("highlights TypeScript code blocks", () => {
    expect(renderMarkdown("```ts\nconst x = 1;\n```")).toContain('<span class="hljs-keyword">const</span>');
  });

  it("points links to sibling notebooks at their pages", () => {
    expect(renderMarkdown("[next](02-l1-mse.ipynb#gradient)")).toContain('href="02-l1-mse.html#gradient"');
    expect(notebookLinkToPage("sub/dir.ipynb")).toBe("sub/dir.ipynb");
    expect(notebookLinkToPage("notes.md")).toBe("notes.md");
  });
});

describe("outputs", () => {
  it("strips plotly.js's embedded copy and keeps the chart", () => {
    const html = '<script data-losslab-plotly>\nwindow.Plotly = {};\n</script>\n<div class="losslab-figure"></div><script>draw()</script>';
    expect(withoutEmbeddedPlotly(html)).toBe('\n<div class="losslab-figure"></div><script>draw()</script>');
  });

  it("escapes streams and drops ANSI colours", () => {
    expect(renderOutput({ output_type: "stream", name: "stderr", text: ["\x1b[31m<b>\x1b[0m & 1\n"] }))
      .toBe('<pre class="output stream stderr">&lt;b&gt; &amp; 1\n</pre>');
  });

  it("prefers HTML, then images, then plain text", () => {
    expect(renderOutput({ output_type: "display_data", data: { "text/html": "<b>x</b>", "text/plain": "x" } }))
      .toBe('<div class="output html"><b>x</b></div>');
    expect(renderOutput({ output_type: "execute_result", data: { "image/png": "AAAA\n", "text/plain": "x" } }))
      .toContain('src="data:image/png;base64,AAAA"');
    expect(renderOutput({ output_type: "execute_result", data: { "text/plain": "[ 1, 2 ]" } }))
      .toBe('<pre class="output result">[ 1, 2 ]</pre>');
  });

  it("merges consecutive stream outputs and shows the execution count", () => {
    const html = renderCell({ cell_type: "code", source: "f()", execution_count: 3, outputs: [
      { output_type: "stream", name: "stdout", text: "a\n" }, { output_type: "stream", name: "stdout", text: "b\n" }] });
    expect(html).toContain('<pre class="output stream stdout">a\nb\n</pre>');
    expect(html).toContain('<span class="prompt">[3]</span>');
  });
});

describe("headingOf", () => {
  const notebook = (source: string): Notebook => ({ metadata: {}, cells: [
    { cell_type: "code", source: "1", outputs: [] }, { cell_type: "markdown", source } ] });

  it("takes the title and the first paragraph of the first markdown cell", () => {
    expect(headingOf(notebook("# L1 and *MSE*\n\nThe two basic\nregression losses.\n\n## Next"))).toEqual(
      { title: "L1 and *MSE*", summary: "The two basic regression losses." });
  });

  it("skips display math between the title and the summary", () => {
    expect(headingOf(notebook("# T\n\n$$x$$\n\nSummary.")).summary).toBe("Summary.");
  });
});
