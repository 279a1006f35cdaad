// `npm run build`: build the library, register the kernel, execute every tutorial, write site/.
// Exits non-zero, naming the notebook and the cell, when a cell fails; the site is written anyway
// so the failure can be read in context.
import path from "node:path";
import { describeFailure, executeNotebooks, summarize, type NotebookRun } from "./notebooks";
import { listNotebooks, siteDir } from "./paths";
import { buildLibrary, linkPackage, registerKernel } from "./register";
import { writeSite } from "./site";

export interface BuildReport {
  runs: NotebookRun[];
  /** Human-readable failures, one per failed notebook. */
  failures: string[];
  pages: string[];
  /** Seconds per step, in order. */
  seconds: Record<string, number>;
}

function timed<T>(seconds: Record<string, number>, step: string, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    seconds[step] = (performance.now() - started) / 1000;
  }
}

export async function build(notebooks: string[] = listNotebooks(), outDir: string = siteDir): Promise<BuildReport> {
  const seconds: Record<string, number> = {};
  timed(seconds, "library", buildLibrary);
  timed(seconds, "kernel", () => {
    linkPackage();
    registerKernel();
  });
  const started = performance.now();
  const runs = await executeNotebooks(notebooks);
  seconds.notebooks = (performance.now() - started) / 1000;
  const pages = timed(seconds, "site", () =>
    writeSite(
      runs.map((run, i) => ({ source: notebooks[i], executed: run.executed })),
      outDir,
    ),
  );
  return { runs, failures: runs.filter((run) => !run.ok).map(describeFailure), pages, seconds };
}

async function main(): Promise<void> {
  const started = performance.now();
  const report = await build();
  for (const run of report.runs) console.log(summarize(run));
  const steps = Object.entries(report.seconds)
    .map(([step, s]) => `${step} ${s.toFixed(1)} s`)
    .join(", ");
  console.log(
    `site: ${report.pages.length} pages in ${path.relative(process.cwd(), siteDir) || "."}/ ` +
      `(${steps}; total ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  for (const failure of report.failures) console.error(`\n${failure}`);
  if (report.failures.length > 0) process.exitCode = 1;
}

if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
