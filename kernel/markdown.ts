// Markdown as the site renders it: markdown-it with @mdit/plugin-tex finding the math ($…$ inline
// by Pandoc's rules, $$…$$ display blocks, as Jupyter notebooks write them), KaTeX typesetting it,
// highlight.js for code, and links to sibling notebooks pointed at their pages. Pure functions.
import { tex } from "@mdit/plugin-tex";
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import katex from "katex";
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";

hljs.registerLanguage("typescript", typescript);

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** TypeScript source as highlighted HTML (highlight.js classes, no wrapper). */
export function highlightCode(source: string): string {
  return hljs.highlight(source, { language: "typescript", ignoreIllegals: true }).value;
}

/** A link to a sibling notebook ("02-x.ipynb#part", "./02-x.ipynb") becomes a link to its page ("02-x.html#part"). */
export function notebookLinkToPage(href: string): string {
  return href.replace(/^(?:\.\/)?([\w.-]+)\.ipynb(#.*)?$/, "$1.html$2");
}

/** TeX typeset by KaTeX; TeX that KaTeX cannot typeset is an error naming it, not red text on a page. */
export function typeset(tex: string, display: boolean): string {
  try {
    return katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "html" });
  } catch (error) {
    const delimiter = display ? "$$" : "$";
    throw new Error(`KaTeX cannot typeset ${delimiter}${tex}${delimiter}: ${(error as Error).message}`);
  }
}

/**
 * The plain text of inline tokens: text, code and the TeX of math as written, markup dropped.
 * Used for image alt text, <title> and the index.
 */
export function inlineText(tokens: Token[] | null): string {
  return (tokens ?? [])
    .map((token) => {
      switch (token.type) {
        case "text":
        case "code_inline":
          return token.content;
        case "math_inline":
          return `$${token.content}$`;
        case "math_block":
          return `$$${token.content}$$`;
        case "softbreak":
        case "hardbreak":
          return " ";
        default:
          return inlineText(token.children);
      }
    })
    .join("");
}

/** Fenced code in TypeScript or JavaScript (or unlabelled) is highlighted; other languages stay plain. */
function highlightFence(source: string, language: string): string {
  return /^(|ts|typescript|js|javascript)$/i.test(language) ? highlightCode(source) : "";
}

function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: true, highlight: highlightFence });
  md.use(tex, {
    render: (content: string, display: boolean) =>
      display ? `<div class="math-display">${typeset(content.trim(), true)}</div>\n` : typeset(content.trim(), false),
  });
  md.renderer.rules.image = (tokens, index, options, _env, self) => {
    tokens[index].attrSet("alt", inlineText(tokens[index].children));
    return self.renderToken(tokens, index, options);
  };
  const renderLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const href = tokens[index].attrGet("href");
    if (href) tokens[index].attrSet("href", notebookLinkToPage(href));
    return renderLinkOpen(tokens, index, options, env, self);
  };
  return md;
}

const markdown = createMarkdown();

/** Markdown's block tokens, with the math found (math_inline / math_block tokens). */
export function parseMarkdown(text: string): Token[] {
  return markdown.parse(text, {});
}

/** Markdown (with $…$ and $$…$$ math) as HTML. */
export function renderMarkdown(text: string): string {
  return markdown.render(text);
}

/** One line of markdown as inline HTML (no paragraph). */
export function renderInline(text: string): string {
  return markdown.renderInline(text);
}
