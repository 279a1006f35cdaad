import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, parseFlags, QUICK_OPTIONS } from "../../bench/flags";

describe("parseFlags", () => {
  it("gives the defaults without flags: [4096, 1000] inputs, every backend and loss", () => {
    expect(parseFlags([])).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS).toMatchObject({ rows: 4096, cols: 1000, backends: null, losses: null, json: null });
  });

  it("reads every flag", () => {
    const options = parseFlags([
      "--warmup",
      "0",
      "--reps",
      "7",
      "--budget",
      "0.5",
      "--size",
      "64x10",
      "--backends",
      "cpu,wasm",
      "--losses",
      "l1Loss",
      "--json",
      "out.json",
      "--no-torch",
      "--torch-threads",
      "2",
      "--python",
      "/opt/py",
      "--seed",
      "9",
      "--clock",
      "cpu",
    ]);
    expect(options).toEqual({
      warmup: 0,
      reps: 7,
      budgetSeconds: 0.5,
      rows: 64,
      cols: 10,
      backends: ["cpu", "wasm"],
      losses: ["l1Loss"],
      json: "out.json",
      torch: false,
      torchThreads: 2,
      python: "/opt/py",
      seed: 9,
      clock: "cpu",
      help: false,
    });
  });

  it("applies --quick first, wherever it stands, so that explicit flags win", () => {
    expect(parseFlags(["--reps", "9", "--quick"])).toMatchObject({ ...QUICK_OPTIONS, reps: 9 });
    expect(parseFlags(["--quick"])).toMatchObject({ rows: 256, cols: 100 });
  });

  it("names the flag and the bad value", () => {
    expect(() => parseFlags(["--reps", "0"])).toThrow("--reps: expected a positive integer, got 0");
    expect(() => parseFlags(["--warmup", "1.5"])).toThrow("--warmup: expected an integer ≥ 0, got 1.5");
    expect(() => parseFlags(["--budget", "0"])).toThrow("--budget: expected a number of seconds > 0, got 0");
    expect(() => parseFlags(["--size", "4096"])).toThrow("--size: expected ROWSxCOLS such as 4096x1000, got 4096");
    expect(() => parseFlags(["--losses", ","])).toThrow("--losses: expected a comma-separated list");
    expect(() => parseFlags(["--json"])).toThrow("--json: expected a file name, got nothing");
    expect(() => parseFlags(["--json", "--quick"])).toThrow("--json: expected a file name, got --quick");
    expect(() => parseFlags(["--fast"])).toThrow(/unknown flag --fast/);
    expect(() => parseFlags(["--clock", "gpu"])).toThrow("--clock: expected wall or cpu, got gpu");
  });

  it("asks for help with --help or -h", () => {
    expect(parseFlags(["-h"]).help).toBe(true);
  });
});
