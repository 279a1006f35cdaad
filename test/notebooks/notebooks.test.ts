// The tutorials execute on the real tslab kernel without a failing cell or assertion (executed
// once by the docs project's globalSetup); they are stored without outputs; the toolchain itself
// (kernelspec, losslab link, failure messages) works.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { describeFailure, executeNotebooks } from "../../kernel/notebooks";
import { jupyterDataDir, jupyterEnv, listNotebooks, python, repoRoot, tslabBin } from "../../kernel/paths";

const report = inject("docsBuild");
const fixtures = path.join(__dirname, "fixtures");
const readNotebook = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

describe("the tutorials", () => {
  it("exist", () => {
    expect(report.runs.length).toBeGreaterThan(0);
  });

  it.each(report.runs.map((run) => [run.notebook, run] as const))(
    "%s executes without a failing cell",
    (_name, run) => {
      if (!run.ok) expect.fail(describeFailure(run));
      expect(run.cellSeconds.length).toBeGreaterThan(0);
    },
  );

  it.each(listNotebooks().map((file) => [path.relative(repoRoot, file), file] as const))(
    "%s is stored without outputs, on the tslab kernel",
    (_name, file) => {
      const notebook = readNotebook(file);
      expect(notebook.metadata.kernelspec).toEqual({
        name: "tslab",
        display_name: "TypeScript",
        language: "typescript",
      });
      const executed = notebook.cells.flatMap(
        (cell: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }, index: number) =>
          cell.cell_type === "code" && ((cell.outputs ?? []).length > 0 || cell.execution_count != null) ? [index] : [],
      );
      expect(executed, "cells stored with outputs or an execution count").toEqual([]);
    },
  );
});

describe("the kernel toolchain", () => {
  it("registers this checkout's tslab in .jupyter-data, where Jupyter finds it", () => {
    const listing = JSON.parse(
      execFileSync(python, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], {
        env: jupyterEnv(),
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
    const tslab = listing.kernelspecs.tslab;
    expect(tslab.resource_dir).toBe(path.join(jupyterDataDir, "kernels", "tslab"));
    expect(tslab.spec).toMatchObject({
      display_name: "TypeScript",
      language: "typescript",
      argv: [tslabBin, "kernel", "--config-path", "{connection_file}"],
    });
  });

  it("links node_modules/losslab to the checkout with a relative symlink", () => {
    expect(fs.readlinkSync(path.join(repoRoot, "node_modules", "losslab"))).toBe("..");
  });

  it("imports losslab with its types in a real kernel, and names the notebook and cell that fail", async () => {
    const [toolchain, failing] = await executeNotebooks(
      ["toolchain.ipynb", "failing-assertion.ipynb"].map((name) => path.join(fixtures, name)),
      { outDir: fs.mkdtempSync(path.join(os.tmpdir(), "losslab-executed-")) },
    );
    expect(toolchain.failure).toBeNull();
    const executed = readNotebook(toolchain.executed);
    expect(executed.cells[1].outputs.some((output: { text?: string[] }) => output.text?.join("") === "1\n")).toBe(true);
    expect(JSON.stringify(executed.cells[4].outputs)).toContain("losslab-figure");

    expect(failing.ok).toBe(false);
    expect(failing.failure?.cell).toBe(2);
    const message = describeFailure(failing);
    expect(message).toContain("test/notebooks/fixtures/failing-assertion.ipynb, cell 2 (code cell 2) failed");
    expect(message).toContain("Error: answer is 42, expected 41");
    expect(message).not.toContain("tslab/dist");
  }, 180_000);
});
