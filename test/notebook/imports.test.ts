import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// DESIGN.md: src/notebook is the only code that knows Jupyter exists, and it must not load Node's or Jupyter's
// modules when losslab is imported (a browser bundle): those are required inside the functions that use them.
const dir = join(__dirname, "../../src/notebook");

function staticImports(source: string): string[] {
  return [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gm)].map(
    (m) => m[1] ?? m[2],
  );
}

describe("src/notebook at import", () => {
  it("loads only its own files, core, plot and tfjs: no Node built-in, no tslab, no plotly.js", () => {
    const files = readdirSync(dir).filter((name) => name.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    const outside = new Set(
      files
        .flatMap((name) => staticImports(readFileSync(join(dir, name), "utf8")))
        .filter((specifier) => !specifier.startsWith("./")),
    );
    expect([...outside].sort()).toEqual(["../core/errors", "../plot/html", "@tensorflow/tfjs-core"]);
  });

  it("names Node's and Jupyter's modules only in calls made at run time", () => {
    const sources = readdirSync(dir)
      .filter((name) => name.endsWith(".ts"))
      .map((name) => readFileSync(join(dir, name), "utf8"));
    const literalRequires = sources
      .flatMap((source) => [...source.matchAll(/\brequire\(\s*"([^"]+)"/g)])
      .map((m) => m[1]);
    expect(literalRequires).toEqual([]);
  });
});
