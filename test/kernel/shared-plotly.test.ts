import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  SHARED_PLOTLY_FILE,
  SHARED_PLOTLY_LOADER,
  shareEmbeddedPlotly,
  withSharedPlotly,
} from "../../kernel/notebooks";

const library =
  'if (typeof window.Plotly === "undefined") (function (define, module, exports) {\nPlotly = 1;\n}).call(window);\n';
const chart = '<div id="c" class="losslab-figure"></div>\n<script>\ndraw();\n</script>';
const plotlyJson = { data: [{ type: "scatter", x: [0], y: [1] }], layout: {} };

/** An executed notebook as nbformat writes it: text/html split into lines. */
function executedNotebook() {
  const first = `<script data-losslab-plotly>\n${library}</script>\n${chart}`;
  return {
    cells: [
      { cell_type: "markdown", source: ["# t"] },
      { cell_type: "code", outputs: [{ output_type: "stream", name: "stdout", text: ["tensor(1.)\n"] }] },
      {
        cell_type: "code",
        outputs: [
          {
            output_type: "display_data",
            data: { "application/vnd.plotly.v1+json": plotlyJson, "text/html": first.split(/(?<=\n)/) },
          },
        ],
      },
      { cell_type: "code", outputs: [{ output_type: "display_data", data: { "text/html": [chart] } }] },
    ],
    metadata: {},
  };
}

describe("withSharedPlotly", () => {
  it("replaces the embedded library by the marked script that loads the shared file, and returns the library", () => {
    const original = executedNotebook();
    const before = JSON.stringify(original);
    const { notebook, plotly } = withSharedPlotly(original);
    expect(plotly).toBe(library);
    const html = (notebook.cells[2].outputs![0].data!["text/html"] as string[]).join("");
    expect(html).toBe(`${SHARED_PLOTLY_LOADER}\n${chart}`);
    // The marker keeps its meaning: the exact opening tag, closed by the first </script> after it.
    expect(SHARED_PLOTLY_LOADER.startsWith("<script data-losslab-plotly>\n")).toBe(true);
    expect(SHARED_PLOTLY_LOADER.indexOf("</script>")).toBe(SHARED_PLOTLY_LOADER.length - "</script>".length);
    expect(SHARED_PLOTLY_LOADER).toContain(`script.src = "${SHARED_PLOTLY_FILE}";`);
    expect(notebook.cells[2].outputs![0].data!["application/vnd.plotly.v1+json"]).toEqual(plotlyJson);
    expect(notebook.cells.filter((_, i) => i !== 2)).toEqual(original.cells.filter((_, i) => i !== 2));
    expect(JSON.stringify(original)).toBe(before);
  });

  it("leaves a notebook without an embed as it is", () => {
    const notebook = { cells: [executedNotebook().cells[3]] };
    expect(withSharedPlotly(notebook)).toEqual({ notebook, plotly: null });
  });
});

describe("shareEmbeddedPlotly", () => {
  it("rewrites the executed copy and writes the library beside it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "losslab-shared-plotly-"));
    const file = path.join(dir, "01.ipynb");
    fs.writeFileSync(file, JSON.stringify(executedNotebook()));
    shareEmbeddedPlotly(file);
    expect(fs.readFileSync(path.join(dir, SHARED_PLOTLY_FILE), "utf8")).toBe(library);
    expect(fs.readFileSync(file, "utf8")).not.toContain("Plotly = 1");
    expect(fs.readdirSync(dir).sort()).toEqual(["01.ipynb", SHARED_PLOTLY_FILE]);
  });
});
