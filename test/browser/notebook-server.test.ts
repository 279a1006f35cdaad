// Charts drawn inline in a real Jupyter front end: Debian's classic Notebook server, a notebook
// opened in headless Chromium, Cell > Run All, and every chart must hold plotly's SVG.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium, waitForCharts, watchedPage, type Browser } from "./chromium";
import { startNotebookServer, type NotebookServer } from "./notebook-server";

const notebook = path.join(__dirname, "..", "notebooks", "fixtures", "toolchain.ipynb");
const chartsInNotebook = 1;

let server: NotebookServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startNotebookServer(), launchChromium()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

it("runs a notebook in the classic Notebook and draws its charts inline", async () => {
  fs.copyFileSync(notebook, path.join(server.root, path.basename(notebook)));
  const { page } = await watchedPage(browser);
  await page.goto(server.notebookUrl(path.basename(notebook)));
  await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 120_000 });
  expect(await page.locator(".kernel_indicator_name").innerText()).toBe("TypeScript");

  await page.click("#celllink");
  await page.click("#run_all_cells");
  await page.waitForFunction(() => {
    const cells = (window as any).Jupyter.notebook.get_cells().filter((cell: any) => cell.cell_type === "code");
    return cells.every((cell: any) => typeof cell.input_prompt_number === "number")
      && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
  }, undefined, { timeout: 180_000 });

  const { charts, drawn } = await waitForCharts(page, { expected: chartsInNotebook, timeout: 60_000 });
  const stderr = await page.locator(".output_stderr").allInnerTexts();
  await page.close();
  const context = `\nstderr outputs:\n${stderr.join("\n")}\nserver log (tail):\n${server.log().slice(-3000)}`;
  expect(stderr.filter((text) => /error/i.test(text)), `cells that failed${context}`).toEqual([]);
  expect(charts, `charts shown${context}`).toBe(chartsInNotebook);
  expect(drawn, "charts holding a rendered svg.main-svg").toBe(charts);
}, 300_000);
