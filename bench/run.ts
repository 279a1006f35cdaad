// npm run bench: losslab's losses against tfjs's built-in losses on every backend present, the
// by-hand versions, PyTorch CPU and a memory-bandwidth floor, on the same seeded inputs.
// Prints a table of medians (min–max) and losslab's ratios; --json FILE writes the same.
//
//   npm run bench -- --help
import fs from "node:fs";
import os from "node:os";
import * as tf from "@tensorflow/tfjs-core";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { availableBackends, ready, type BackendName } from "../src";
import { BENCH_CASES, type BenchCase } from "./cases";
import { parseFlags, USAGE, type BenchOptions } from "./flags";
import { makeInputs, readOnce, type BenchInputs, type InputName } from "./inputs";
import { summarize, valuesAgree, type Summary } from "./stats";
import { formatRatio, formatTable, slowerThanTfjs, toJsonRow, type Measurement, type Pass } from "./table";
import { timeInterleaved } from "./timing";
import { runTorch, torchUnavailable, type TorchResults } from "./torch";

const PASSES: readonly Pass[] = ["forward", "forward+backward"];
/** losslab should cost no more than this multiple of tfjs's built-in. */
const TARGET_RATIO = 1.1;

type LossOf = BenchCase["losslab"];
/** Timings of one backend: loss → pass → contender → summary (tfjs null without a built-in). */
type BackendTimes = Record<string, Record<Pass, { losslab: Summary; tfjs: Summary | null }>>;
/** Loss values, to check that the contenders compute the same number: loss → contender → value. */
type Values = Record<string, Record<string, number>>;

const log = (line: string) => process.stderr.write(`${line}\n`);
const repetitions = ({ warmup, reps, budgetSeconds }: BenchOptions) => ({
  warmup,
  reps,
  budgetMs: budgetSeconds * 1000,
});

/** This process's CPU time in milliseconds, user and system. */
const cpuMilliseconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The clock timeInterleaved reads: the wall clock, or the process's CPU time with --clock cpu. */
const clockOf = ({ clock }: BenchOptions) => (clock === "cpu" ? cpuMilliseconds : () => performance.now());

function selectCases(losses: string[] | null): BenchCase[] {
  if (losses === null) return [...BENCH_CASES];
  const known = BENCH_CASES.map((c) => c.loss);
  const unknown = losses.filter((l) => !known.includes(l));
  if (unknown.length > 0) throw new Error(`--losses: unknown ${unknown.join(", ")}; known: ${known.join(", ")}`);
  return BENCH_CASES.filter((c) => losses.includes(c.loss));
}

async function selectBackends(backends: string[] | null): Promise<BackendName[]> {
  const present = await availableBackends();
  if (backends === null) return present;
  const missing = backends.filter((b) => !(present as string[]).includes(b));
  if (missing.length > 0)
    throw new Error(`--backends: ${missing.join(", ")} not present here; present: ${present.join(", ")}`);
  return backends as BackendName[];
}

/** One timed run of a tfjs loss: the value read back, and for the backward pass the gradient too. */
function tfjsRun(loss: LossOf, args: tf.Tensor[], pass: Pass): () => void {
  if (pass === "forward") {
    return () => {
      const value = loss(...args);
      value.dataSync();
      value.dispose();
    };
  }
  const [prediction, ...rest] = args;
  const valueAndGrad = tf.valueAndGrad((p: tf.Tensor) => loss(p, ...rest) as tf.Scalar);
  return () => {
    const { value, grad } = valueAndGrad(prediction);
    value.dataSync();
    grad.dataSync();
    value.dispose();
    grad.dispose();
  };
}

function valueOf(loss: LossOf, args: tf.Tensor[]): number {
  const value = loss(...args);
  const [number] = value.dataSync();
  value.dispose();
  return number;
}

async function timeBackend(
  backend: BackendName,
  cases: readonly BenchCase[],
  inputs: BenchInputs,
  options: BenchOptions,
  values: Values,
): Promise<BackendTimes> {
  await ready(backend);
  const names = [...new Set(cases.flatMap((c) => [...c.inputs, ...(c.builtin?.inputs ?? [])]))];
  const tensors = new Map<InputName, tf.Tensor>(
    names.map((n) => [n, tf.tensor(inputs[n].values, inputs[n].shape, inputs[n].dtype)]),
  );
  const argsOf = (list: InputName[]) => list.map((n) => tensors.get(n)!);
  const times: BackendTimes = {};
  try {
    for (const c of cases) {
      log(`  ${backend}: ${c.loss}`);
      const before = tf.memory().numTensors;
      values[c.loss][`losslab/${backend}`] = valueOf(c.losslab, argsOf(c.inputs));
      const { builtin } = c;
      if (builtin !== undefined) values[c.loss][`tfjs/${backend}`] = valueOf(builtin.loss, argsOf(builtin.inputs));
      const byPass = PASSES.map((pass) => {
        const contenders: Record<string, () => void> = { losslab: tfjsRun(c.losslab, argsOf(c.inputs), pass) };
        if (builtin !== undefined) contenders.tfjs = tfjsRun(builtin.loss, argsOf(builtin.inputs), pass);
        const samples = timeInterleaved(contenders, repetitions(options), clockOf(options));
        return [
          pass,
          { losslab: summarize(samples.losslab), tfjs: samples.tfjs === undefined ? null : summarize(samples.tfjs) },
        ];
      });
      const leaked = tf.memory().numTensors - before;
      if (leaked !== 0) throw new Error(`${c.loss} on ${backend}: ${leaked} tensors left behind by the timed runs`);
      times[c.loss] = Object.fromEntries(byPass);
    }
  } finally {
    tensors.forEach((t) => t.dispose());
  }
  return times;
}

/** By-hand timings: loss → pass → summary; "forward+backward" runs the loss, then its gradient. */
function timeByHand(cases: readonly BenchCase[], inputs: BenchInputs, options: BenchOptions, values: Values) {
  const times: Record<string, Record<Pass, Summary>> = {};
  for (const c of cases) {
    if (c.byhand === undefined) continue;
    log(`  byhand: ${c.loss}`);
    const run = c.byhand(inputs);
    values[c.loss].byhand = run.forward();
    const samples = timeInterleaved(
      { forward: () => run.forward(), "forward+backward": () => (run.forward(), run.backward()) },
      repetitions(options),
      clockOf(options),
    );
    times[c.loss] = { forward: summarize(samples.forward), "forward+backward": summarize(samples["forward+backward"]) };
  }
  return times;
}

function timeFloor(cases: readonly BenchCase[], inputs: BenchInputs, options: BenchOptions): Record<string, Summary> {
  return Object.fromEntries(
    cases.map((c) => {
      const arrays = c.inputs.map((n) => inputs[n].values);
      const samples = timeInterleaved({ floor: () => readOnce(arrays) }, repetitions(options), clockOf(options));
      return [c.loss, summarize(samples.floor)];
    }),
  );
}

function timeTorch(cases: readonly BenchCase[], inputs: BenchInputs, options: BenchOptions): TorchResults | null {
  if (!options.torch) {
    log("PyTorch: skipped (--no-torch)");
    return null;
  }
  const why = torchUnavailable(options.python);
  if (why !== null) {
    log(`PyTorch: not found, the torch column is skipped: ${why}`);
    return null;
  }
  log(`PyTorch: ${options.python}, ${options.torchThreads} thread(s)`);
  const { python, torchThreads: threads } = options;
  const torchCases = cases.map((c) => ({ loss: c.loss, inputs: c.inputs }));
  return runTorch(inputs, { python, threads, clock: options.clock, ...repetitions(options), cases: torchCases });
}

function osName(): string {
  try {
    const release = fs.readFileSync("/etc/os-release", "utf8");
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release);
    if (pretty !== null) return pretty[1];
  } catch {
    // not Linux, or no os-release: fall back to the kernel's name
  }
  return `${os.type()} ${os.release()}`;
}

function describeMachine(torch: TorchResults | null, wasmThreads: number | null) {
  const cores = os.cpus().length;
  return {
    description: `${cores}-core ${osName()}, Node ${process.versions.node}`,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    node: process.versions.node,
    tfjs: tf.version_core,
    wasm_threads: wasmThreads,
    torch: torch?.version ?? null,
    torch_threads: torch?.threads ?? null,
    date: new Date().toISOString().slice(0, 10),
  };
}

/** Every contender's value that disagrees with the first one measured (losslab's on the first backend). */
function disagreements(values: Values): string[] {
  return Object.entries(values).flatMap(([loss, byContender]) => {
    const [[referenceName, reference], ...others] = Object.entries(byContender);
    return others
      .filter(([, v]) => !valuesAgree(v, reference))
      .map(([name, v]) => `${loss}: ${name} = ${v} but ${referenceName} = ${reference}`);
  });
}

async function main(): Promise<void> {
  const options = parseFlags(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const cases = selectCases(options.losses);
  const backends = await selectBackends(options.backends);
  const { rows, cols, warmup, reps } = options;
  log(
    `losslab bench: inputs [${rows}, ${cols}], warm-up ${warmup}, up to ${reps} timed runs, ` +
      `backends ${backends.join(", ")}`,
  );
  const inputs = makeInputs(rows, cols, options.seed);
  const values: Values = Object.fromEntries(cases.map((c) => [c.loss, {}]));

  const floor = timeFloor(cases, inputs, options);
  const torch = timeTorch(cases, inputs, options);
  for (const c of cases) if (torch !== null) values[c.loss].torch = torch.losses[c.loss].value;
  const tfjsTimes: Record<string, BackendTimes> = {};
  for (const backend of backends) tfjsTimes[backend] = await timeBackend(backend, cases, inputs, options, values);
  const wasmThreads = backends.includes("wasm") ? getThreadsCount() : null;
  const byHandTimes = timeByHand(cases, inputs, options, values);

  const torchSummary = (loss: string, pass: Pass) => (torch === null ? null : summarize(torch.losses[loss][pass]));
  const measurements: Measurement[] = cases.flatMap((c) => {
    const shared = (pass: Pass) => ({ loss: c.loss, pass, torch: torchSummary(c.loss, pass), floor: floor[c.loss] });
    const onBackends = backends.flatMap((backend) =>
      PASSES.map((pass) => ({ ...shared(pass), backend, ...tfjsTimes[backend][c.loss][pass] })),
    );
    const byHand = byHandTimes[c.loss];
    const byHandRows =
      byHand === undefined
        ? []
        : PASSES.map((pass) => ({ ...shared(pass), backend: "byhand", losslab: byHand[pass], tfjs: null }));
    return [...onBackends, ...byHandRows];
  });

  const machine = describeMachine(torch, wasmThreads);
  console.log(
    `\nlosslab bench, ${machine.date}: ${machine.description}, ${machine.cpu}; tfjs ${machine.tfjs}` +
      (wasmThreads === null ? "" : ` (wasm: ${wasmThreads} thread(s))`) +
      (torch === null ? "; PyTorch: not measured" : `; PyTorch ${torch.version} CPU, ${torch.threads} thread(s)`),
  );
  console.log(
    `inputs [${rows}, ${cols}] float32 (class indices [${rows}] int32), seed ${options.seed}; ` +
      `median (min–max) in ms (${options.clock === "cpu" ? "process CPU time" : "wall clock"}) of up to ${reps} ` +
      `timed runs after ${warmup} warm-up, fewer once a measurement's runs ` +
      `took ${options.budgetSeconds} s (runs); fwd+bwd = value and input gradient read back`,
  );
  console.log(
    "floor = one read of losslab's inputs (a plain sum over the same typed arrays); " +
      "byhand = the src/byhand version on plain arrays",
  );
  for (const c of cases) console.log(`  ${c.loss} vs ${c.builtin?.name ?? "no tfjs built-in"}`);
  console.log(`\n${formatTable(measurements)}\n`);

  const slow = slowerThanTfjs(measurements, TARGET_RATIO);
  const pairs = measurements.filter((m) => m.tfjs !== null).length;
  console.log(
    `target losslab ≤ ${TARGET_RATIO}× tfjs: met by ${pairs - slow.length} of ${pairs} pairs` +
      slow
        .map((m) => `\n  over: ${m.loss} ${m.backend} ${m.pass} ${formatRatio(m.losslab!.median / m.tfjs!.median)}`)
        .join(""),
  );
  const differing = disagreements(values);
  console.log(
    differing.length === 0
      ? "values: every contender computes the same loss (within 1e-2 relative)"
      : `values DIFFER, so those timings compare different computations:\n  ${differing.join("\n  ")}`,
  );

  if (options.json !== null) {
    const settings = {
      rows,
      cols,
      warmup,
      reps,
      budget_seconds: options.budgetSeconds,
      seed: options.seed,
      torch_threads: torch?.threads ?? null,
      builtins: Object.fromEntries(cases.map((c) => [c.loss, c.builtin?.name ?? null])),
    };
    fs.writeFileSync(
      options.json,
      `${JSON.stringify({ machine, settings, rows: measurements.map(toJsonRow), values }, null, 2)}\n`,
    );
    console.log(`wrote ${options.json}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
