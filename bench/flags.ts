// The bench's command line: flags, their defaults, and the usage text. Pure.
import { python as projectPython } from "../kernel/paths";

export type Clock = "wall" | "cpu";

export interface BenchOptions {
  /** Untimed runs before the timed ones, per measurement. */
  warmup: number;
  /** At most this many timed runs per measurement; the table shows their median, min and max. */
  reps: number;
  /** Stop repeating a measurement once its timed runs have taken this many seconds. */
  budgetSeconds: number;
  /** Every input is [rows, cols]: a batch of rows, cols classes (or features) each. */
  rows: number;
  cols: number;
  /** tfjs backends to measure; null: every backend present. */
  backends: string[] | null;
  /** losslab losses to measure; null: all of them. */
  losses: string[] | null;
  /** Where to write the results as JSON; null: nowhere. */
  json: string | null;
  /** Run the PyTorch anchor (when PyTorch is present). */
  torch: boolean;
  /** torch.set_num_threads for the PyTorch anchor. */
  torchThreads: number;
  /** The Python that has torch and numpy. */
  python: string;
  /** Seed of the input generator. */
  seed: number;
  /**
   * What a run's time is: "wall" (elapsed, the default) or "cpu" (this process's CPU time, which a
   * busy shared machine disturbs less: time spent waiting for a core is not counted).
   */
  clock: Clock;
  help: boolean;
}

export const DEFAULT_OPTIONS: Readonly<BenchOptions> = {
  warmup: 1,
  reps: 5,
  budgetSeconds: 2,
  rows: 4096,
  cols: 1000,
  backends: null,
  losses: null,
  json: null,
  torch: true,
  torchThreads: 1,
  python: projectPython,
  seed: 20261123,
  clock: "wall",
  help: false,
};

/** What --quick changes: a tiny run that checks the harness end to end in seconds. */
export const QUICK_OPTIONS: Readonly<Partial<BenchOptions>> = { warmup: 1, reps: 3, rows: 256, cols: 100 };

export const USAGE = `Usage: npm run bench -- [flags]

Times losslab's losses against tfjs's built-in losses on every tfjs backend present, the by-hand
versions, PyTorch CPU, and a memory-bandwidth floor (one read of the inputs), on the same inputs.

  --warmup N         untimed runs before timing (default ${DEFAULT_OPTIONS.warmup})
  --reps N           at most N timed runs; the table shows median, min and max (default ${DEFAULT_OPTIONS.reps})
  --budget S         fewer runs once a measurement's timed runs took S seconds, at least one
                     (default ${DEFAULT_OPTIONS.budgetSeconds})
  --size RxC         input shape [rows, cols] for every loss (default ${DEFAULT_OPTIONS.rows}x${DEFAULT_OPTIONS.cols})
  --backends a,b     tfjs backends to measure (default: every one present)
  --losses a,b       losslab losses to measure (default: all)
  --json FILE        also write the results to FILE as JSON
  --no-torch         skip the PyTorch column
  --torch-threads N  torch.set_num_threads (default ${DEFAULT_OPTIONS.torchThreads}, as tfjs's single-threaded backends)
  --python PATH      the Python with torch and numpy (default ${DEFAULT_OPTIONS.python})
  --seed N           seed of the inputs (default ${DEFAULT_OPTIONS.seed})
  --clock wall|cpu   time by the wall clock or by process CPU time, PyTorch too (default ${DEFAULT_OPTIONS.clock})
  --quick            a tiny run: ${QUICK_OPTIONS.rows}x${QUICK_OPTIONS.cols}, warm-up ${QUICK_OPTIONS.warmup},
                     ${QUICK_OPTIONS.reps} reps (later flags still apply)
  --help             this text`;

function positiveInteger(flag: string, text: string | undefined, allowZero = false): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(
      `${flag}: expected ${allowZero ? "an integer ≥ 0" : "a positive integer"}, got ${text ?? "nothing"}`,
    );
  }
  return value;
}

function list(flag: string, text: string | undefined): string[] {
  const items = (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (items.length === 0) throw new Error(`${flag}: expected a comma-separated list, got ${text ?? "nothing"}`);
  return items;
}

function size(text: string | undefined): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(text ?? "");
  if (match === null) throw new Error(`--size: expected ROWSxCOLS such as 4096x1000, got ${text ?? "nothing"}`);
  return [positiveInteger("--size", match[1]), positiveInteger("--size", match[2])];
}

/**
 * Reads the bench's flags (process.argv.slice(2)). --quick applies first wherever it stands, so
 * that explicit flags override it.
 * @throws Error naming the flag for an unknown flag or a bad value.
 */
export function parseFlags(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS };
  if (argv.includes("--quick")) Object.assign(options, QUICK_OPTIONS);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => argv[++i];
    switch (flag) {
      case "--quick":
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      case "--warmup":
        options.warmup = positiveInteger(flag, value(), true);
        break;
      case "--reps":
        options.reps = positiveInteger(flag, value());
        break;
      case "--budget": {
        const text = value();
        const seconds = Number(text);
        if (text === undefined || !(seconds > 0))
          throw new Error(`--budget: expected a number of seconds > 0, got ${text ?? "nothing"}`);
        options.budgetSeconds = seconds;
        break;
      }
      case "--size":
        [options.rows, options.cols] = size(value());
        break;
      case "--backends":
        options.backends = list(flag, value());
        break;
      case "--losses":
        options.losses = list(flag, value());
        break;
      case "--json": {
        const file = value();
        if (file === undefined || file.startsWith("--"))
          throw new Error(`--json: expected a file name, got ${file ?? "nothing"}`);
        options.json = file;
        break;
      }
      case "--no-torch":
        options.torch = false;
        break;
      case "--torch-threads":
        options.torchThreads = positiveInteger(flag, value());
        break;
      case "--python": {
        const python = value();
        if (python === undefined) throw new Error("--python: expected a path, got nothing");
        options.python = python;
        break;
      }
      case "--seed":
        options.seed = positiveInteger(flag, value(), true);
        break;
      case "--clock": {
        const clock = value();
        if (clock !== "wall" && clock !== "cpu") {
          throw new Error(`--clock: expected wall or cpu, got ${clock ?? "nothing"}`);
        }
        options.clock = clock;
        break;
      }
      default:
        throw new Error(`unknown flag ${flag}\n\n${USAGE}`);
    }
  }
  return options;
}
