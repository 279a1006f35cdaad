// Debian's headless Chromium driven by playwright-core, with a fresh profile and nothing that
// phones home, and a page that records its requests and console errors.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const chromiumPath = process.env.LOSSLAB_CHROMIUM || "/usr/bin/chromium";

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a throw-away --user-data-dir. */
export async function launchChromium(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "losslab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

export async function watchedPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.context.newPage();
  const watched: WatchedPage = { page, requests: [], errors: [] };
  page.on("request", (request) => watched.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") watched.errors.push(message.text());
  });
  page.on("pageerror", (error) => watched.errors.push(error.message));
  return watched;
}

/**
 * Resolves once the page holds at least `expected` `.losslab-figure` charts and each holds
 * plotly's rendered SVG, or after `timeout` ms; returns what it found either way.
 */
export async function waitForCharts(
  page: Page,
  { expected = 0, timeout = 30_000 } = {},
): Promise<{ charts: number; drawn: number }> {
  const count = () =>
    page.evaluate(() => {
      const charts = Array.from(document.querySelectorAll(".losslab-figure"));
      return { charts: charts.length, drawn: charts.filter((chart) => chart.querySelector("svg.main-svg")).length };
    });
  await page
    .waitForFunction(
      (atLeast) => {
        const charts = Array.from(document.querySelectorAll(".losslab-figure"));
        return charts.length >= atLeast && charts.every((chart) => chart.querySelector("svg.main-svg"));
      },
      expected,
      { timeout },
    )
    .catch(() => undefined);
  return count();
}
