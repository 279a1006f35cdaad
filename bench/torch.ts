// The PyTorch anchor: writes the bench's inputs as raw arrays to a temporary directory and runs
// torch_losses.py on them. PyTorch is optional: when it cannot be imported the column is skipped.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Pass } from "./table";
import type { BenchInputs, InputName } from "./inputs";

export interface TorchLossTimes extends Record<Pass, number[]> {
  value: number;
}

export interface TorchResults {
  version: string;
  threads: number;
  losses: Record<string, TorchLossTimes>;
}

export interface TorchRequest {
  python: string;
  threads: number;
  /** "cpu" times PyTorch by the process's CPU time (time.process_time), as the JavaScript side. */
  clock: "wall" | "cpu";
  warmup: number;
  reps: number;
  budgetMs: number;
  cases: { loss: string; inputs: InputName[] }[];
}

const SCRIPT = path.join(__dirname, "torch_losses.py");

/** Why PyTorch cannot be used with `python`, or null when `import torch, numpy` works. */
export function torchUnavailable(python: string): string | null {
  const probe = spawnSync(python, ["-c", "import torch, numpy"], { encoding: "utf8" });
  if (probe.error !== undefined) return `${python} could not be run (${probe.error.message})`;
  if (probe.status !== 0) return `${python} cannot import torch and numpy (${probe.stderr.trim().split("\n").pop()})`;
  return null;
}

/**
 * Times every case in PyTorch on exactly the bench's arrays (their bytes, little-endian).
 * @throws Error with the script's stderr when it fails.
 */
export function runTorch(inputs: BenchInputs, request: TorchRequest): TorchResults {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "losslab-bench-"));
  try {
    const names = [...new Set(request.cases.flatMap((c) => c.inputs))];
    const arrays = Object.fromEntries(
      names.map((name) => {
        const { values, shape, dtype } = inputs[name];
        const file = `${name}.${dtype}`;
        fs.writeFileSync(path.join(dir, file), new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
        return [name, { file, shape, dtype }];
      }),
    );
    const manifest = path.join(dir, "manifest.json");
    const { threads, clock, warmup, reps, budgetMs, cases } = request;
    fs.writeFileSync(manifest, JSON.stringify({ threads, clock, warmup, reps, budget_ms: budgetMs, cases, arrays }));
    const run = spawnSync(request.python, [SCRIPT, manifest], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0)
      throw new Error(`torch_losses.py failed (${run.status}): ${run.error?.message ?? run.stderr}`);
    return JSON.parse(run.stdout) as TorchResults;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
