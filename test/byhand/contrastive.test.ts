import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { infoNce, infoNceGrad, ntXent, ntXentGrad } from "../../src/byhand";
import { infoNce as infoNceTensor, ntXent as ntXentTensor } from "../../src/losses/embedding";
import { expectClose, flatten, numericGradient, unflatten } from "./finiteDifference";

const query = [
  [1, 2, -0.5],
  [-1, 0.5, 0.3],
  [0.5, -1.5, 1],
];
const key = [
  [0.5, 1.5, 0],
  [-2, 1, 0.4],
  [1, 1, 1],
];
const shared = [
  [1, 0, 0.2],
  [0, -1, 0.7],
];
const perQuery = [
  [
    [1, 0, 0],
    [0.3, 0.3, -1],
  ],
  [
    [0, 1, 1],
    [-1, 0.2, 0],
  ],
  [
    [0.4, -0.4, 0.4],
    [2, 1, 0],
  ],
];

describe("byhand.infoNce", () => {
  it("is −log(e^(1/τ) / (e^(1/τ) + 1)) for orthogonal unit pairs", () => {
    expect(
      infoNce(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        { temperature: 0.5 },
      ),
    ).toBeCloseTo(Math.log1p(Math.exp(-2)), 15);
  });

  it("has the gradients of finite differences, in-batch and with shared or per-query negatives", () => {
    for (const negativeKeys of [undefined, shared, perQuery]) {
      const options = { negativeKeys, temperature: 0.3 };
      const grad = infoNceGrad(query, key, options);
      const wrtQuery = (flat: number[]) => infoNce(unflatten(flat, 3), key, options);
      const wrtKey = (flat: number[]) => infoNce(query, unflatten(flat, 3), options);
      expectClose(flatten(grad.query), numericGradient(wrtQuery, flatten(query)), 1e-6);
      expectClose(flatten(grad.positiveKey), numericGradient(wrtKey, flatten(key)), 1e-6);
      if (negativeKeys === shared) {
        const wrtNegatives = (flat: number[]) => infoNce(query, key, { ...options, negativeKeys: unflatten(flat, 3) });
        expectClose(flatten(grad.negativeKeys as number[][]), numericGradient(wrtNegatives, flatten(shared)), 1e-6);
      }
    }
  });

  it("agrees with the tensor infoNce, value and gradients", () => {
    for (const negativeKeys of [undefined, shared, perQuery]) {
      const loss = infoNceTensor(query, key, { negativeKeys, reduction: "none" });
      const [q, k] = [tf.tensor(query), tf.tensor(key)];
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => infoNceTensor(a, b, { negativeKeys }))([q, k]);
      const byHand = infoNceGrad(query, key, { negativeKeys });
      expectClose(Array.from(loss.dataSync()), infoNce(query, key, { negativeKeys, reduction: "none" }), 1e-5);
      expectClose(Array.from(grads[0].dataSync()), flatten(byHand.query), 1e-4);
      expectClose(Array.from(grads[1].dataSync()), flatten(byHand.positiveKey), 1e-4);
      tf.dispose([loss, q, k, ...grads]);
    }
  });
});

describe("byhand.ntXent", () => {
  it("is −log(e^(1/τ) / (e^(1/τ) + 2)) for orthogonal unit twins", () => {
    expect(
      ntXent(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
        { temperature: 1 },
      ),
    ).toBeCloseTo(-Math.log(Math.E / (Math.E + 2)), 15);
  });

  it("has the gradients of finite differences and agrees with the tensor ntXent", () => {
    const grad = ntXentGrad(query, key, { temperature: 0.2 });
    expectClose(
      flatten(grad.z1),
      numericGradient((flat) => ntXent(unflatten(flat, 3), key, { temperature: 0.2 }), flatten(query)),
      1e-6,
    );
    expectClose(
      flatten(grad.z2),
      numericGradient((flat) => ntXent(query, unflatten(flat, 3), { temperature: 0.2 }), flatten(key)),
      1e-6,
    );
    const loss = ntXentTensor(query, key, { reduction: "none" });
    expectClose(Array.from(loss.dataSync()), ntXent(query, key, { reduction: "none" }), 1e-5);
    loss.dispose();
  });

  it("refuses views of different lengths and a temperature ≤ 0", () => {
    expect(() => ntXent(query, key.slice(1))).toThrow("byhand.ntXent: z2: expected length 3 (the length of z1), got 2");
    expect(() => infoNceGrad(query, key, { temperature: 0 })).toThrow(
      "byhand.infoNceGrad: temperature: expected a number > 0, got 0",
    );
  });
});
