import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";

function importsOf(folder: string): Record<string, string[]> {
  const files = readdirSync(folder).filter((name) => name.endsWith(".ts"));
  return Object.fromEntries(
    files.map((name) => {
      const source = readFileSync(join(folder, name), "utf8");
      return [name, [...source.matchAll(/from\s+"([^"]+)"|require(?:\.main\.require|\.resolve)?\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2])];
    }),
  );
}

describe("src/plot", () => {
  it("imports its own files, Node's fs, and at run time only tslab and plotly.js: no tfjs", () => {
    const imports = importsOf(join(__dirname, "../../src/plot"));
    const outside = Object.values(imports).flat().filter((s) => !s.startsWith("./"));
    expect([...new Set(outside)].sort()).toEqual(["fs", "plotly.js-dist-min", "tslab"]);
  });
});
