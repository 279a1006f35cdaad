import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { lossDoor, MEAN_REDUCTION, type Resolved } from "../../src/core/door";
import { checkFiniteOption } from "../../src/core/errors";
import { reduce, type ReductionOptions } from "../../src/core/reduction";
import { expectLossInputError, expectNoLeak } from "../support";

interface ToyOptions extends ReductionOptions {
  scale?: number;
  negate?: boolean;
  weight?: number[];
}

const TOY_DEFAULTS: Resolved<ToyOptions, "weight"> = { scale: 2, negate: false, weight: undefined, reduction: "sum" };

/** scale · Σ x (negated when asked): a loss small enough to check every door rule by hand. */
function toyLoss(x: number[], options?: ToyOptions | null): tf.Tensor {
  return lossDoor("toyLoss", options, TOY_DEFAULTS, ({ scale, negate, reduction }) => {
    const scaled = tf.mul(tf.tensor1d(x), negate ? -scale : scale);
    return reduce(scaled, reduction);
  });
}

describe("lossDoor", () => {
  it("fills the options not given with the defaults and keeps those given", () => {
    expect(toyLoss([1, 2]).arraySync()).toBe(6);
    expect(toyLoss([1, 2], null).arraySync()).toBe(6);
    expect(toyLoss([1, 2], { scale: 3, negate: undefined }).arraySync()).toBe(9);
    expect(toyLoss([1, 2], { negate: true, reduction: "mean" }).arraySync()).toBe(-3);
  });

  it("refuses an unknown key, an unknown reduction and a flag that is not a boolean", () => {
    expectLossInputError(() => toyLoss([1], { sacle: 3 } as never), "toyLoss", "options.sacle", /unknown option/);
    expectLossInputError(() => toyLoss([1], { reduction: "max" as never }), "toyLoss", "reduction", /"max"/);
    expectLossInputError(() => toyLoss([1], { negate: 1 as never }), "toyLoss", "negate", /true or false, got 1/);
    expectLossInputError(() => toyLoss([1], { negate: null as never }), "toyLoss", "negate", /true or false/);
  });

  it("checks no option of another type as a flag", () => {
    expect(toyLoss([1], { weight: [1] }).arraySync()).toBe(2);
  });

  it("takes MEAN_REDUCTION as the defaults of a loss whose only option is its reduction", () => {
    const meanOf = (x: number[], options?: ReductionOptions) =>
      lossDoor("meanOf", options, MEAN_REDUCTION, ({ reduction }) => reduce(tf.tensor1d(x), reduction));
    expect(meanOf([1, 2, 6]).arraySync()).toBe(3);
    expect(meanOf([1, 2, 6], { reduction: "sum" }).arraySync()).toBe(9);
  });

  it("leaves only the result behind, and nothing when the body throws", () => {
    const failing = () =>
      lossDoor("toyLoss", {}, TOY_DEFAULTS, ({ scale }, fn) => {
        tf.ones([3]);
        checkFiniteOption(fn, "scale", scale * Infinity);
        return tf.scalar(scale);
      });
    expectNoLeak(() => toyLoss([1, 2]), failing);
    expectLossInputError(failing, "toyLoss", "scale", /expected a finite number, got Infinity/);
  });
});
