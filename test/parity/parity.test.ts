import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, describe, expect, it } from "vitest";
import { ready, type BackendName } from "../../src/core/backend";
import { LossInputError } from "../../src/core/errors";
import {
  camelCase,
  compareValues,
  describeFailure,
  parseFixture,
  runCase,
  runFixture,
  type FixtureCase,
  type FixtureTensor,
  type LossRegistry,
  type ParityReport,
} from "./harness";

const FIXTURE = join(__dirname, "../fixtures/torch-losses.json");
const initialBackend = tf.getBackend() as BackendName;

afterAll(async () => {
  await ready(initialBackend);
});

function failingCases(report: ParityReport): string {
  const lines = report.results.filter((r) => !r.passed).map(describeFailure);
  const shown = lines.slice(0, 40).join("\n");
  return (
    `${report.failed} of ${report.results.length} cases differ from PyTorch:\n${shown}` +
    (lines.length > 40 ? `\n... and ${lines.length - 40} more` : "")
  );
}

describe("parity with PyTorch (test/fixtures/torch-losses.json)", () => {
  const fixture = parseFixture(readFileSync(FIXTURE, "utf8"));

  it("holds every function of the format's table", () => {
    const fns = new Set(fixture.cases.map((c) => c.fn));
    expect(fns.size).toBe(25);
    expect(fixture.cases.some((c) => c.error !== undefined)).toBe(true);
  });

  for (const backend of ["wasm", "cpu"] as const) {
    it(`matches on the ${backend} backend`, async () => {
      await ready(backend);
      const report = runFixture(fixture);
      expect(report.failed, failingCases(report)).toBe(0);
    });
  }
});

// ------------------------------------------------------------------------------------------------
// The harness itself, on synthetic cases and a synthetic loss, so that these checks do not depend
// on the library: they show the harness can fail.

function floats(shape: number[], data: (number | string)[]): FixtureTensor {
  return { shape, dtype: "float64", data: data.map((v) => (typeof v === "string" ? Number(v) : v)) };
}

/** mean |x − y|, written here with tfjs: no ties in the cases below, so its gradient is sign(x − y)/n. */
const SYNTHETIC: LossRegistry = {
  mean_abs: { name: "meanAbs", arity: 2, call: (x, y) => tf.mean(tf.abs(tf.sub(x as tf.Tensor, y as tf.Tensor))) },
  first_only: { name: "firstOnly", arity: 2, call: (x) => tf.sum(x as tf.Tensor) },
  nan_and_infinity: {
    name: "nanAndInfinity",
    arity: 1,
    call: (x) => tf.mul(x as tf.Tensor, tf.tensor([NaN, Infinity, 1])),
  },
  rejects: {
    name: "rejects",
    arity: 1,
    call: () => {
      throw new LossInputError("rejects", "input", "expected something else");
    },
  },
  throws_plain_error: {
    name: "throwsPlainError",
    arity: 1,
    call: () => {
      throw new Error("not a LossInputError");
    },
  },
};

// input [1, -2], target [0.5, 1]: |0.5| and |-3|, mean 1.75;
// d/dinput = sign(x - y)/2 = [0.5, -0.5], d/dtarget = [-0.5, 0.5].
function meanAbsCase(overrides: Partial<FixtureCase> = {}): FixtureCase {
  return {
    id: "mean_abs/synthetic/0",
    fn: "mean_abs",
    args: [floats([2], [1, -2]), floats([2], [0.5, 1])],
    kwargs: {},
    output: floats([], [1.75]),
    grad: [floats([2], [0.5, -0.5]), floats([2], [-0.5, 0.5])],
    ...overrides,
  };
}

function errorCase(fn: string): FixtureCase {
  return { id: `${fn}/error/0`, fn, args: [floats([2], [1, 2])], kwargs: {}, error: "ValueError: rejected" };
}

describe("the parity harness", () => {
  it("passes a case whose expected values are right, and within tolerance of them", () => {
    expect(runCase(meanAbsCase(), SYNTHETIC)).toEqual({ id: "mean_abs/synthetic/0", passed: true, differences: [] });
    expect(runCase(meanAbsCase({ output: floats([], [1.75 + 1e-5]) }), SYNTHETIC).passed).toBe(true);
  });

  it("fails a perturbed output and reports the largest difference", () => {
    const r = runCase(meanAbsCase({ output: floats([], [1.76]) }), SYNTHETIC);
    expect(r.passed).toBe(false);
    expect(r.differences).toHaveLength(1);
    expect(r.differences[0].what).toBe("output");
    expect(r.differences[0].largest).toBeCloseTo(0.01, 6);
    expect(describeFailure(r)).toMatch(/^mean_abs\/synthetic\/0: output: 1 of 1 values out of tolerance/);
  });

  it("fails a perturbed gradient, naming the argument and position", () => {
    const r = runCase(meanAbsCase({ grad: [floats([2], [0.5, -0.4]), floats([2], [-0.5, 0.5])] }), SYNTHETIC);
    expect(r.passed).toBe(false);
    expect(r.differences.map((d) => d.what)).toEqual(["grad[0]"]);
    expect(r.differences[0].detail).toMatch(/at \[1\] \(got -0\.5, expected -0\.4\)/);
  });

  it("skips null gradients", () => {
    expect(runCase(meanAbsCase({ grad: [floats([2], [0.5, -0.5]), null] }), SYNTHETIC).passed).toBe(true);
  });

  it("fails when the loss gives no gradient where torch has one", () => {
    const c = meanAbsCase({
      fn: "first_only",
      output: floats([], [-1]),
      grad: [floats([2], [1, 1]), floats([2], [0, 0])],
    });
    const r = runCase(c, SYNTHETIC);
    expect(r.passed).toBe(false);
    expect(r.differences.map((d) => d.what)).toEqual(["grad[1]"]);
    expect(r.differences[0].detail).toMatch(/^no gradient/);
  });

  it("fails a shape that differs, even with equal values", () => {
    const r = runCase(meanAbsCase({ output: floats([1], [1.75]) }), SYNTHETIC);
    expect(r.passed).toBe(false);
    expect(r.differences[0].detail).toBe("shape [], expected [1]");
  });

  it("fails an unknown function, and a wrong number of arguments", () => {
    expect(runCase(meanAbsCase({ fn: "no_such_loss" }), SYNTHETIC).differences).toEqual([
      { what: "fn", detail: 'unknown function "no_such_loss"' },
    ]);
    expect(runCase(meanAbsCase({ fn: "nan_and_infinity" }), SYNTHETIC).passed).toBe(false);
  });

  it("passes an error case only when the call throws LossInputError", () => {
    expect(runCase(errorCase("rejects"), SYNTHETIC).passed).toBe(true);
    const accepted = runCase({ ...errorCase("mean_abs"), args: [floats([1], [1]), floats([1], [2])] }, SYNTHETIC);
    expect(accepted.passed).toBe(false);
    expect(accepted.differences[0].detail).toBe("accepted inputs that torch rejects (ValueError: rejected)");
    const plain = runCase(errorCase("throws_plain_error"), SYNTHETIC);
    expect(plain.passed).toBe(false);
    expect(plain.differences[0].detail).toMatch(/^threw Error: not a LossInputError/);
  });

  it("counts passes and failures over a fixture", () => {
    const report = runFixture(
      { generator: "synthetic", profile: "test", cases: [meanAbsCase(), meanAbsCase({ id: "b", fn: "unknown" })] },
      SYNTHETIC,
    );
    expect([report.passed, report.failed]).toEqual([1, 1]);
  });
});

describe("compareValues", () => {
  it("matches NaN with NaN only, and infinities exactly", () => {
    const expected = floats([3], [NaN, Infinity, 2]);
    expect(compareValues("v", [3], [NaN, Infinity, 2], expected)).toBeNull();
    expect(compareValues("v", [3], [0, Infinity, 2], expected)?.largest).toBe(Infinity);
    expect(compareValues("v", [3], [NaN, 3.4e38, 2], expected)?.largest).toBe(Infinity);
    expect(compareValues("v", [3], [NaN, -Infinity, 2], expected)).not.toBeNull();
    expect(compareValues("v", [1], [NaN], floats([1], [1]))).not.toBeNull();
  });

  it("applies |a - b| <= 1e-5 + 1e-4 |b|, and compares -0 numerically", () => {
    expect(compareValues("v", [2], [1000.09, 0.000009], floats([2], [1000, 0]))).toBeNull();
    expect(compareValues("v", [1], [1000.2], floats([1], [1000]))).not.toBeNull();
    expect(compareValues("v", [1], [0.00002], floats([1], [0]))).not.toBeNull();
    expect(compareValues("v", [1], [0], floats([1], [-0]))).toBeNull();
  });
});

describe("parseFixture", () => {
  const tensor = (data: unknown[]) => ({ shape: [data.length], dtype: "float64", data });

  it("decodes non-finite strings, and keeps int64 data as integers", () => {
    const text = JSON.stringify({
      generator: "g",
      profile: "p",
      cases: [
        {
          id: "f/0",
          fn: "f",
          args: [tensor([1, "NaN"]), { shape: [], dtype: "int64", data: [3] }],
          kwargs: { pos_weight: tensor([2]), reduction: "sum" },
          output: tensor(["Infinity", "-Infinity"]),
          grad: [tensor([0, 1]), null],
        },
      ],
    });
    const [c] = parseFixture(text).cases;
    expect(c.args[0].data).toEqual([1, NaN]);
    expect(c.args[1]).toEqual({ shape: [], dtype: "int64", data: [3] });
    expect(c.output?.data).toEqual([Infinity, -Infinity]);
    expect(c.kwargs).toEqual({ pos_weight: { shape: [1], dtype: "float64", data: [2] }, reduction: "sum" });
    expect(c.grad?.[1]).toBeNull();
  });

  it("rejects a file that does not follow the format", () => {
    const bad = (caseJson: object) => () => parseFixture(JSON.stringify({ cases: [caseJson] }));
    expect(
      bad({ id: "a", fn: "f", args: [{ shape: [2], dtype: "float64", data: [1] }], kwargs: {}, error: "E" }),
    ).toThrow(/a: args\[0\]: data has 1 entries/);
    expect(bad({ id: "a", fn: "f", args: [], kwargs: {}, output: tensor([1]) })).toThrow(/needs output and one grad/);
    expect(bad({ id: "a", fn: "f", args: [tensor(["nan"])], kwargs: {}, error: "E" })).toThrow(/"nan"/);
  });
});

describe("camelCase", () => {
  it("turns torch's names into losslab's", () => {
    expect(
      ["smooth_l1_loss", "binary_cross_entropy_with_logits", "kl_div", "label_smoothing", "reduction"].map(camelCase),
    ).toEqual(["smoothL1Loss", "binaryCrossEntropyWithLogits", "klDiv", "labelSmoothing", "reduction"]);
  });
});
