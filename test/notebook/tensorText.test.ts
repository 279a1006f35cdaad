// The text of a tensor against PyTorch's own: test/notebook/tensor-text.json is written by tensor-text.py with
// torch (`.venv/bin/python test/notebook/tensor-text.py`).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { ready } from "../../src/core/backend";
import { formatExponential, formatFixed } from "../../src/notebook/pythonNumbers";
import { tensorGrid, tensorText } from "../../src/notebook/tensorText";
import { describeTensor, tensorHtml } from "../../src/notebook/tensors";

interface TorchCase {
  name: string;
  values: (number | boolean | string)[];
  shape: number[];
  dtype: "float32" | "int32" | "bool";
  expected: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, "tensor-text.json"), "utf8")) as { cases: TorchCase[] };

/** JSON has no NaN or infinities: the generator writes them as Python's str(). */
function valuesOf({ values }: TorchCase): number[] {
  return values.map((v) => (typeof v === "string" ? Number(v.replace("inf", "Infinity")) : Number(v)));
}

function tensorOf(c: TorchCase): tf.Tensor {
  if (c.dtype === "bool") return tf.tensor(c.values as boolean[], c.shape, "bool");
  return tf.tensor(valuesOf(c), c.shape, c.dtype);
}

describe("Python's float formatting", () => {
  it.each([
    [0.03125, "0.0312", "3.1250e-02"],
    [0.1755, "0.1755", "1.7550e-01"],
    [9.99995, "10.0000", "1.0000e+01"],
    [-0, "-0.0000", "-0.0000e+00"],
    [0.00001234, "0.0000", "1.2340e-05"],
    [5e-324, "0.0000", "4.9407e-324"],
    [NaN, "nan", "nan"],
    [-Infinity, "-inf", "-inf"],
  ])("%s → %s and %s, as '{:.4f}' and '{:.4e}' print it", (x, fixed, exponential) => {
    expect(formatFixed(x, 4)).toBe(fixed);
    expect(formatExponential(x, 4)).toBe(exponential);
  });

  it("rounds ties to even on the exact value, as Python does (2.5 → 2, 1.5 → 2)", () => {
    expect([0.5, 1.5, 2.5, 3.5].map((x) => formatFixed(x, 0))).toEqual(["0", "2", "2", "4"]);
  });
});

describe("tensorText, against PyTorch's repr", () => {
  it("has the cases PyTorch printed", () => {
    expect(fixture.cases.length).toBeGreaterThan(30);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const values = c.dtype === "bool" ? c.values.map(Number) : valuesOf(c);
    expect(tensorText({ values: Float32Array.from(values), shape: c.shape, dtype: c.dtype })).toBe(c.expected);
  });
});

describe("describeTensor on tfjs tensors", () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const tensor = tensorOf(c);
    const before = tf.memory().numTensors;
    expect(describeTensor(tensor)).toBe(c.expected);
    expect(tf.memory().numTensors).toBe(before);
    tensor.dispose();
  });

  it("says that a disposed tensor is disposed, with its size and dtype", () => {
    const tensor = tf.tensor2d([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    tensor.dispose();
    expect(describeTensor(tensor)).toBe("tensor(<disposed>, size=(2, 3), dtype=float32)");
    expect(tensorHtml(tensor)).toBe(
      '<pre class="losslab-tensor">tensor(&#60;disposed&#62;, size=(2, 3), ' + "dtype=float32)</pre>",
    );
  });
});

describe("tensorHtml", () => {
  it("is a table of the formatted values under a line with size and dtype", () => {
    const tensor = tf.tensor2d([
      [1.5, -2],
      [3, 4],
    ]);
    const html = tensorHtml(tensor);
    tensor.dispose();
    expect(html).toContain("<div>tensor of size (2, 2), dtype float32</div>\n<table");
    expect(html).toContain("<tr><td>1.5000</td><td>-2.0000</td></tr>\n<tr><td>3.0000</td><td>4.0000</td></tr>");
  });

  it("summarises as the text does, with gaps where elements are left out", () => {
    const tensor = tf.range(0, 40 * 40, 1, "int32").reshape([40, 40]);
    const html = tensorHtml(tensor);
    tensor.dispose();
    const rows = html.split("<tr>").slice(1);
    expect(rows).toHaveLength(7);
    const gap = (mark: string) => `<td class="gap">${mark}</td>`;
    expect(rows[0]).toBe(`<td>0</td><td>1</td><td>2</td>${gap("…")}<td>37</td><td>38</td><td>39</td></tr>\n`);
    expect(rows[3]).toContain(`${gap("⋮")}${gap("⋮")}${gap("⋮")}${gap("⋱")}`);
    expect(rows[6]).toContain("<td>1599</td></tr>");
  });

  it("shows a scalar as one cell, a bool as True or False, and a 3-D tensor as its text", () => {
    expect(tensorGrid({ values: [0.17551], shape: [], dtype: "float32" })).toEqual([[{ value: "0.1755" }]]);
    expect(tensorGrid({ values: [1, 0], shape: [2], dtype: "bool" })).toEqual([
      [{ value: "True" }, { value: "False" }],
    ]);
    const cube = tf.zeros([2, 1, 1]);
    expect(tensorHtml(cube)).toBe('<pre class="losslab-tensor">tensor([[[0.]],\n\n        [[0.]]])</pre>');
    cube.dispose();
  });

  it("escapes the text of string tensors", () => {
    const strings = tf.tensor(["<b>", "x"]);
    expect(tensorHtml(strings)).toContain("<td>&#39;&#60;b&#62;&#39;</td>");
    expect(describeTensor(strings)).toBe("tensor(['<b>',   'x'], dtype=string)");
    strings.dispose();
  });
});

describe("Node's util.inspect after ready()", () => {
  it("prints a tensor as PyTorch does, alone and inside an object (a cell's value, console.log)", async () => {
    await ready(tf.getBackend() as "cpu" | "wasm");
    const loss = tf.scalar(0.17551);
    const before = tf.memory().numTensors;
    expect(inspect(loss)).toBe("tensor(0.1755)");
    expect(inspect({ loss })).toBe("{ loss: tensor(0.1755) }");
    expect(tf.memory().numTensors).toBe(before);
    loss.dispose();
    expect(inspect(loss)).toBe("tensor(<disposed>, size=(), dtype=float32)");
  });
});
