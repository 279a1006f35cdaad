// Makes this checkout usable from Jupyter: builds the library (dist/), links node_modules/losslab
// to the checkout so `import ... from "losslab"` works in a cell, and registers the tslab kernel.
//
//   tsx kernel/register.ts          into .jupyter-data/ (found with JUPYTER_PATH=$PWD/.jupyter-data)
//   tsx kernel/register.ts --user   into the data directory of the Jupyter in paths.python
//                                   (LOSSLAB_PYTHON, else .venv/): `python -m jupyter --data-dir`
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { jupyterDataDir, python, repoRoot, tslabBin } from "./paths";

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

/** The user's Jupyter data directory, as the Jupyter of LOSSLAB_PYTHON (else .venv/) reports it. */
export function userJupyterDataDir(): string {
  return execFileSync(python, ["-m", "jupyter", "--data-dir"], { encoding: "utf8" }).trim();
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

/**
 * Builds dist/ (the CommonJS and ESM bundles and the declarations) with scripts/build-lib.mjs, whose
 * `tsc -b` records every input in dist/.tsbuildinfo: an unchanged tree costs tsc's up-to-date check,
 * and an added, changed or deleted source rebuilds.
 */
export function buildLibrary(root: string = repoRoot): void {
  const script = path.join(repoRoot, "scripts", "build-lib.mjs");
  try {
    execFileSync(process.execPath, [script], { cwd: root, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`building the library (scripts/build-lib.mjs: tsc -b, esbuild) failed:\n${stdout}${stderr}`.trim());
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
  if (dataDir === jupyterDataDir) console.log("start JupyterLab on the notebooks with: npm run lab");
}

if (require.main === module) main(process.argv.slice(2));
