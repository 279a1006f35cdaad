import { inspect } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { ready } from "../../src/core/backend";
import { LossInputError } from "../../src/core/errors";
import { mseLoss } from "../../src/losses/regression";
import { cellFrames, errorText } from "../../src/notebook/errorText";

// The stack tslab's kernel printed for a LossInputError thrown in a cell (Node's vm puts the line of tfjs's
// rethrow before it), copied from an executed notebook.
const CELL_STACK = `/work/losslab/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:4578
            throw ex;
            ^

LossInputError: mseLoss: target: expected shape [2] (the shape of input), got [3]
    at checkSameShape (/work/losslab/dist/core/errors.js:36:15)
    at inputAndTarget (/work/losslab/dist/losses/regression.js:54:33)
    at /work/losslab/dist/losses/regression.js:85:24
    at /work/losslab/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:4562:22
    at Engine.scopedRun (/work/losslab/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:4572:23)
    at Engine.tidy (/work/losslab/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:4561:21)
    at Object.tidy (/work/losslab/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:6316:19)
    at Proxy.mseLoss (/work/losslab/dist/losses/regression.js:83:15)
    at meanSquared (evalmachine.<anonymous>:4:20)
    at evalmachine.<anonymous>:7:22`;

const MESSAGE = "mseLoss: target: expected shape [2] (the shape of input), got [3]";

describe("errorText", () => {
  it("keeps the message and the cell's frames, without line numbers of the compiled cell", () => {
    expect(errorText({ name: "LossInputError", message: MESSAGE, stack: CELL_STACK })).toBe(
      `LossInputError: ${MESSAGE}\n    at meanSquared (notebook cell)\n    at notebook cell`,
    );
  });

  it("keeps the whole stack, without the vm's source line, for an error that did not come through a cell", () => {
    const stack = CELL_STACK.split("\n").slice(0, -2).join("\n");
    const text = errorText({ name: "LossInputError", message: MESSAGE, stack });
    expect(text.startsWith(`LossInputError: ${MESSAGE}\n    at checkSameShape (`)).toBe(true);
    expect(text).toContain("at Proxy.mseLoss");
    expect(text).not.toContain("throw ex;");
  });

  it("shows a cell frame repeated next to itself once (tslab's own wrappers of the cell read alike)", () => {
    const stack = `${CELL_STACK}\n    at evalmachine.<anonymous>:9:3\n    at runInThisContext (node:vm:1:1)`;
    expect(cellFrames(stack)).toEqual(["    at meanSquared (notebook cell)", "    at notebook cell"]);
  });

  it("is the heading alone when there is no stack", () => {
    expect(errorText({ name: "LossInputError", message: MESSAGE })).toBe(`LossInputError: ${MESSAGE}`);
    expect(cellFrames("")).toEqual([]);
  });
});

describe("a LossInputError's stack", () => {
  it("reaches past Node's default of 10 frames, so that the caller's own frames are in it", () => {
    const nested = (depth: number): never => (depth === 0 ? (mseLoss([1, 2], [1, 2, 3]) as never) : nested(depth - 1));
    let stack = "";
    try {
      nested(20);
    } catch (error) {
      stack = (error as LossInputError).stack ?? "";
    }
    expect(Error.stackTraceLimit).toBe(10);
    expect(stack.split("\n").filter((line) => line.includes("at nested")).length).toBeGreaterThan(10);
  });
});

describe("a LossInputError through Node's util.inspect after ready()", () => {
  it("prints its stack without the error's fields, and the tensor count is unchanged", async () => {
    await ready(tf.getBackend() as "cpu" | "wasm");
    const before = tf.memory().numTensors;
    let error: unknown;
    try {
      mseLoss([1, 2], [1, 2, 3]);
    } catch (caught) {
      error = caught;
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(error).toBeInstanceOf(LossInputError);
    const text = inspect(error);
    expect(text.startsWith(`LossInputError: ${MESSAGE}\n    at `)).toBe(true);
    expect(text).not.toContain("detail:");
  });
});
