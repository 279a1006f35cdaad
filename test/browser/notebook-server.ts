// Debian's classic Jupyter Notebook server, started for a test: 127.0.0.1, a random token, its
// own config/runtime directories, serving a temporary folder inside build/ (so that cells resolve
// `losslab` through the checkout's node_modules) with the project's tslab kernel registered.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildDir, jupyterEnv, python } from "../../kernel/paths";

export interface NotebookServer {
  /** The folder the server serves; put notebooks here. */
  root: string;
  /** The URL of a notebook in root, token included. */
  notebookUrl(name: string): string;
  /** What the server and its kernels wrote to stdout and stderr. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(base: string, token: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Notebook server exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${base}/api/kernelspecs?token=${token}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the Notebook server did not answer within 60 s:\n${log()}`);
}

export async function startNotebookServer(): Promise<NotebookServer> {
  fs.mkdirSync(buildDir, { recursive: true });
  const home = fs.mkdtempSync(path.join(buildDir, "notebook-server-"));
  const root = path.join(home, "notebooks");
  fs.mkdirSync(root);
  const [port, token] = [await freePort(), randomBytes(24).toString("hex")];
  const env = { ...jupyterEnv(), JUPYTER_CONFIG_DIR: path.join(home, "config"),
    JUPYTER_RUNTIME_DIR: path.join(home, "runtime"), IPYTHONDIR: path.join(home, "ipython") };
  const child = spawn(python, ["-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", `--port=${port}`,
    "--port-retries=0", `--notebook-dir=${root}`, `--NotebookApp.token=${token}`], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => { output += chunk; });
  child.stderr!.on("data", (chunk) => { output += chunk; });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForServer(base, token, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { root, notebookUrl: (name) => `${base}/notebooks/${encodeURIComponent(name)}?token=${token}`,
    log: () => output, stop };
}
