// Where the notebook toolchain reads and writes, all relative to the checkout.
import fs from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(__dirname, "..");
export const notebooksDir = path.join(repoRoot, "notebooks");
export const buildDir = path.join(repoRoot, "build");
export const executedDir = path.join(buildDir, "notebooks");
export const screenshotsDir = path.join(buildDir, "screenshots");
export const siteDir = path.join(repoRoot, "site");
/** The project-local Jupyter data directory the tslab kernelspec is registered in. */
export const jupyterDataDir = path.join(repoRoot, ".jupyter-data");
export const tslabBin = path.join(repoRoot, "node_modules", ".bin", "tslab");

/** The project's virtual environment (requirements.txt), made by kernel/setup.sh. */
export const venvDir = path.join(repoRoot, ".venv");
const venvPython = path.join(venvDir, "bin", "python");
/** Python with Jupyter installed: LOSSLAB_PYTHON, else the project's venv, else the one on PATH. */
export const python = process.env.LOSSLAB_PYTHON || (fs.existsSync(venvPython) ? venvPython : "python3");

/** The environment a Jupyter process needs to find the project-local kernelspec. */
export function jupyterEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const inherited = base.JUPYTER_PATH ? [base.JUPYTER_PATH] : [];
  return { ...base, JUPYTER_PATH: [jupyterDataDir, ...inherited].join(path.delimiter) };
}

/** The tutorials in reading order (their file names start with a number). */
export function listNotebooks(dir: string = notebooksDir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => path.join(dir, name));
}
