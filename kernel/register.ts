// Makes this checkout usable from Jupyter: builds the library (dist/), links node_modules/losslab
// to the checkout so `import ... from "losslab"` works in a cell, and registers the tslab kernel.
//
//   tsx kernel/register.ts          into .jupyter-data/ (found with JUPYTER_PATH=$PWD/.jupyter-data)
//   tsx kernel/register.ts --user   into the user's Jupyter (`jupyter --data-dir`)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { jupyterDataDir, repoRoot, tslabBin } from "./paths";

/** The standard tslab kernelspec, starting this checkout's tslab (no global install). */
export function kernelSpec(bin: string = tslabBin) {
  return {
    argv: [bin, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
}

/** Writes kernels/tslab/kernel.json under a Jupyter data directory; returns its path. */
export function registerKernel(dataDir: string = jupyterDataDir): string {
  if (!fs.existsSync(tslabBin)) throw new Error(`tslab is not installed: ${tslabBin} is missing (run npm ci)`);
  const specDir = path.join(dataDir, "kernels", "tslab");
  fs.mkdirSync(specDir, { recursive: true });
  const file = path.join(specDir, "kernel.json");
  fs.writeFileSync(file, JSON.stringify(kernelSpec(), null, 2) + "\n");
  return file;
}

/** The user's Jupyter data directory, as `jupyter --data-dir` reports it. */
export function userJupyterDataDir(): string {
  return execFileSync("jupyter", ["--data-dir"], { encoding: "utf8" }).trim();
}

/** Makes node_modules/losslab a relative symlink to the checkout, so cells can `require("losslab")`. */
export function linkPackage(root: string = repoRoot): string {
  const link = path.join(root, "node_modules", "losslab");
  const current = fs.lstatSync(link, { throwIfNoEntry: false });
  if (current?.isSymbolicLink() && fs.readlinkSync(link) === "..") return link;
  if (current) fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync("..", link, "dir");
  return link;
}

function filesUnder(dir: string, suffix: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(file, suffix);
    return entry.name.endsWith(suffix) ? [file] : [];
  });
}

/** What scripts/build-lib.mjs bundles: each entry as CommonJS (.js) and ESM (.mjs), and the browser's register. */
export const LIBRARY_BUNDLES = [
  "index.js", "index.mjs", "core/register.js", "core/register.mjs", "core/register.browser.mjs",
];

/**
 * Whether dist/ was built from the current src/: every src/x.ts has dist/x.d.ts and every bundle
 * exists, none older than any source, tsconfig or the build script (the build rewrites every output).
 */
export function libraryIsCurrent(root: string = repoRoot): boolean {
  const sources = filesUnder(path.join(root, "src"), ".ts");
  const outputs = sources.flatMap((source) => {
    const stem = path.join(root, "dist", path.relative(path.join(root, "src"), source)).replace(/\.ts$/, "");
    return [`${stem}.d.ts`];
  }).concat(LIBRARY_BUNDLES.map((bundle) => path.join(root, "dist", bundle)));
  if (!outputs.every((output) => fs.existsSync(output))) return false;
  const configs = ["tsconfig.json", "tsconfig.build.json", "scripts/build-lib.mjs"].map((f) => path.join(root, f));
  const inputs = [...sources, ...configs.filter((file) => fs.existsSync(file))];
  const newestInput = Math.max(...inputs.map((file) => fs.statSync(file).mtimeMs));
  return outputs.every((output) => fs.statSync(output).mtimeMs >= newestInput);
}

/** dist/, whose CommonJS build notebooks load through node_modules/losslab (skipped when current). */
export function buildLibrary(): void {
  if (libraryIsCurrent()) return;
  try {
    execFileSync(process.execPath, ["scripts/build-lib.mjs"], { cwd: repoRoot, encoding: "utf8" });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`building the library (node scripts/build-lib.mjs) failed:\n${stdout}${stderr}`.trim());
  }
}

/** Everything a notebook of this checkout needs: dist/ built, the package linked, the kernel registered. */
export function setUpKernel(dataDir: string = jupyterDataDir): string {
  buildLibrary();
  linkPackage();
  return registerKernel(dataDir);
}

function main(args: string[]): void {
  const unknown = args.filter((arg) => arg !== "--user");
  if (unknown.length > 0) throw new Error(`usage: tsx kernel/register.ts [--user] (got ${unknown.join(" ")})`);
  const dataDir = args.includes("--user") ? userJupyterDataDir() : jupyterDataDir;
  console.log(`built dist/, linked node_modules/losslab -> .., registered the tslab kernel: ${setUpKernel(dataDir)}`);
  if (dataDir === jupyterDataDir) console.log(`start Jupyter from the checkout with: JUPYTER_PATH=${jupyterDataDir} jupyter lab`);
}

if (require.main === module) main(process.argv.slice(2));
