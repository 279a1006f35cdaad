import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const folder = join(__dirname, "../../src/byhand");

describe("src/byhand", () => {
  it("imports nothing but its own files: no tfjs, nothing of the rest of losslab", () => {
    const files = readdirSync(folder).filter((name) => name.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const source = readFileSync(join(folder, name), "utf8");
      const specifiers = [...source.matchAll(/from\s+"([^"]+)"|require\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2]);
      expect(specifiers.filter((s) => !s.startsWith("./")), name).toEqual([]);
    }
  });
});
