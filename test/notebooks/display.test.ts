// The notebook display in a real tslab kernel, executed by nbclient: a chart is one display with plotly's JSON and
// HTML, a tensor prints as PyTorch prints it, a LossInputError shows its message and the cell, and the executed copy
// loads plotly.js from one shared file instead of carrying it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  describeFailure,
  executeNotebook,
  type NotebookRun,
  SHARED_PLOTLY_FILE,
  SHARED_PLOTLY_LOADER,
} from "../../kernel/notebooks";
import { setUpKernel } from "../../kernel/register";

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}

const PLOTLY = "application/vnd.plotly.v1+json";
const join = (text: unknown) => [text].flat().join("");

let run: NotebookRun;
let cells: { outputs?: Output[] }[];

beforeAll(async () => {
  setUpKernel();
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "losslab-display-"));
  run = await executeNotebook(path.join(__dirname, "fixtures", "display.ipynb"), { outDir });
  cells = JSON.parse(fs.readFileSync(run.executed, "utf8")).cells;
}, 180_000);

const outputs = (cell: number, type: string) => (cells[cell].outputs ?? []).filter((o) => o.output_type === type);
const stream = (cell: number, name: string) =>
  outputs(cell, "stream")
    .filter((o) => o.name === name)
    .map((o) => join(o.text))
    .join("");

describe("the notebook display in a tslab kernel", () => {
  it("executes the fixture", () => {
    if (!run.ok) expect.fail(describeFailure(run));
  });

  it("prints a cell's tensor value and console.log(tensor) as PyTorch does", () => {
    expect(stream(2, "stdout")).toBe("tensor(0.3125)\n");
    expect(stream(3, "stdout")).toBe("tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])\n");
    expect(stream(5, "stdout")).toBe("tensor(<disposed>, size=(2,), dtype=float32)\n");
  });

  it("displays a tensor as one display with text/plain and an HTML table, without leaking a tensor", () => {
    const [shown] = outputs(4, "display_data");
    expect(outputs(4, "display_data")).toHaveLength(1);
    expect(Object.keys(shown.data!).sort()).toEqual(["text/html", "text/plain"]);
    expect(join(shown.data!["text/plain"])).toBe("tensor([0, 2], dtype=int32)");
    expect(join(shown.data!["text/html"])).toContain("<tr><td>0</td><td>2</td></tr>");
    expect(outputs(4, "error")).toEqual([]);
  });

  it("shows each chart as ONE display carrying plotly's JSON and the HTML fallback", () => {
    const charts = [6, 7].map((cell) => outputs(cell, "display_data"));
    expect(charts.map((c) => c.length)).toEqual([1, 1]);
    for (const [chart] of charts) expect(Object.keys(chart.data!).sort()).toEqual([PLOTLY, "text/html"].sort());
    const json = charts[0][0].data![PLOTLY] as { data: { name: string; y: number[] }[]; layout: { height: number } };
    expect(json.data[0]).toMatchObject({ name: "x²", y: [0, 1, 4] });
    expect(json.layout.height).toBe(450);
  });

  it("writes the executed copy with plotly.js in one shared file beside it, not embedded", () => {
    const [first, second] = [6, 7].map((cell) => join(outputs(cell, "display_data")[0].data!["text/html"]));
    expect(first.startsWith(`${SHARED_PLOTLY_LOADER}\n<div id=`)).toBe(true);
    expect(second).not.toContain("data-losslab-plotly");
    const library = fs.readFileSync(path.join(path.dirname(run.executed), SHARED_PLOTLY_FILE), "utf8");
    expect(library.startsWith('if (typeof window.Plotly === "undefined") (function (define, module, exports) {')).toBe(
      true,
    );
    expect(library.length).toBeGreaterThan(1_000_000);
    expect(fs.statSync(run.executed).size).toBeLessThan(100_000);
  });

  it("shows a LossInputError thrown in a cell as its message and the cell's frames only", () => {
    expect(stream(8, "stderr")).toBe(
      "LossInputError: mseLoss: target: expected shape [2] (the shape of input), " +
        "got [3]\n    at meanSquared (notebook cell)\n    at notebook cell\n",
    );
  });
});
