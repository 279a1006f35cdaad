// The built site, opened from file:// in headless Chromium: every page loads without a request
// leaving file://, every chart draws, math is typeset, and each page is saved as a screenshot.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshotsDir, siteDir as defaultSiteDir } from "../../kernel/paths";
import { launchChromium, waitForCharts, watchedPage, type Browser } from "./chromium";

const siteDir = process.env.LOSSLAB_SITE_DIR ? path.resolve(process.env.LOSSLAB_SITE_DIR) : defaultSiteDir;
const pages = fs.existsSync(siteDir) ? fs.readdirSync(siteDir).filter((name) => name.endsWith(".html")).sort() : [];
const tutorials = pages.filter((name) => name !== "index.html");
const read = (name: string) => fs.readFileSync(path.join(siteDir, name), "utf8");
const localUrl = /^(file|data|blob|about):/;

describe("the site's files", () => {
  it("has an index and a page, a notebook download for each tutorial", () => {
    expect(pages).toContain("index.html");
    for (const page of tutorials) expect(fs.existsSync(path.join(siteDir, page.replace(/\.html$/, ".ipynb")))).toBe(true);
  });

  it("links nothing outside itself: no http(s):// or protocol-relative src/href", () => {
    const external = /\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\//gi;
    for (const page of pages) expect(read(page).match(external) ?? [], page).toEqual([]);
    for (const css of ["assets/site.css", "assets/highlight.css", "assets/katex/katex.min.css"]) {
      expect(read(css).match(/url\(\s*["']?(?:https?:)?\/\//gi) ?? [], css).toEqual([]);
    }
  });

  it("has every local link and asset it refers to", () => {
    for (const page of pages) {
      const targets = [...read(page).matchAll(/\b(?:src|href)="([^"#]+)(?:#[^"]*)?"/g)].map((match) => match[1])
        .filter((target) => !/^(data|blob):/.test(target));
      const missing = targets.filter((target) => !fs.existsSync(path.join(siteDir, decodeURIComponent(target))));
      expect(missing, `${page} links to missing files`).toEqual([]);
    }
  });

  it("keeps no embedded copy of plotly.js in a page", () => {
    for (const page of pages) expect(read(page), page).not.toMatch(/<script[^>]*data-losslab-plotly/);
  });

  it("lists every tutorial in the index, in reading order", () => {
    const linked = [...read("index.html").matchAll(/<li><a href="([^"]+)"/g)].map((match) => match[1]);
    expect(linked).toEqual(tutorials);
  });

  it("chains the tutorials with previous/next links", () => {
    tutorials.forEach((page, i) => {
      const html = read(page);
      if (i > 0) expect(html, page).toContain(`rel="prev" href="${tutorials[i - 1]}"`);
      if (i + 1 < tutorials.length) expect(html, page).toContain(`rel="next" href="${tutorials[i + 1]}"`);
    });
  });
});

describe("the site in Chromium, from file://", () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); });

  it.each(pages)("%s loads offline, draws its charts and typesets its math", async (name) => {
    const { page, requests, errors } = await watchedPage(browser);
    await page.goto(pathToFileURL(path.join(siteDir, name)).href, { waitUntil: "load" });
    const { charts, drawn } = await waitForCharts(page);
    await page.evaluate(() => document.fonts.ready);
    const math = await page.evaluate(() => {
      const prose = Array.from(document.querySelectorAll("main > .cell.markdown, main > p, main li"))
        .map((element) => (element as HTMLElement).innerText).join("\n");
      return {
        typeset: document.querySelectorAll(".katex").length,
        errors: document.querySelectorAll(".katex-error").length,
        rawDisplayMath: prose.includes("$$"),
        fontLoaded: document.fonts.check("16px KaTeX_Main"),
      };
    });
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotsDir, name.replace(/\.html$/, ".png")), fullPage: true });
    await page.close();

    expect(requests.filter((url) => !localUrl.test(url)), "requests leaving file://").toEqual([]);
    expect(errors, "console errors").toEqual([]);
    expect(drawn, "charts holding a rendered svg.main-svg").toBe(charts);
    expect(math.errors).toBe(0);
    expect(math.rawDisplayMath).toBe(false);
    if (name !== "index.html") {
      expect(math.typeset, "KaTeX-typeset formulas").toBeGreaterThan(0);
      expect(math.fontLoaded, "KaTeX's font loaded from assets/").toBe(true);
    }
  });

  it("draws at least one chart across the tutorials", () => {
    expect(tutorials.some((page) => read(page).includes("losslab-figure"))).toBe(true);
  });
});
