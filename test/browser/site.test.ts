// The built site, opened from file:// in headless Chromium: every page loads without a request
// leaving file://, every chart draws, math is typeset, solutions open on click, and each page is
// saved as a screenshot. A site written from the hand-made notebooks in test/kernel/fixtures/ is
// checked the same way, so that charts from the plotly MIME and solutions are covered whatever the
// tutorials hold.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshotsDir, siteDir as defaultSiteDir } from "../../kernel/paths";
import { writeSite } from "../../kernel/site";
import { launchChromium, waitForCharts, watchedPage, type Browser } from "./chromium";

const siteDir = process.env.LOSSLAB_SITE_DIR ? path.resolve(process.env.LOSSLAB_SITE_DIR) : defaultSiteDir;
const pages = fs.existsSync(siteDir)
  ? fs
      .readdirSync(siteDir)
      .filter((name) => name.endsWith(".html"))
      .sort()
  : [];
const tutorials = pages.filter((name) => name !== "index.html");
const read = (name: string) => fs.readFileSync(path.join(siteDir, name), "utf8");
const localUrl = /^(file|data|blob|about):/;

describe("the site's files", () => {
  it("has an index and a page, a notebook download for each tutorial", () => {
    expect(pages).toContain("index.html");
    for (const page of tutorials) {
      expect(fs.existsSync(path.join(siteDir, page.replace(/\.html$/, ".ipynb"))), page).toBe(true);
    }
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
      const targets = [...read(page).matchAll(/\b(?:src|href)="([^"#]+)(?:#[^"]*)?"/g)]
        .map((match) => match[1])
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

interface PageCheck {
  requests: string[];
  errors: string[];
  charts: number;
  drawn: number;
  math: {
    typeset: number;
    /** Formulas with a width on the page (those in a closed solution have none). */
    drawn: number;
    errors: number;
    rawDisplayMath: boolean;
    /** `$…$` holding TeX left in the prose, untypeset. */
    rawTex: string[];
    fontLoaded: boolean;
  };
  /** Each <details> solution: closed on load, then whether a click on its summary opened and showed it. */
  solutions: { closedOnLoad: boolean; hiddenOnLoad: boolean; openAfterClick: boolean; shownAfterClick: boolean }[];
}

/** Opens a page from file://, waits for its charts and fonts, looks at its math and solutions, saves a screenshot. */
async function checkPage(browser: Browser, file: string, screenshot: string): Promise<PageCheck> {
  const { page, requests, errors } = await watchedPage(browser);
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  const { charts, drawn } = await waitForCharts(page);
  await page.evaluate(() => document.fonts.ready);
  const math = await page.evaluate(() => {
    const prose = Array.from(document.querySelectorAll("main > .cell.markdown, main > p, main li"))
      .map((element) => (element as HTMLElement).innerText)
      .join("\n");
    const formulas = Array.from(document.querySelectorAll(".katex"));
    // The text of the prose outside code and typeset math: a $…$ holding TeX there was not typeset.
    const walker = document.createTreeWalker(document.querySelector("main") ?? document.body, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest("code, pre, script, .katex, .output")) texts.push(node.textContent ?? "");
    }
    return {
      typeset: formulas.length,
      drawn: formulas.filter((formula) => formula.getBoundingClientRect().width > 0).length,
      errors: document.querySelectorAll(".katex-error").length,
      rawDisplayMath: prose.includes("$$"),
      rawTex: texts.join("").match(/\$[^$\n]*[\\^_{][^$\n]*\$/g) ?? [],
      fontLoaded: document.fonts.check("16px KaTeX_Main"),
    };
  });
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  const solutions = await openSolutions(page);
  if (solutions.length > 0) {
    await page.screenshot({ path: screenshot.replace(/\.png$/, "-solutions-open.png"), fullPage: true });
  }
  await page.close();
  return { requests, errors, charts, drawn, math, solutions };
}

async function openSolutions(page: Page): Promise<PageCheck["solutions"]> {
  const solutions: PageCheck["solutions"] = [];
  const details = page.locator("details.solution");
  for (let i = 0; i < (await details.count()); i++) {
    const solution = details.nth(i);
    const closedOnLoad = !(await solution.evaluate((element) => (element as HTMLDetailsElement).open));
    const hiddenOnLoad = !(await solution.locator(".input").isVisible());
    await solution.locator("summary").click();
    solutions.push({
      closedOnLoad,
      hiddenOnLoad,
      openAfterClick: await solution.evaluate((element) => (element as HTMLDetailsElement).open),
      shownAfterClick: await solution.locator(".input").isVisible(),
    });
  }
  return solutions;
}

function expectSoundPage(check: PageCheck, { tutorial }: { tutorial: boolean }): void {
  expect(
    check.requests.filter((url) => !localUrl.test(url)),
    "requests leaving file://",
  ).toEqual([]);
  expect(check.errors, "console errors").toEqual([]);
  expect(check.drawn, "charts holding a rendered svg.main-svg").toBe(check.charts);
  expect(check.math.errors).toBe(0);
  expect(check.math.rawDisplayMath).toBe(false);
  expect(
    check.math.rawTex,
    "TeX between dollars left untypeset (e.g. Huber$_\\delta$: write $\\text{Huber}_\\delta$)",
  ).toEqual([]);
  for (const solution of check.solutions) {
    expect(solution, "a solution: closed and hidden on load, open and shown after a click on its summary").toEqual({
      closedOnLoad: true,
      hiddenOnLoad: true,
      openAfterClick: true,
      shownAfterClick: true,
    });
  }
  if (tutorial) {
    expect(check.math.typeset, "KaTeX-typeset formulas").toBeGreaterThan(0);
    expect(check.math.drawn, "formulas drawn with a width (those outside closed solutions)").toBeGreaterThan(0);
    expect(check.math.fontLoaded, "KaTeX's font loaded from assets/").toBe(true);
  }
}

describe("the site in Chromium, from file://", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(pages)("%s loads offline, draws its charts, typesets its math and opens its solutions", async (name) => {
    const screenshot = path.join(screenshotsDir, name.replace(/\.html$/, ".png"));
    const check = await checkPage(browser, path.join(siteDir, name), screenshot);
    expectSoundPage(check, { tutorial: name !== "index.html" });
  });

  it("draws at least one chart across the tutorials", () => {
    expect(tutorials.some((page) => read(page).includes("losslab-figure"))).toBe(true);
  });
});

describe("a site of hand-made notebooks in Chromium: a plotly MIME chart, an HTML chart, a solution", () => {
  const fixtures = path.join(__dirname, "..", "kernel", "fixtures");
  let browser: Browser;
  let outDir: string;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "losslab-site-fixture-"));
    writeSite(
      ["01-first-steps.ipynb", "02-exercises.ipynb"].map((name) => ({
        source: path.join(fixtures, name),
        executed: path.join(fixtures, name),
      })),
      outDir,
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it.each([
    ["01-first-steps.html", 1, 0],
    ["02-exercises.html", 1, 1],
  ])("%s draws its %i chart(s) and opens its %i solution(s) on click", async (name, charts, solutions) => {
    const check = await checkPage(
      browser,
      path.join(outDir, name),
      path.join(screenshotsDir, "fixtures", name.replace(/\.html$/, ".png")),
    );
    expectSoundPage(check, { tutorial: true });
    expect(check.charts).toBe(charts);
    expect(check.solutions).toHaveLength(solutions);
  });
});
