// vitest globalSetup of the "docs" project: runs `npm run build`'s pipeline once (library,
// kernel, every tutorial executed, site/ written) before the notebook and browser suites, and
// hands them its report. A failing cell does not stop the run: notebooks.test.ts reports it.
import type { TestProject } from "vitest/node";
import { build, type BuildReport } from "../../kernel/build";
import { summarize } from "../../kernel/notebooks";

declare module "vitest" {
  export interface ProvidedContext {
    docsBuild: BuildReport;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const report = await build();
  const steps = Object.entries(report.seconds)
    .map(([step, s]) => `${step} ${s.toFixed(1)} s`)
    .join(", ");
  console.log(
    `[docs] ${report.runs.map(summarize).join("\n[docs] ")}\n[docs] site: ${report.pages.length} pages (${steps})`,
  );
  project.provide("docsBuild", report);
}
