import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { absolute, signOf, withDerivative } from "../../src/losses/ops";
import { expectGradients, expectNoLeak, expectTensor } from "../support";

describe("withDerivative", () => {
  // f(x) = x³ given the derivative 3x² by hand: at x = [−1, 0, 2], f = [−1, 0, 8], f′ = [3, 0, 12]
  const cube = (x: tf.Tensor) =>
    withDerivative(
      x,
      (t) => tf.pow(t, 3),
      (t) => tf.mul(3, tf.square(t)),
    );

  it("computes f and differentiates with the derivative given, times the upstream gradient", () => {
    expectTensor(
      tf.tidy(() => cube(tf.tensor([-1, 0, 2]))),
      [-1, 0, 8],
    );
    expectGradients(cube, [[-1, 0, 2]], [[3, 0, 12]]);
    // d/dx sum(5·x³) = 15x²: the upstream gradient 5 multiplies the derivative
    expectGradients((x) => tf.mul(5, cube(x)), [[-1, 0, 2]], [[15, 0, 60]]);
  });

  it("keeps its input for the backward pass when the input was made inside a tidy", () => {
    // x + 1 is disposed by the tidy before tf.grads runs the backward pass: f′(x + 1) = 3(x + 1)²
    const shifted = (x: tf.Tensor) => tf.tidy(() => cube(tf.add(x, 1)));
    expectGradients(shifted, [[-1, 0, 2]], [[0, 3, 27]]);
  });

  it("leaves no tensor behind, gradients included", () => {
    const x = tf.tensor([-1, 0, 2]);
    expectNoLeak(() => tf.tidy(() => cube(x)));
    expectNoLeak(() => tf.grad((t: tf.Tensor) => tf.sum(cube(t)))(x));
    x.dispose();
  });
});

describe("signOf", () => {
  it("is −1, 0 or 1 as torch.sign, subnormals and infinities included", () => {
    // torch.sign(torch.tensor([-3, -1e-45, -0., 0, 1e-45, 2, inf, -inf])) -> [-1, -1, 0, 0, 1, 1, 1, -1]
    const x = [-3, -1e-45, -0, 0, 1e-45, 2, Infinity, -Infinity];
    expectTensor(
      tf.tidy(() => signOf(tf.tensor(x))),
      [-1, -1, 0, 0, 1, 1, 1, -1],
    );
  });
});

describe("absolute", () => {
  it("is |x| with gradient sign(x), 0 at x = 0 as torch.abs (tfjs's own abs gives −1 there)", () => {
    expectTensor(
      tf.tidy(() => absolute(tf.tensor([-2, 0, 3.5]))),
      [2, 0, 3.5],
    );
    expectGradients(absolute, [[-2, 0, 3.5]], [[-1, 0, 1]]);
    const tfjsAtZero = tf.tidy(
      () =>
        tf
          .grad((x: tf.Tensor) => tf.abs(x))(tf.tensor([0]))
          .dataSync()[0],
    );
    expect(tfjsAtZero).not.toBe(0);
  });
});
