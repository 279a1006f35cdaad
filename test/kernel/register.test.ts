// Kernel setup on a throw-away tree: the kernelspec tslab expects, the relative losslab link,
// and when dist/ counts as current.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tslabBin } from "../../kernel/paths";
import { kernelSpec, LIBRARY_BUNDLES, libraryIsCurrent, linkPackage, registerKernel } from "../../kernel/register";

let root: string;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), "losslab-register-")); });
afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

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
      display_name: "TypeScript", language: "typescript" });
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

describe("libraryIsCurrent", () => {
  beforeEach(() => {
    write("tsconfig.json", "{}", 60);
    write("tsconfig.build.json", "{}", 60);
    write("src/index.ts", "", 30);
    write("src/core/a.ts", "", 30);
  });
  const buildOutputs = () => {
    ["index", "core/a"].forEach((stem) => write(`dist/${stem}.d.ts`, ""));
    LIBRARY_BUNDLES.forEach((bundle) => write(`dist/${bundle}`, ""));
  };

  it("is true when every source has outputs newer than every input", () => {
    buildOutputs();
    expect(libraryIsCurrent(root)).toBe(true);
  });

  it("is false when an output is missing", () => {
    buildOutputs();
    fs.rmSync(path.join(root, "dist/core/a.d.ts"));
    expect(libraryIsCurrent(root)).toBe(false);
    buildOutputs();
    fs.rmSync(path.join(root, "dist/index.mjs"));
    expect(libraryIsCurrent(root)).toBe(false);
  });

  it("is false when a source or a tsconfig changed after the build", () => {
    buildOutputs();
    write("src/core/a.ts", "export {};", -5);
    expect(libraryIsCurrent(root)).toBe(false);
    buildOutputs();
    write("tsconfig.build.json", "{}", -5);
    expect(libraryIsCurrent(root)).toBe(false);
  });
});
