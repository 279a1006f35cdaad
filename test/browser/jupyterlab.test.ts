// The tutorials where a learner works: the venv's JupyterLab in headless Chromium. For every notebook,
// a copy is opened and Run All'ed through JupyterLab's own command: no error output, every cell run,
// and as many charts drawn as the executed notebook displays figures. Then the executed, saved copy
// from build/notebooks/ is opened in a fresh page and must draw every chart without running anything
// (the plotly MIME type, which JupyterLab renders in an untrusted notebook; HTML scripts do not run
// there). A cell whose value is a tensor must show its numbers. Screenshots go to build/screenshots/lab/,
// Run All times to build/screenshots/lab/run-all.json.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotsDir } from "../../kernel/paths";
import { launchChromium, watchedPage, type Browser } from "./chromium";
import {
  figuresDisplayed,
  openNotebook,
  panelState,
  runAll,
  screenshot,
  shutDownKernel,
  startJupyterLab,
  type JupyterLab,
} from "./jupyterlab";

const shots = path.join(screenshotsDir, "lab");
const runs = inject("docsBuild").runs;
const runAllSeconds: Record<string, number> = {};

let lab: JupyterLab;
let browser: Browser;
beforeAll(async () => {
  fs.rmSync(shots, { recursive: true, force: true });
  [lab, browser] = await Promise.all([startJupyterLab(), launchChromium()]);
});
afterAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  fs.writeFileSync(path.join(shots, "run-all.json"), JSON.stringify(runAllSeconds, null, 2) + "\n");
  await Promise.all([browser?.close(), lab?.stop()]);
});

const context = () => `\nJupyterLab log (tail):\n${lab.log().slice(-3000)}`;

describe.each(runs.map((run) => [path.basename(run.notebook), run] as const))("%s in JupyterLab", (name, run) => {
  const stem = name.replace(/\.ipynb$/, "");
  const figures = () => figuresDisplayed(JSON.parse(fs.readFileSync(run.executed, "utf8")));

  it("runs every cell with Run All, without an error, and draws every chart it displays", async () => {
    expect(run.ok, `the headless execution of ${name} failed; see the notebooks suite`).toBe(true);
    fs.copyFileSync(path.resolve(run.notebook), path.join(lab.root, name));
    const { page, errors: pageErrors } = await watchedPage(browser);
    try {
      await openNotebook(page, lab.notebookUrl(name), name);
      runAllSeconds[name] = await runAll(page);
      const expected = figures();
      const state = await panelState(page, { expected });
      await screenshot(page, path.join(shots, `${stem}-run-all.png`));
      expect(state.kernel).toBe("TypeScript");
      expect(state.errors, `error outputs${context()}`).toEqual([]);
      expect(state.executed, "code cells with an execution count").toBe(state.codeCells);
      expect(state.charts, "plotly charts in the notebook").toBe(expected);
      expect(state.drawn, "charts holding plotly's svg.main-svg").toBe(expected);
      expect(
        pageErrors.filter((error) => /plotly|losslab/i.test(error)),
        "page errors about charts",
      ).toEqual([]);
    } finally {
      await shutDownKernel(page).catch(() => undefined);
      await page.close();
    }
  }, 600_000);

  // Needs charts sent as application/vnd.plotly.v1+json: a text/html chart stays blank on reopen.
  it("draws every chart of the executed, saved notebook on reopening, without running anything", async () => {
    const reopened = `${stem}-executed.ipynb`;
    fs.copyFileSync(run.executed, path.join(lab.root, reopened));
    const expected = figures();
    const { page } = await watchedPage(browser);
    try {
      await openNotebook(page, lab.notebookUrl(reopened), reopened);
      const state = await panelState(page, { expected, timeout: 30_000 });
      await screenshot(page, path.join(shots, `${stem}-reopened.png`));
      expect(state.charts, "plotly charts in the reopened notebook").toBe(expected);
      expect(state.drawn, "charts drawn without running a cell").toBe(expected);
    } finally {
      await shutDownKernel(page).catch(() => undefined);
      await page.close();
    }
  }, 300_000);
});

// Needs the notebook display of tensors: a tensor as a cell's value shows dtype, shape and values.
it("shows the numbers of a cell whose value is a tensor", async () => {
  const name = "tensor-value.ipynb";
  const cell = (source: string) => ({ cell_type: "code", metadata: {}, source, outputs: [], execution_count: null });
  fs.writeFileSync(
    path.join(lab.root, name),
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      cells: [
        cell('import { ready, crossEntropy, tf } from "losslab";\nawait ready();'),
        // torch: F.cross_entropy(torch.tensor([[2, 0.5, -1], [0.1, 0.2, 3]]), torch.tensor([0, 2])) is tensor(0.1755)
        cell("crossEntropy([[2, 0.5, -1], [0.1, 0.2, 3]], [0, 2])"),
        // torch: tensor([[1.5000, 2.0000], [3.0000, 4.0000]])
        cell("tf.tensor([[1.5, 2], [3, 4]])"),
      ],
    }),
  );
  const { page } = await watchedPage(browser);
  try {
    await openNotebook(page, lab.notebookUrl(name), name);
    await runAll(page);
    const state = await panelState(page);
    await screenshot(page, path.join(shots, "tensor-value.png"));
    expect(state.errors, `error outputs${context()}`).toEqual([]);
    const [loss, matrix] = state.outputText.slice(-2);
    expect(loss).toMatch(/0\.1755/);
    expect(matrix).toMatch(/1\.5[\s\S]*2[\s\S]*3[\s\S]*4/);
    expect(state.outputText.join("\n")).not.toMatch(/isDisposedInternal|dataId/);
  } finally {
    await shutDownKernel(page).catch(() => undefined);
    await page.close();
  }
}, 300_000);
