// How fast the notebook toolchain is.
//
//   npx tsx bench/kernel.ts [--notebook FILE] [--runs N] [--compile-only] [--surface] [--build]
//
// Latency of a tutorial on the tslab kernel (default notebooks/04-softmax-cross-entropy.ipynb), N times:
// - through Jupyter's executor (nbclient, kernel/execute.py): kernel start, the cell that imports losslab,
//   the other code cells (median, p90, max); wall seconds, so a busy machine shows in them;
// - through tslab's own converter, in this process, with the kernel's compiler options and the notebook's
//   folder as its working directory: the CPU milliseconds that type-checking and transpiling each cell
//   cost (the part of a cell's latency that the type surface a notebook sees decides), which a busy
//   machine disturbs far less than wall time.
// Then a trivial 20-cell notebook (the kernel's floor). --compile-only measures the converter alone (any
// notebook folder, e.g. a copy whose node_modules/losslab has other declarations). --surface first lists, package
// by package, the files a cell importing losslab puts in the compiler's program: what every cell is checked
// against. --build also times `npm run build` step by step and prints the size of each site page and of the
// shared assets.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "../kernel/build";
import { executeNotebook } from "../kernel/notebooks";
import { buildDir, notebooksDir, siteDir } from "../kernel/paths";
import { setUpKernel } from "../kernel/register";

const benchDir = path.join(buildDir, "bench");
const seconds = (s: number) => `${s.toFixed(2)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function writeNotebook(name: string, sources: string[]): string {
  const file = path.join(benchDir, name);
  fs.mkdirSync(benchDir, { recursive: true });
  fs.writeFileSync(
    file,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      cells: sources.map((source, i) => ({
        id: `c${i}`,
        cell_type: "code",
        metadata: {},
        source,
        outputs: [],
        execution_count: null,
      })),
    }),
  );
  return file;
}

const ms = (value: number) => `${Math.round(value)} ms`;

interface NotebookJson {
  cells: { cell_type: string; source: string | string[] }[];
}

function codeCells(notebook: string): string[] {
  const parsed = JSON.parse(fs.readFileSync(notebook, "utf8")) as NotebookJson;
  return parsed.cells.filter((cell) => cell.cell_type === "code").map((cell) => [cell.source].flat().join(""));
}

/** Kernel start, the import cell and the other cells of one notebook through nbclient, `runs` times. */
async function notebookLatency(notebook: string, runs: number): Promise<void> {
  console.log(`${path.basename(notebook)} through nbclient (wall):`);
  for (let i = 0; i < runs; i++) {
    const run = await executeNotebook(notebook, { outDir: path.join(benchDir, "executed") });
    if (!run.ok) throw new Error(`${notebook} failed: ${run.failure?.error}`);
    const [importCell, ...rest] = run.cellSeconds;
    console.log(
      `  run ${i + 1}: kernel start ${seconds(run.kernelStartSeconds)}, import cell ` +
        `${seconds(importCell)}, ${rest.length} other cells median ${seconds(percentile(rest, 0.5))}, ` +
        `p90 ${seconds(percentile(rest, 0.9))}, max ${seconds(Math.max(...rest))}`,
    );
  }
}

interface Converter {
  convert(prevDecl: string, src: string): { declOutput?: string; diagnostics: { messageText: string }[] };
  close(): void;
}

function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface CompileRun {
  createMs: number;
  cellMs: number[];
}

/**
 * Type-checks and transpiles each code cell as the kernel does: tslab's converter, the notebook's folder as
 * the working directory, each cell seeing the declarations of the cells before it. Run in a fresh process
 * (`--compile-once`), cold as in a new kernel.
 */
function compileOnce(notebook: string): CompileRun {
  // Loaded here, not at the top: only the child process that compiles pays for it, cold.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createConverter } = require("tslab/dist/converter") as {
    createConverter(options: { isJS: boolean; isBrowser: boolean }): Converter;
  };
  const cells = codeCells(notebook);
  process.chdir(path.dirname(notebook));
  let started = cpuMilliseconds();
  const converter = createConverter({ isJS: false, isBrowser: false });
  const createMs = cpuMilliseconds() - started;
  const cellMs: number[] = [];
  let declarations = "";
  for (const [index, source] of cells.entries()) {
    started = cpuMilliseconds();
    const converted = converter.convert(declarations, source);
    cellMs.push(cpuMilliseconds() - started);
    if (converted.diagnostics.length > 0) {
      throw new Error(`code cell ${index + 1} does not compile: ${converted.diagnostics[0].messageText}`);
    }
    declarations = converted.declOutput ?? declarations;
  }
  converter.close();
  return { createMs, cellMs };
}

/** The files a cell importing losslab puts in tslab's program, from the notebook's folder, grouped by package. */
function typeSurface(notebook: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("typescript") as typeof import("typescript");
  const folder = path.dirname(notebook);
  const cell = path.join(folder, "__surface_cell.ts");
  const options: import("typescript").CompilerOptions = {
    // tslab's own (node_modules/tslab/dist/converter.js); typeRoots as ts.getDefaultTypeRoots finds them
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    typeRoots: ancestors(folder)
      .map((dir) => path.join(dir, "node_modules", "@types"))
      .filter((dir) => fs.existsSync(dir)),
    rootDir: folder,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const [readFile, fileExists] = [host.readFile, host.fileExists];
  host.readFile = (file) => (file === cell ? 'import { tf } from "losslab";\ntf.scalar(1).div(2);' : readFile(file));
  host.fileExists = (file) => file === cell || fileExists(file);
  const program = ts.createProgram([cell], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
  if (problems.length > 0) throw new Error(`the surface cell does not compile: ${problems[0]}`);
  const byPackage = new Map<string, { files: number; bytes: number }>();
  for (const file of program.getSourceFiles()) {
    if (file.fileName === cell) continue;
    const owner = packageOf(file.fileName);
    const entry = byPackage.get(owner) ?? { files: 0, bytes: 0 };
    byPackage.set(owner, { files: entry.files + 1, bytes: entry.bytes + file.text.length });
  }
  const total = [...byPackage.values()].reduce((sum, e) => ({
    files: sum.files + e.files,
    bytes: sum.bytes + e.bytes,
  }));
  console.log(`what a cell importing losslab is checked against: ${total.files} files, ${kib(total.bytes)}`);
  for (const [owner, entry] of [...byPackage].sort((a, b) => b[1].bytes - a[1].bytes)) {
    console.log(`  ${owner.padEnd(36)} ${String(entry.files).padStart(4)} files ${kib(entry.bytes).padStart(11)}`);
  }
}

function ancestors(dir: string): string[] {
  const parent = path.dirname(dir);
  return parent === dir ? [dir] : [dir, ...ancestors(parent)];
}

/** The package a declaration file belongs to: its name under node_modules, or losslab's own dist/. */
function packageOf(file: string): string {
  const real = fs.realpathSync(file);
  const inModules = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(real);
  if (inModules) return inModules[1];
  return real.startsWith(path.join(path.resolve(__dirname, ".."), "dist")) ? "losslab (dist/)" : real;
}

function compileLatency(notebook: string, runs: number): void {
  console.log(`${path.basename(notebook)} through tslab's converter (CPU time of type-check and transpile):`);
  for (let i = 0; i < runs; i++) {
    const output = execFileSync(process.execPath, [...process.execArgv, __filename, "--compile-once", notebook], {
      encoding: "utf8",
    });
    const { createMs, cellMs } = JSON.parse(output.trim().split("\n").pop()!) as CompileRun;
    const [importCell, ...rest] = cellMs;
    console.log(
      `  run ${i + 1}: compiler start ${ms(createMs)}, import cell ${ms(importCell)}, ` +
        `${rest.length} other cells median ${ms(percentile(rest, 0.5))}, p90 ${ms(percentile(rest, 0.9))}, ` +
        `max ${ms(Math.max(...rest))}`,
    );
  }
}

async function kernelLatency(): Promise<void> {
  const trivialCells = Array.from({ length: 20 }, (_, i) => `const a${i} = ${i};\na${i} * 2`);
  const trivial = writeNotebook("trivial.ipynb", trivialCells);
  const run = await executeNotebook(trivial, { outDir: path.join(benchDir, "executed") });
  if (!run.ok) throw new Error(`the trivial notebook failed: ${run.failure?.error}`);
  const [first, ...rest] = run.cellSeconds;
  console.log(
    `trivial notebook (20 cells): kernel start ${seconds(run.kernelStartSeconds)}, ` +
      `start to first result ${seconds(run.kernelStartSeconds + first)}, ` +
      `later cells median ${seconds(percentile(rest, 0.5))}, p90 ${seconds(percentile(rest, 0.9))}, ` +
      `python+kernel process wall ${seconds(run.wallSeconds)}`,
  );

  const importing = writeNotebook("import.ipynb", [
    'import { ready, mseLoss } from "losslab";\nawait ready();',
    "mseLoss([1, 2], [1, 3]).dataSync()[0]",
  ]);
  const imported = await executeNotebook(importing, { outDir: path.join(benchDir, "executed") });
  if (!imported.ok) throw new Error(`the import notebook failed: ${imported.failure?.error}`);
  console.log(
    `first cell importing losslab (tfjs, wasm ready): ${seconds(imported.cellSeconds[0])}, ` +
      `then one loss: ${seconds(imported.cellSeconds[1])}`,
  );
}

async function buildTimes(): Promise<void> {
  const started = performance.now();
  const report = await build();
  const total = (performance.now() - started) / 1000;
  console.log(
    `\nnpm run build: ${seconds(total)} wall; ` +
      Object.entries(report.seconds)
        .map(([step, s]) => `${step} ${seconds(s)}`)
        .join(", "),
  );
  for (const run of report.runs) {
    const cells = run.cellSeconds.reduce((a, b) => a + b, 0);
    const slowest = run.cellSeconds.indexOf(Math.max(...run.cellSeconds));
    console.log(
      `  ${run.ok ? "" : "FAILED "}${run.notebook}: ${seconds(run.wallSeconds)} = kernel start ` +
        `${seconds(run.kernelStartSeconds)} + ${run.cellSeconds.length} code cells ${seconds(cells)} ` +
        `(slowest: code cell #${slowest + 1}, ${seconds(run.cellSeconds[slowest] ?? 0)}) + executor ` +
        `${seconds(run.wallSeconds - run.kernelStartSeconds - cells)}`,
    );
  }
  if (report.failures.length > 0) console.log(report.failures.join("\n"));
}

function sizeOf(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

function siteSizes(): void {
  console.log(`\nsite/ (${kib(sizeOf(siteDir))} in all):`);
  for (const name of fs
    .readdirSync(siteDir)
    .filter((n) => n !== "assets")
    .sort()) {
    console.log(`  ${name.padEnd(40)} ${kib(sizeOf(path.join(siteDir, name)))}`);
  }
  const assets = path.join(siteDir, "assets");
  for (const name of fs.readdirSync(assets).sort()) {
    console.log(`  assets/${name.padEnd(33)} ${kib(sizeOf(path.join(assets, name)))}`);
  }
}

interface KernelBenchOptions {
  notebook: string;
  runs: number;
  compileOnly: boolean;
  surface: boolean;
  build: boolean;
}

function parseArgs(args: string[]): KernelBenchOptions {
  const options = {
    notebook: path.join(notebooksDir, "04-softmax-cross-entropy.ipynb"),
    runs: 3,
    compileOnly: false,
    surface: false,
    build: false,
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === "--build") options.build = true;
    else if (flag === "--compile-only") options.compileOnly = true;
    else if (flag === "--surface") options.surface = true;
    else if (flag === "--notebook" && value) [options.notebook, i] = [path.resolve(value), i + 1];
    else if (flag === "--runs" && Number.isInteger(Number(value)) && Number(value) > 0) {
      [options.runs, i] = [Number(value), i + 1];
    } else {
      const usage = "tsx bench/kernel.ts [--notebook FILE] [--runs N] [--compile-only] [--surface] [--build]";
      throw new Error(`usage: ${usage} (got ${flag})`);
    }
  }
  return options;
}

async function main(args: string[]): Promise<void> {
  if (args[0] === "--compile-once" && args[1]) {
    // exit either way: the converter's file watchers would keep the process, and the parent waiting on it, alive
    try {
      console.log(JSON.stringify(compileOnce(args[1])));
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  }
  const options = parseArgs(args);
  if (options.surface) typeSurface(options.notebook);
  if (options.compileOnly) return compileLatency(options.notebook, options.runs);
  setUpKernel();
  await notebookLatency(options.notebook, options.runs);
  compileLatency(options.notebook, options.runs);
  await kernelLatency();
  if (options.build) {
    await buildTimes();
    siteSizes();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
