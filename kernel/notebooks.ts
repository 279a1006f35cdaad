// Builds the library, registers the kernel, then executes the tutorials headless with Jupyter's executor
// (kernel/execute.py, nbclient) on the tslab kernel, two at a time, and says which notebook and which cell
// failed, with the error.
//
//   tsx kernel/notebooks.ts [NOTEBOOK.ipynb ...]     default: every notebooks/*.ipynb
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { executedDir, jupyterEnv, listNotebooks, python, repoRoot } from "./paths";
import { setUpKernel } from "./register";

export interface CellFailure {
  /** Index of the failing cell in the notebook's cell list (0-based, markdown cells counted). */
  cell: number | null;
  error: string;
}

export interface NotebookRun {
  /** The notebook's path relative to the checkout. */
  notebook: string;
  /** The executed copy (written also when a cell failed). */
  executed: string;
  ok: boolean;
  kernelStartSeconds: number;
  cellSeconds: number[];
  wallSeconds: number;
  failure: CellFailure | null;
}

export interface ExecuteOptions {
  outDir?: string;
  /** Seconds one cell may run. */
  cellTimeout?: number;
  /** Notebooks executed at once (each is one kernel process). */
  concurrency?: number;
}

interface ExecutorReport {
  ok: boolean;
  kernelStartSeconds: number;
  cellSeconds: number[];
  failure: CellFailure | null;
}

const executorScript = path.join(__dirname, "execute.py");

function runExecutor(notebook: string, executed: string, cellTimeout: number): Promise<ExecutorReport> {
  const args = [executorScript, notebook, executed, "--timeout", String(cellTimeout)];
  return new Promise((resolve) => {
    execFile(python, args, { env: jupyterEnv(), maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const lastLine = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(lastLine) as ExecutorReport);
      } catch {
        const detail = [error?.message, stderr.trim()].filter(Boolean).join("\n");
        resolve({
          ok: false,
          kernelStartSeconds: 0,
          cellSeconds: [],
          failure: { cell: null, error: `the executor did not report: ${detail}` },
        });
      }
    });
  });
}

/** The file beside the executed copies that their charts' HTML loads plotly.js from. */
export const SHARED_PLOTLY_FILE = "losslab-plotly.js";

/** The element losslab's show() embeds plotly.js in, once per kernel (src/notebook/plotlyLibrary.ts). */
const EMBEDDED_PLOTLY = /<script data-losslab-plotly>\n([\s\S]*?)<\/script>/;

interface OutputJson {
  data?: Record<string, unknown>;
  [field: string]: unknown;
}
interface NotebookJson {
  cells: { outputs?: OutputJson[]; [field: string]: unknown }[];
  [field: string]: unknown;
}

/**
 * The same marked element as the embed (`<script data-losslab-plotly>`, up to the first `</script>`), loading the
 * shared file instead of carrying the library; the charts' scripts wait for `window.Plotly` as they do for the embed.
 */
export const SHARED_PLOTLY_LOADER = [
  "<script data-losslab-plotly>",
  "(function () {",
  '  if (window.Plotly || document.querySelector("script[data-losslab-plotly-file]")) return;',
  '  var script = document.createElement("script");',
  `  script.src = "${SHARED_PLOTLY_FILE}";`,
  '  script.setAttribute("data-losslab-plotly-file", "");',
  "  document.head.appendChild(script);",
  "})();",
  "</script>",
].join("\n");

/**
 * The executed notebook with plotly.js moved out of its charts' text/html: the embedded library (≈ 4.8 MB) becomes
 * SHARED_PLOTLY_LOADER, the same marker loading the library from one shared file beside the notebook. A saved
 * notebook is untrusted when reopened, so no Jupyter frontend runs that script anyway: JupyterLab and VS Code draw
 * from the plotly JSON beside it, and the site strips the marked element and loads its own plotly.js; nbconvert's
 * HTML of the copy, next to the shared file, draws from it. Returns the library's script, or null when the notebook
 * embedded none. Pure: `notebook` is not changed.
 */
export function withSharedPlotly(notebook: NotebookJson): { notebook: NotebookJson; plotly: string | null } {
  let plotly: string | null = null;
  const cells = notebook.cells.map((cell) =>
    !cell.outputs
      ? cell
      : {
          ...cell,
          outputs: cell.outputs.map((output) => {
            const html = output.data?.["text/html"];
            if (html === undefined) return output;
            const text = [html].flat().join("");
            const embed = EMBEDDED_PLOTLY.exec(text);
            if (!embed) return output;
            plotly = embed[1];
            const shared = text.replace(embed[0], SHARED_PLOTLY_LOADER);
            return { ...output, data: { ...output.data, "text/html": shared.split(/(?<=\n)/) } };
          }),
        },
  );
  return { notebook: { ...notebook, cells }, plotly };
}

/** Rewrites an executed copy with plotly.js in SHARED_PLOTLY_FILE beside it (written atomically). */
export function shareEmbeddedPlotly(executed: string): void {
  const { notebook, plotly } = withSharedPlotly(JSON.parse(fs.readFileSync(executed, "utf8")));
  if (plotly === null) return;
  const library = path.join(path.dirname(executed), SHARED_PLOTLY_FILE);
  const partial = `${library}.${process.pid}.${path.basename(executed)}.tmp`;
  fs.writeFileSync(partial, plotly);
  fs.renameSync(partial, library);
  fs.writeFileSync(executed, `${JSON.stringify(notebook, null, 1)}\n`);
}

/** Executes one notebook; the executed copy goes to outDir under the same name, plotly.js beside it. */
export async function executeNotebook(
  notebook: string,
  { outDir = executedDir, cellTimeout = 120 }: ExecuteOptions = {},
): Promise<NotebookRun> {
  const executed = path.join(outDir, path.basename(notebook));
  const started = performance.now();
  const report = await runExecutor(notebook, executed, cellTimeout);
  if (fs.existsSync(executed)) shareEmbeddedPlotly(executed);
  return {
    notebook: path.relative(repoRoot, notebook),
    executed,
    ...report,
    wallSeconds: (performance.now() - started) / 1000,
  };
}

/** Executes notebooks `concurrency` at a time; the runs come back in the notebooks' order. */
export async function executeNotebooks(
  notebooks: string[] = listNotebooks(),
  options: ExecuteOptions = {},
): Promise<NotebookRun[]> {
  const runs: NotebookRun[] = new Array(notebooks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < notebooks.length; i = next++) runs[i] = await executeNotebook(notebooks[i], options);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return runs;
}

interface SourceCell {
  cell_type: string;
  source: string | string[];
}

function readCells(notebookPath: string): SourceCell[] {
  return JSON.parse(fs.readFileSync(path.resolve(repoRoot, notebookPath), "utf8")).cells;
}

/** "notebooks/x.ipynb, cell 5 (code cell 3) failed: <error>", then the cell's source. */
export function describeFailure(run: NotebookRun): string {
  if (!run.failure) return `${run.notebook}: ok`;
  const { cell, error } = run.failure;
  if (cell === null) return `${run.notebook}: ${error}`;
  const cells = readCells(run.notebook);
  const codeOrdinal = cells.slice(0, cell + 1).filter((c) => c.cell_type === "code").length;
  const source = [cells[cell]?.source ?? ""]
    .flat()
    .join("")
    .split("\n")
    .map((line) => `  | ${line}`)
    .join("\n");
  return `${run.notebook}, cell ${cell} (code cell ${codeOrdinal}) failed:\n${error}\n  cell ${cell}:\n${source}`;
}

export function summarize(run: NotebookRun): string {
  const cells = run.cellSeconds.reduce((a, b) => a + b, 0);
  return (
    `${run.ok ? "ok  " : "FAIL"} ${run.notebook}  ${run.wallSeconds.toFixed(1)} s ` +
    `(kernel start ${run.kernelStartSeconds.toFixed(1)} s, ${run.cellSeconds.length} cells ${cells.toFixed(1)} s)`
  );
}

async function main(args: string[]): Promise<void> {
  const notebooks = args.length > 0 ? args.map((arg) => path.resolve(arg)) : listNotebooks();
  if (notebooks.length === 0) throw new Error("no notebooks to execute");
  setUpKernel();
  const runs = await executeNotebooks(notebooks);
  for (const run of runs) console.log(summarize(run));
  const failed = runs.filter((run) => !run.ok);
  for (const run of failed) console.error(`\n${describeFailure(run)}`);
  if (failed.length > 0) process.exitCode = 1;
}

if (require.main === module)
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
