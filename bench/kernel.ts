// How fast the notebook toolchain is: tslab kernel start, first cell result and per-cell latency
// on a trivial notebook, the first `import from "losslab"`, the whole `npm run build` (where
// the time goes), and the size of each site page and of the shared assets.
//
//   npx tsx bench/kernel.ts
import fs from "node:fs";
import path from "node:path";
import { build } from "../kernel/build";
import { executeNotebook } from "../kernel/notebooks";
import { buildDir, siteDir } from "../kernel/paths";

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
  fs.writeFileSync(file, JSON.stringify({
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: sources.map((source, i) => ({ id: `c${i}`, cell_type: "code", metadata: {}, source, outputs: [], execution_count: null })),
  }));
  return file;
}

async function kernelLatency(): Promise<void> {
  const trivial = writeNotebook("trivial.ipynb", Array.from({ length: 20 }, (_, i) => `const a${i} = ${i};\na${i} * 2`));
  const run = await executeNotebook(trivial, { outDir: path.join(benchDir, "executed") });
  if (!run.ok) throw new Error(`the trivial notebook failed: ${run.failure?.error}`);
  const [first, ...rest] = run.cellSeconds;
  console.log(`trivial notebook (20 cells): kernel start ${seconds(run.kernelStartSeconds)}, ` +
    `start to first result ${seconds(run.kernelStartSeconds + first)}, ` +
    `later cells median ${seconds(percentile(rest, 0.5))}, p90 ${seconds(percentile(rest, 0.9))}, ` +
    `python+kernel process wall ${seconds(run.wallSeconds)}`);

  const importing = writeNotebook("import.ipynb", ['import { ready, mseLoss } from "losslab";\nawait ready();', "mseLoss([1, 2], [1, 3]).dataSync()[0]"]);
  const imported = await executeNotebook(importing, { outDir: path.join(benchDir, "executed") });
  if (!imported.ok) throw new Error(`the import notebook failed: ${imported.failure?.error}`);
  console.log(`first cell importing losslab (tfjs, wasm ready): ${seconds(imported.cellSeconds[0])}, ` +
    `then one loss: ${seconds(imported.cellSeconds[1])}`);
}

async function buildTimes(): Promise<void> {
  const started = performance.now();
  const report = await build();
  const total = (performance.now() - started) / 1000;
  console.log(`\nnpm run build: ${seconds(total)} wall; ` +
    Object.entries(report.seconds).map(([step, s]) => `${step} ${seconds(s)}`).join(", "));
  for (const run of report.runs) {
    const cells = run.cellSeconds.reduce((a, b) => a + b, 0);
    const slowest = run.cellSeconds.indexOf(Math.max(...run.cellSeconds));
    console.log(`  ${run.ok ? "" : "FAILED "}${run.notebook}: ${seconds(run.wallSeconds)} = kernel start ` +
      `${seconds(run.kernelStartSeconds)} + ${run.cellSeconds.length} code cells ${seconds(cells)} ` +
      `(slowest: code cell #${slowest + 1}, ${seconds(run.cellSeconds[slowest] ?? 0)}) + executor ` +
      `${seconds(run.wallSeconds - run.kernelStartSeconds - cells)}`);
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
  for (const name of fs.readdirSync(siteDir).filter((n) => n !== "assets").sort()) {
    console.log(`  ${name.padEnd(40)} ${kib(sizeOf(path.join(siteDir, name)))}`);
  }
  const assets = path.join(siteDir, "assets");
  for (const name of fs.readdirSync(assets).sort()) {
    console.log(`  assets/${name.padEnd(33)} ${kib(sizeOf(path.join(assets, name)))}`);
  }
}

async function main(): Promise<void> {
  await kernelLatency();
  await buildTimes();
  siteSizes();
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
