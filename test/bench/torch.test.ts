import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { BENCH_CASES } from "../../bench/cases";
import { makeInputs } from "../../bench/inputs";
import { runTorch, torchUnavailable } from "../../bench/torch";
import { python } from "../../kernel/paths";

const missing = torchUnavailable(python);

describe("the PyTorch anchor", () => {
  it("says why when the Python cannot be run", () => {
    expect(torchUnavailable("/nonexistent/python3")).toMatch(/^\/nonexistent\/python3 could not be run/);
  });

  const title = "reads the harness's bytes: every loss gives losslab's value, with timings (%s clock)";
  it.skipIf(missing !== null).each(["wall", "cpu"] as const)(title, (clock) => {
    const inputs = makeInputs(6, 5, 11);
    const cases = BENCH_CASES.map((c) => ({ loss: c.loss, inputs: c.inputs }));
    const results = runTorch(inputs, { python, threads: 1, clock, warmup: 0, reps: 2, budgetMs: 1e6, cases });
    expect(results.threads).toBe(1);
    for (const c of BENCH_CASES) {
      const expected = tf.tidy(
        () =>
          c
            .losslab(...c.inputs.map((n) => tf.tensor(inputs[n].values, inputs[n].shape, inputs[n].dtype)))
            .dataSync()[0],
      );
      const times = results.losses[c.loss];
      expect(times.value, c.loss).toBeCloseTo(expected, 5);
      expect(times.forward, c.loss).toHaveLength(2);
      expect(times["forward+backward"], c.loss).toHaveLength(2);
    }
  });
});
