// Markdown as the site renders it: math found by the markdown-it plugin only where markdown has
// text (never in code or attributes), typeset by KaTeX; code highlighted; notebook links pointed at pages.
import katex from "katex";
import { describe, expect, it } from "vitest";
import { inlineText, notebookLinkToPage, parseMarkdown, renderInline, renderMarkdown } from "../../kernel/markdown";

const inline = (tex: string) => katex.renderToString(tex, { displayMode: false, output: "html" });
const display = (tex: string) => katex.renderToString(tex, { displayMode: true, output: "html" });

describe("math", () => {
  it("typesets $…$ inline and $$…$$ as display math, as KaTeX renders them", () => {
    const source = "Mean of $|x_i - y_i|$, *not* squared:\n\n$$\n\\ell = \\frac{1}{n}\\sum_i |x_i - y_i|\n$$\n";
    const html = renderMarkdown(source);
    expect(html).toContain("<em>not</em>");
    expect(html).toContain(inline("|x_i - y_i|"));
    expect(html).toContain(`<div class="math-display">${display("\\ell = \\frac{1}{n}\\sum_i |x_i - y_i|")}</div>`);
    expect(html).not.toContain("$");
  });

  it("typesets a one-line $$…$$ block, and a $$ block that interrupts a paragraph or sits in a list", () => {
    expect(renderMarkdown("$$x^2$$")).toBe(`<div class="math-display">${display("x^2")}</div>\n`);
    expect(renderMarkdown("The loss is\n$$\nx\n$$\nwhich is small.")).toBe(
      `<p>The loss is</p>\n<div class="math-display">${display("x")}</div>\n<p>which is small.</p>\n`,
    );
    expect(renderMarkdown("- a\n\n  $$\n  b\n  $$\n")).toContain(`<div class="math-display">${display("b")}</div>`);
  });

  it("leaves $$…$$ in the middle of a line as text (the browser test flags raw $$ on a page)", () => {
    expect(renderMarkdown("so $$a = b$$ holds")).toBe("<p>so $$a = b$$ holds</p>\n");
  });

  it("typesets math right after a word, as Pandoc and Jupyter do: Huber$_\\delta$, L1$_\\beta$", () => {
    expect(renderInline("Huber$_\\delta$ and KL$(p \\Vert q)$")).toBe(
      `Huber${inline("_\\delta")} and KL${inline("(p \\Vert q)")}`,
    );
  });

  it("keeps underscores, asterisks and backslashes of TeX away from markdown", () => {
    const html = renderInline("$a_1 b_2$ and $\\{x * y * z\\}$");
    expect(html).toBe(`${inline("a_1 b_2")} and ${inline("\\{x * y * z\\}")}`);
    expect(html).not.toMatch(/<em>/);
  });

  it("leaves dollar amounts, $ next to a space inside, and \\$ as dollars", () => {
    expect(renderInline("costs $5 and $6, or \\$7\nand $8")).toBe("costs $5 and $6, or $7\nand $8");
    expect(renderInline("a $x $ b $ y$ c")).toBe("a $x $ b $ y$ c");
  });

  it("puts no KaTeX markup in a link title: the title keeps its TeX as text", () => {
    const html = renderMarkdown('[see](notes.md "the $x^2$ case")');
    expect(html).toBe('<p><a href="notes.md" title="the $x^2$ case">see</a></p>\n');
  });

  it("gives an image with math in its alt text that TeX as the alt, not KaTeX markup", () => {
    const html = renderMarkdown('![plot of $y_1$ *and* `z`](plot.png "a $t$ title")');
    expect(html).toBe('<p><img src="plot.png" alt="plot of $y_1$ and z" title="a $t$ title"></p>\n');
  });

  it("typesets math in link text, inside the link", () => {
    expect(renderInline("[$x$](a.md)")).toBe(`<a href="a.md">${inline("x")}</a>`);
  });

  it("does not typeset math inside a four-backtick fence that holds a three-backtick one", () => {
    const html = renderMarkdown('````md\n```ts\nconst a = "$$x$$";\n```\n$y$\n````\n');
    expect(html).not.toContain('class="katex');
    expect(html).toBe('<pre><code class="language-md">```ts\nconst a = &quot;$$x$$&quot;;\n```\n$y$\n</code></pre>\n');
  });

  it("does not typeset math inside an indented code block or a code span", () => {
    const html = renderMarkdown('    const s = "$x$";\n    $$y$$\n\nand `$z$` here');
    expect(html).toBe(
      "<pre><code>const s = &quot;$x$&quot;;\n$$y$$\n</code></pre>\n" + "<p>and <code>$z$</code> here</p>\n",
    );
  });

  it("leaves text that looks like the old placeholders alone", () => {
    expect(renderInline("LOSSLABMATH0END and $x$")).toBe(`LOSSLABMATH0END and ${inline("x")}`);
  });

  it("names TeX that KaTeX cannot typeset", () => {
    expect(() => renderMarkdown("$\\notacommand{x}$")).toThrow(/KaTeX cannot typeset \$\\notacommand\{x\}\$/);
    expect(() => renderMarkdown("$$\n\\frac{1}\n$$")).toThrow(/KaTeX cannot typeset \$\$\\frac\{1\}\$\$/);
  });
});

describe("code and links", () => {
  it("highlights TypeScript fences and leaves other languages plain", () => {
    expect(renderMarkdown("```ts\nconst x = 1;\n```")).toContain('<span class="hljs-keyword">const</span>');
    expect(renderMarkdown("```text\nconst x = 1;\n```")).toBe(
      '<pre><code class="language-text">const x = 1;\n</code></pre>\n',
    );
  });

  it("points links to sibling notebooks at their pages", () => {
    expect(renderMarkdown("[next](02-l1-mse.ipynb#gradient)")).toContain('href="02-l1-mse.html#gradient"');
    expect(notebookLinkToPage("./03-robust.ipynb")).toBe("03-robust.html");
    expect(notebookLinkToPage("sub/dir.ipynb")).toBe("sub/dir.ipynb");
    expect(notebookLinkToPage("notes.md")).toBe("notes.md");
  });
});

describe("inlineText", () => {
  it("is the text of inline markdown: markup dropped, code and TeX kept", () => {
    const [, paragraph] = parseMarkdown("The *$\\ell_1$* loss, `l1Loss`\nand [more](x.md)");
    expect(inlineText([paragraph])).toBe("The $\\ell_1$ loss, l1Loss and more");
  });
});
