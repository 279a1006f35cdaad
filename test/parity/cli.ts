// npm run parity -- FILE.json [--backend wasm|cpu|tensorflow]
// Prints one line per failing case, then "parity: N passed, M failed"; exits 1 when any failed.
import { readFileSync } from "node:fs";
import { BACKEND_PREFERENCE, ready, type BackendName } from "../../src/core/backend";
import { describeFailure, parseFixture, runFixture, summaryLine } from "./harness";

const USAGE = "usage: npm run parity -- FILE.json [--backend wasm|cpu|tensorflow]";

interface Arguments {
  file: string;
  backend?: BackendName;
}

function parseArguments(argv: readonly string[]): Arguments {
  const files: string[] = [];
  let backend: BackendName | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--backend" || arg.startsWith("--backend=")) {
      const name = arg === "--backend" ? argv[++i] : arg.slice("--backend=".length);
      if (!(BACKEND_PREFERENCE as readonly string[]).includes(name)) {
        throw new Error(`unknown backend ${JSON.stringify(name)}; ${USAGE}`);
      }
      backend = name as BackendName;
    } else if (arg.startsWith("--")) {
      throw new Error(`unknown option ${arg}; ${USAGE}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) throw new Error(USAGE);
  return { file: files[0], backend };
}

async function main(): Promise<number> {
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const backend = await ready(args.backend);
  const fixture = parseFixture(readFileSync(args.file, "utf8"));
  console.error(`parity: ${fixture.cases.length} cases from ${args.file} on the ${backend} backend`);
  const report = runFixture(fixture);
  for (const r of report.results) {
    if (!r.passed) console.log(describeFailure(r));
  }
  console.log(summaryLine(report));
  return report.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(2);
  },
);
