// `npm run lab`: JupyterLab from the project's venv on notebooks/, with this checkout's tslab kernel
// (built library, linked package, kernelspec in .jupyter-data/). Arguments go to `jupyter lab`.
//
//   npm run lab [-- --port 8899 ...]
import { spawnSync } from "node:child_process";
import { jupyterEnv, notebooksDir, python } from "./paths";
import { setUpKernel } from "./register";

function main(args: string[]): void {
  setUpKernel();
  // Ctrl-C belongs to JupyterLab, which asks before it shuts down.
  process.on("SIGINT", () => undefined);
  const lab = spawnSync(python, ["-m", "jupyter", "lab", `--notebook-dir=${notebooksDir}`, ...args], {
    env: jupyterEnv(),
    stdio: "inherit",
  });
  if (lab.error) throw new Error(`could not start JupyterLab with ${python}: ${lab.error.message}`);
  process.exitCode = lab.status ?? 1;
}

if (require.main === module) main(process.argv.slice(2));
