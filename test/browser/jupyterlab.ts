// The project venv's JupyterLab, started for a test: 127.0.0.1, a random free port and token, its own
// config, runtime, settings and workspace directories, the project's tslab kernelspec (JUPYTER_PATH),
// `window.jupyterapp` exposed, serving a temporary folder inside build/ (cells resolve `losslab` through
// the checkout's node_modules). JupyterLab autosaves: put COPIES of notebooks in `root`.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Page } from "playwright-core";
import { buildDir, jupyterEnv, python } from "../../kernel/paths";

export interface JupyterLab {
  /** The folder the server serves; put notebooks here. */
  root: string;
  /** The URL that opens a notebook of root in its own workspace (no state shared between pages). */
  notebookUrl(name: string): string;
  /** What the server and its kernels wrote to stdout and stderr. */
  log(): string;
  stop(): Promise<void>;
}

/** User settings: no news or update checks (offline), and every cell rendered (no windowing). */
const settings: Record<string, object> = {
  "@jupyterlab/apputils-extension/notification.jupyterlab-settings": { fetchNews: "false", checkForUpdates: false },
  "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": { windowingMode: "none" },
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(base: string, token: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`JupyterLab exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${base}/api/kernelspecs?token=${token}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`JupyterLab did not answer within 120 s:\n${log()}`);
}

function writeSettings(dir: string): void {
  for (const [file, value] of Object.entries(settings)) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(value));
  }
}

export async function startJupyterLab(): Promise<JupyterLab> {
  fs.mkdirSync(buildDir, { recursive: true });
  const home = fs.mkdtempSync(path.join(buildDir, "jupyterlab-"));
  const root = path.join(home, "notebooks");
  fs.mkdirSync(root);
  writeSettings(path.join(home, "settings"));
  const [port, token] = [await freePort(), randomBytes(24).toString("hex")];
  const env = {
    ...jupyterEnv(),
    JUPYTER_CONFIG_DIR: path.join(home, "config"),
    JUPYTER_RUNTIME_DIR: path.join(home, "runtime"),
    JUPYTERLAB_SETTINGS_DIR: path.join(home, "settings"),
    JUPYTERLAB_WORKSPACES_DIR: path.join(home, "workspaces"),
    IPYTHONDIR: path.join(home, "ipython"),
  };
  const args = [
    "-m",
    "jupyter",
    "lab",
    "--no-browser",
    "--allow-root",
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0",
    `--ServerApp.root_dir=${root}`,
    `--IdentityProvider.token=${token}`,
    "--LabApp.expose_app_in_browser=True",
  ];
  const child = spawn(python, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    output += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForServer(base, token, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  let workspace = 0;
  return {
    root,
    notebookUrl: (name) => `${base}/lab/workspaces/w${++workspace}/tree/${encodeURIComponent(name)}?token=${token}`,
    log: () => output,
    stop,
  };
}

/** What a notebook panel shows, read from JupyterLab's own model and DOM. */
export interface PanelState {
  kernel: string;
  codeCells: number;
  /** Code cells that carry an execution count. */
  executed: number;
  /** Error outputs, as "ename: evalue", and stderr streams that mention an error. */
  errors: string[];
  /** Plotly charts in the panel, and those drawn (holding plotly's svg.main-svg). */
  charts: number;
  drawn: number;
  /** The text of every output, in order. */
  outputText: string[];
}

/** Opens `url` and waits until its notebook is the current panel and its kernel is idle. */
export async function openNotebook(page: Page, url: string, name: string, timeout = 180_000): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    (file) => {
      const panel = (window as any).jupyterapp?.shell?.currentWidget;
      const kernel = panel?.sessionContext?.session?.kernel;
      return panel?.context?.path === file && panel.context.isReady && kernel?.status === "idle";
    },
    name,
    { timeout, polling: 250 },
  );
}

/** Runs every cell through JupyterLab's own command and waits for the kernel to go idle; returns seconds. */
export async function runAll(page: Page, timeout = 300_000): Promise<number> {
  const started = Date.now();
  await page.evaluate(() => (window as any).jupyterapp.commands.execute("notebook:run-all-cells"));
  await page.waitForFunction(
    () => {
      const panel = (window as any).jupyterapp.shell.currentWidget;
      const cells = Array.from(panel.content.model.cells as Iterable<any>).filter((cell) => cell.type === "code");
      return (
        panel.sessionContext.session.kernel.status === "idle" &&
        cells.every((cell) => typeof cell.executionCount === "number")
      );
    },
    undefined,
    { timeout, polling: 250 },
  );
  return (Date.now() - started) / 1000;
}

/** Waits until the panel holds at least `expected` charts, all drawn, or `timeout` ms; then reads the panel. */
export async function panelState(page: Page, { expected = 0, timeout = 60_000 } = {}): Promise<PanelState> {
  await page
    .waitForFunction(
      (atLeast) => {
        const node = (window as any).jupyterapp.shell.currentWidget.node as HTMLElement;
        const charts = Array.from(node.querySelectorAll(".js-plotly-plot"));
        return charts.length >= atLeast && charts.every((chart) => chart.querySelector("svg.main-svg"));
      },
      expected,
      { timeout, polling: 250 },
    )
    .catch(() => undefined);
  return page.evaluate(() => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    const cells = Array.from(panel.content.model.cells as Iterable<any>).filter((cell) => cell.type === "code");
    const outputs = cells.flatMap((cell) => cell.outputs.toJSON() as any[]);
    // No named helpers in here: the bundler would wrap them in a function the page does not have.
    const stderr = outputs
      .filter((o) => o.output_type === "stream" && o.name === "stderr")
      .map((o) => [o.text ?? ""].flat().join(""));
    const errors = [
      ...outputs.filter((o) => o.output_type === "error").map((o) => `${o.ename}: ${o.evalue}`),
      ...stderr.filter((text) => /error/i.test(text)),
    ];
    const charts = Array.from((panel.node as HTMLElement).querySelectorAll(".js-plotly-plot"));
    return {
      kernel: panel.sessionContext.kernelDisplayName as string,
      codeCells: cells.length,
      executed: cells.filter((cell) => typeof cell.executionCount === "number").length,
      errors,
      charts: charts.length,
      drawn: charts.filter((chart) => chart.querySelector("svg.main-svg")).length,
      outputText: Array.from((panel.node as HTMLElement).querySelectorAll(".jp-OutputArea-output")).map(
        (node) => (node as HTMLElement).innerText,
      ),
    };
  });
}

/** Shuts down the current notebook's kernel (each is a Node process of its own). */
export async function shutDownKernel(page: Page): Promise<void> {
  await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget?.sessionContext?.shutdown());
}

/** Scrolls the panel to its first chart (drawn or not), else its first output, and saves a screenshot. */
export async function screenshot(page: Page, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.evaluate(() => {
    const node = (window as any).jupyterapp.shell.currentWidget.node as HTMLElement;
    const target =
      node.querySelector(".js-plotly-plot") ??
      node.querySelector(".losslab-figure") ??
      node.querySelector(".jp-OutputArea-output");
    target?.scrollIntoView({ block: "center" });
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
}

/** How many figures a notebook displays: outputs carrying plotly's MIME type or a losslab chart's HTML. */
export function figuresDisplayed(notebook: { cells: { outputs?: { data?: Record<string, unknown> }[] }[] }): number {
  return notebook.cells
    .flatMap((cell) => cell.outputs ?? [])
    .filter(
      ({ data = {} }) =>
        "application/vnd.plotly.v1+json" in data ||
        [data["text/html"] ?? ""].flat().join("").includes("losslab-figure"),
    ).length;
}
