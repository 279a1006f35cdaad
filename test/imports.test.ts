import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// DESIGN.md: byhand, plot and data import nothing of tfjs and nothing of each other, so a reader can
// open one file and understand it whole.

/** The module specifiers each .ts file of a src/ folder imports or requires. */
function importsOf(folder: string): Record<string, string[]> {
  const dir = join(__dirname, "../src", folder);
  const files = readdirSync(dir).filter((name) => name.endsWith(".ts"));
  return Object.fromEntries(
    files.map((name) => {
      const source = readFileSync(join(dir, name), "utf8");
      const pattern = /from\s+"([^"]+)"|require(?:\.main\.require|\.resolve)?\("([^"]+)"\)/g;
      return [name, [...source.matchAll(pattern)].map((m) => m[1] ?? m[2])];
    }),
  );
}

function outsideImports(folder: string): string[] {
  const imports = importsOf(folder);
  expect(Object.keys(imports).length).toBeGreaterThan(0);
  const outside = Object.values(imports)
    .flat()
    .filter((s) => !s.startsWith("./"));
  return [...new Set(outside)].sort();
}

describe("self-contained folders of src/", () => {
  it("byhand imports nothing but its own files", () => {
    expect(outsideImports("byhand")).toEqual([]);
  });

  it("data imports nothing but its own files", () => {
    expect(outsideImports("data")).toEqual([]);
  });

  it("plot imports nothing but its own files (the notebook display lives in src/notebook)", () => {
    expect(outsideImports("plot")).toEqual([]);
  });
});
