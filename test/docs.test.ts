// Every public loss's doc comment carries the formula's PyTorch equivalent, a reference and an
// @example whose printed value was computed with PyTorch; this runs each example and checks the value.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as losslab from "../src";
import { expectClose } from "./support";

const LOSSES_DIR = join(__dirname, "../src/losses");

/** The doc comment above each exported function of src/losses (ops.ts holds building blocks), by name. */
function docComments(): Map<string, string> {
  const docs = new Map<string, string>();
  for (const file of readdirSync(LOSSES_DIR).filter((name) => name.endsWith(".ts") && name !== "ops.ts")) {
    const source = readFileSync(join(LOSSES_DIR, file), "utf8");
    for (const match of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\nexport function (\w+)\(/g)) {
      docs.set(match[2], match[1]);
    }
  }
  return docs;
}

/** Evaluates `expression` with every losslab export in scope. */
function evaluate(expression: string): unknown {
  const names = Object.keys(losslab);
  const run = new Function("losslab", `const { ${names.join(", ")} } = losslab; return (${expression});`);
  return run(losslab);
}

const docs = docComments();
const exportedLosses = Object.keys(losslab).filter((name) => docs.has(name));

describe("the doc comments of the public losses", () => {
  it("cover every loss exported from src/losses", () => {
    expect(exportedLosses.length).toBe(docs.size);
    expect(exportedLosses.length).toBeGreaterThanOrEqual(24);
  });

  it.each(exportedLosses)("%s names its PyTorch equivalent (or says there is none) and a reference", (name) => {
    const doc = docs.get(name)!;
    expect(doc).toMatch(/torch|PyTorch/);
    expect(doc).toMatch(/Reference: \S/);
  });

  it.each(exportedLosses)("%s has an @example whose printed value it gives", (name) => {
    const example = /@example (.+)\.print\(\); \/\/ (\S+)/.exec(docs.get(name)!);
    expect(example, "an @example line of the form: call.print(); // value").not.toBeNull();
    const [, call, printed] = example!;
    const result = evaluate(call) as losslab.tf.Tensor;
    const values = Array.from(result.dataSync());
    result.dispose();
    expect(values).toHaveLength(1);
    expectClose(values[0], Number(printed), { atol: 1e-6, rtol: 1e-5 });
  });
});
