// What `npm pack` ships: both builds of dist/, their declarations, README, LICENSE; no tests,
// notebooks, fixtures or tooling. And every path package.json points at is in the tarball.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../kernel/paths";
import { packList } from "./packed";

const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
let files: string[];

beforeAll(() => {
  files = packList().map((file) => file.path);
});

/** Every string leaf of package.json's exports map. */
function exportTargets(node: unknown): string[] {
  if (typeof node === "string") return [node];
  return Object.values(node as Record<string, unknown>).flatMap(exportTargets);
}

describe("npm pack", () => {
  it("ships the CommonJS and the ESM build with their declarations, README and LICENSE", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "LICENSE",
        "dist/index.js",
        "dist/index.mjs",
        "dist/index.d.ts",
        "dist/index.d.mts",
        "dist/core/register.js",
        "dist/core/register.mjs",
        "dist/core/register.browser.mjs",
        "dist/core/register.d.ts",
        "dist/losses/regression.d.ts",
      ]),
    );
  });

  it("ships every file that main, module, types, the exports map and the browser map name", () => {
    const targets = [
      manifest.main,
      manifest.module,
      manifest.types,
      ...exportTargets(manifest.exports),
      ...Object.entries(manifest.browser).flat(),
    ];
    for (const target of targets) expect(files, target).toContain(path.posix.normalize(target));
  });

  it("marks as having side effects only the module that registers tfjs's backends, and ships it", () => {
    const builds = ["./dist/core/register.js", "./dist/core/register.mjs", "./dist/core/register.browser.mjs"];
    expect(manifest.sideEffects).toEqual(builds);
    for (const file of manifest.sideEffects) expect(files).toContain(path.posix.normalize(file));
  });

  it("declares of its side-effect module only the chained ops, so that no cell is checked against a backend", () => {
    const declaration = readFileSync(path.join(repoRoot, "dist", "core", "register.d.ts"), "utf8");
    const imports = [...declaration.matchAll(/^import "([^"]+)";$/gm)].map((match) => match[1]);
    expect(imports).toEqual(["@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops"]);
    const source = readFileSync(path.join(repoRoot, "src", "core", "register.ts"), "utf8");
    expect(source).toContain(`import "${imports[0]}";`);
  });

  it("ships no tests, notebooks, fixtures, benchmarks or tooling", () => {
    const unwanted = files.filter(
      (file) =>
        /^(test|notebooks|bench|kernel|scripts|site|build|\.ci)\//.test(file) ||
        /fixtures|\.ipynb$|\.test\./.test(file),
    );
    expect(unwanted).toEqual([]);
  });

  it("depends on nothing at run time but its peers: tfjs-core with the cpu and wasm backends", () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(Object.keys(manifest.peerDependencies)).toEqual(
      expect.arrayContaining([
        "@tensorflow/tfjs-core",
        "@tensorflow/tfjs-backend-cpu",
        "@tensorflow/tfjs-backend-wasm",
      ]),
    );
    for (const range of Object.values(manifest.peerDependencies)) expect(range).toMatch(/^\^/);
    expect(manifest.peerDependenciesMeta["@tensorflow/tfjs-node"]).toEqual({ optional: true });
    expect(manifest.peerDependenciesMeta["plotly.js-dist-min"]).toEqual({ optional: true });
  });
});
