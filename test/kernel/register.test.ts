// Kernel setup on a throw-away tree: the kernelspec tslab expects, the relative losslab link,
// and the library build (scripts/build-lib.mjs), whose `tsc -b` rebuilds exactly when an input was added,
// changed or deleted, and whose esbuild bundles follow it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tslabBin } from "../../kernel/paths";
import { buildLibrary, kernelSpec, linkPackage, registerKernel } from "../../kernel/register";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "losslab-register-"));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function write(file: string, text: string, secondsAgo = 0): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  const time = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(full, time, time);
}

describe("registerKernel", () => {
  it("writes the standard tslab kernelspec, starting this checkout's tslab", () => {
    const file = registerKernel(root);
    expect(file).toBe(path.join(root, "kernels", "tslab", "kernel.json"));
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({
      argv: [tslabBin, "kernel", "--config-path", "{connection_file}"],
      display_name: "TypeScript",
      language: "typescript",
    });
    expect(kernelSpec("/x/tslab").argv[0]).toBe("/x/tslab");
  });
});

describe("linkPackage", () => {
  it("makes node_modules/losslab a relative link to the checkout, replacing what was there", () => {
    write("node_modules/losslab/package.json", "{}");
    const link = linkPackage(root);
    expect(fs.readlinkSync(link)).toBe("..");
    expect(fs.realpathSync(link)).toBe(fs.realpathSync(root));
    expect(linkPackage(root)).toBe(link);
  });
});

describe("buildLibrary", () => {
  const mtime = (file: string) => fs.statSync(path.join(root, file)).mtimeMs;
  const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
  beforeEach(() => {
    const base = { strict: true, target: "ES2021", lib: ["ES2021"], types: [] };
    write("tsconfig.json", JSON.stringify({ compilerOptions: base }), 60);
    write(
      "tsconfig.build.json",
      JSON.stringify({
        extends: "./tsconfig.json",
        include: ["src"],
        compilerOptions: {
          rootDir: "src",
          outDir: "dist",
          module: "commonjs",
          declaration: true,
          composite: true,
          emitDeclarationOnly: true,
          tsBuildInfoFile: "dist/.tsbuildinfo",
        },
      }),
      60,
    );
    write("src/index.ts", 'export { a } from "./core/a";\n', 60);
    write("src/core/register.ts", "export {};\n", 60);
    write("src/core/a.ts", "export const a = 1;\n", 60);
    write("src/unused.ts", "export const unused = 2;\n", 60);
    buildLibrary(root);
  });

  it("builds dist/ and leaves it untouched while nothing changed", () => {
    expect(read("dist/index.js")).toMatch(/a = 1/);
    expect(read("dist/index.mjs")).toMatch(/a = 1/);
    expect(fs.existsSync(path.join(root, "dist/index.d.ts"))).toBe(true);
    const [info, output] = [mtime("dist/.tsbuildinfo"), mtime("dist/index.js")];
    buildLibrary(root);
    expect([mtime("dist/.tsbuildinfo"), mtime("dist/index.js")]).toEqual([info, output]);
  });

  it("rebuilds when a source or a tsconfig changed", () => {
    write("src/core/a.ts", "export const a = 3;\n");
    buildLibrary(root);
    expect(read("dist/index.js")).toMatch(/a = 3/);
    const info = mtime("dist/.tsbuildinfo");
    write(
      "tsconfig.build.json",
      read("tsconfig.build.json").replace('"declaration":true', '"declaration":true,' + '"removeComments":true'),
    );
    buildLibrary(root);
    expect(mtime("dist/.tsbuildinfo")).toBeGreaterThan(info);
  });

  it("rebuilds when a source was deleted, though every other output is newer than every input", () => {
    const info = mtime("dist/.tsbuildinfo");
    fs.rmSync(path.join(root, "src/unused.ts"));
    buildLibrary(root);
    expect(mtime("dist/.tsbuildinfo")).toBeGreaterThan(info);
    expect(read("dist/.tsbuildinfo")).not.toContain("unused.ts");
  });

  it("rebuilds a missing bundle though the declarations are current", () => {
    fs.rmSync(path.join(root, "dist/index.mjs"));
    buildLibrary(root);
    expect(read("dist/index.mjs")).toMatch(/a = 1/);
  });

  it("fails with tsc's message when the sources no longer compile", () => {
    fs.rmSync(path.join(root, "src/core/a.ts"));
    expect(() => buildLibrary(root)).toThrow(/build-lib.mjs: tsc -b, esbuild\) failed:[\s\S]*\.\/core\/a/);
  });
});
