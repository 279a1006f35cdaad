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

describe("src/data", () => {
  it("imports nothing but its own files: no tfjs, nothing of the rest of losslab", () => {
    const imports = importsOf(join(__dirname, "../../src/data"));
    expect(Object.keys(imports).length).toBeGreaterThan(0);
    for (const [name, specifiers] of Object.entries(imports)) {
      expect(specifiers.filter((s) => !s.startsWith("./")), name).toEqual([]);
    }
  });
});
