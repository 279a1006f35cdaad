// Properties of the regression losses, checked on seeded random inputs.
import * as fc from "fast-check";
import { describe, it } from "vitest";
import * as byhand from "../../src/byhand";
import { gaussianNllLoss, huberLoss, l1Loss, mseLoss, poissonNllLoss, smoothL1Loss } from "../../src/losses/regression";
import {
  RUNS,
  awayFromZero,
  float32,
  gradientsOf,
  inputAndTarget,
  scalarOf,
  matrixOf,
  size,
  valuesOf,
  vectorOf,
} from "./support";
import { expectAllClose, expectClose } from "../support";

/** Input, and a target that differs from it by at least 0.01 everywhere (no kink at x = y). */
const inputAndDistinctTarget = size.chain((n) =>
  fc
    .tuple(vectorOf(n, -10, 10), fc.array(awayFromZero(0.01, 5), { minLength: n, maxLength: n }))
    .map(([x, gap]) => [x, x.map((xi, i) => Math.fround(xi - gap[i]))] as const),
);
const beta = float32(0.05, 4);

const elementwise = [
  { name: "l1Loss", loss: l1Loss },
  { name: "mseLoss", loss: mseLoss },
  { name: "smoothL1Loss", loss: smoothL1Loss },
  { name: "huberLoss", loss: huberLoss },
] as const;

describe.each(elementwise)("$name", ({ loss }) => {
  it("is ≥ 0 everywhere", () => {
    fc.assert(
      fc.property(inputAndTarget, ([x, y]) => {
        valuesOf(loss(x, y, { reduction: "none" })).forEach((v) =>
          expectClose(Math.max(v, 0), v, { atol: 0, rtol: 0 }),
        );
      }),
      RUNS,
    );
  });

  it("is 0 at a perfect prediction", () => {
    fc.assert(
      fc.property(vectorOf(5, -1e3, 1e3), (x) => expectClose(scalarOf(loss(x, x)), 0, { atol: 0, rtol: 0 })),
      RUNS,
    );
  });

  it("sums to its mean times the number of elements", () => {
    fc.assert(
      fc.property(inputAndTarget, ([x, y]) => {
        expectClose(scalarOf(loss(x, y, { reduction: "sum" })), scalarOf(loss(x, y)) * x.length);
      }),
      RUNS,
    );
  });
});

describe("smoothL1Loss and huberLoss", () => {
  it("smoothL1Loss with β = 0 is l1Loss", () => {
    fc.assert(
      fc.property(inputAndTarget, ([x, y]) => {
        expectAllClose(
          valuesOf(smoothL1Loss(x, y, { beta: 0, reduction: "none" })),
          valuesOf(l1Loss(x, y, { reduction: "none" })),
        );
      }),
      RUNS,
    );
  });

  it("huberLoss(δ) is δ · smoothL1Loss(β = δ)", () => {
    fc.assert(
      fc.property(inputAndTarget, beta, ([x, y], delta) => {
        const huber = valuesOf(huberLoss(x, y, { delta, reduction: "none" }));
        const smooth = valuesOf(smoothL1Loss(x, y, { beta: delta, reduction: "none" }));
        expectAllClose(
          huber,
          smooth.map((s) => delta * s),
        );
      }),
      RUNS,
    );
  });
});

describe("poissonNllLoss and gaussianNllLoss", () => {
  it("poissonNllLoss on log-rates equals poissonNllLoss on the rates themselves (eps = 0)", () => {
    fc.assert(
      fc.property(
        size.chain((n) => fc.tuple(vectorOf(n, -3, 3), vectorOf(n, 0, 20))),
        ([logRate, counts]) => {
          const rate = logRate.map((v) => Math.exp(v));
          expectAllClose(
            valuesOf(poissonNllLoss(logRate, counts, { reduction: "none" })),
            valuesOf(poissonNllLoss(rate, counts, { logInput: false, eps: 0, reduction: "none" })),
            { atol: 1e-4, rtol: 1e-4 },
          );
        },
      ),
      RUNS,
    );
  });

  it("gaussianNllLoss reads a variance of shape [N], [N, 1] or [N, D] shared along the last axis alike", () => {
    const batch = fc
      .tuple(size, size)
      .chain(([n, d]) => fc.tuple(matrixOf(n, d, -5, 5), matrixOf(n, d, -5, 5), vectorOf(n, 0.01, 4)));
    fc.assert(
      fc.property(batch, ([x, y, variance]) => {
        const expected = valuesOf(
          gaussianNllLoss(
            x,
            y,
            variance.map((v, i) => x[i].map(() => v)),
            { reduction: "none" },
          ),
        );
        expectAllClose(valuesOf(gaussianNllLoss(x, y, variance, { reduction: "none" })), expected);
        expectAllClose(
          valuesOf(
            gaussianNllLoss(
              x,
              y,
              variance.map((v) => [v]),
              { reduction: "none" },
            ),
          ),
          expected,
        );
      }),
      RUNS,
    );
  });
});

describe("by-hand regression losses equal the tensor losses", () => {
  const twins = [
    { name: "l1", tensor: l1Loss, value: byhand.l1Loss, grad: byhand.l1LossGrad },
    { name: "mse", tensor: mseLoss, value: byhand.mseLoss, grad: byhand.mseLossGrad },
  ] as const;

  it.each(twins)("byhand.$name: value and gradient (mean and sum)", ({ tensor, value, grad }) => {
    fc.assert(
      fc.property(inputAndDistinctTarget, ([x, y]) => {
        for (const reduction of ["mean", "sum"] as const) {
          expectClose(scalarOf(tensor(x, y, { reduction })), value(x, [...y], { reduction }));
          const [autodiff] = gradientsOf((t, u) => tensor(t, u, { reduction }), x, [...y]);
          expectAllClose(autodiff, grad(x, [...y], { reduction }));
        }
      }),
      RUNS,
    );
  });

  it("byhand.smoothL1Loss: value and gradient for any β > 0", () => {
    fc.assert(
      fc.property(inputAndDistinctTarget, beta, ([x, y], b) => {
        const target = [...y];
        expectAllClose(
          valuesOf(smoothL1Loss(x, y, { beta: b, reduction: "none" })),
          byhand.smoothL1Loss(x, target, { beta: b, reduction: "none" }),
        );
        const [autodiff] = gradientsOf((t, u) => smoothL1Loss(t, u, { beta: b }), x, target);
        expectAllClose(autodiff, byhand.smoothL1LossGrad(x, target, { beta: b }));
      }),
      RUNS,
    );
  });

  it("byhand.huberLoss: value and gradient for any δ > 0", () => {
    fc.assert(
      fc.property(inputAndDistinctTarget, beta, ([x, y], delta) => {
        const target = [...y];
        expectAllClose(
          valuesOf(huberLoss(x, y, { delta, reduction: "none" })),
          byhand.huberLoss(x, target, { delta, reduction: "none" }),
        );
        const [autodiff] = gradientsOf((t, u) => huberLoss(t, u, { delta, reduction: "sum" }), x, target);
        expectAllClose(autodiff, byhand.huberLossGrad(x, target, { delta, reduction: "sum" }));
      }),
      RUNS,
    );
  });
});
