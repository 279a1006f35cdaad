import * as tf from "@tensorflow/tfjs";
import { describe, it } from "vitest";
import { infoNce, ntXent } from "../../src/losses/embedding";
import { expectGradients, expectLossInputError, expectNoLeak, expectTensor } from "../support";

// Values marked "torch:" come from PyTorch 2.13 in float64: the references info_nce and nt_xent of
// test/fixtures/generate.py (F.normalize, F.cross_entropy), gradients of out.sum().

const q = [
  [1, 2],
  [-1, 0.5],
  [0.5, -1.5],
];
const k = [
  [0.5, 1.5],
  [-2, 1],
  [1, 1],
];

describe("infoNce", () => {
  it("by hand: orthogonal unit pairs give −log(e^(1/τ) / (e^(1/τ) + e^0)) for each query", () => {
    const eye = [
      [1, 0],
      [0, 1],
    ];
    expectTensor(infoNce(eye, eye, { temperature: 1 }), -Math.log(Math.E / (Math.E + 1)));
    expectTensor(
      infoNce(eye, eye, { temperature: 0.5, reduction: "none" }),
      [1, 1].map(() => Math.log1p(Math.exp(-2))),
    );
    // Lengths do not matter: cosines only.
    expectTensor(
      infoNce(
        [
          [3, 0],
          [0, 0.5],
        ],
        [
          [2, 0],
          [0, 7],
        ],
        { temperature: 1 },
      ),
      -Math.log(Math.E / (Math.E + 1)),
    );
  });

  it("with in-batch negatives matches torch, values and gradients", () => {
    // torch: info_nce(q, k, temperature=0.5, reduction="none")
    const none = [0.7221547614367426, 0.22432492847701363, 0.7364332696363773];
    expectTensor(infoNce(q, k, { temperature: 0.5, reduction: "none" }), none);
    expectTensor(infoNce(q, k, { temperature: 0.5 }), 0.5609709865167112);
    expectTensor(infoNce(q, k, { temperature: 0.5, reduction: "sum" }), none[0] + none[1] + none[2]);
    expectGradients(
      (a, b) => infoNce(a, b, { temperature: 0.5, reduction: "sum" }),
      [q, k],
      [
        [
          [0.11767246631873057, -0.0588362331593653],
          [0.1572432516264035, 0.31448650325280686],
          [-0.6307443985231458, -0.2102481328410486],
        ],
        [
          [-0.08749145444365325, 0.02916381814788438],
          [-0.0537062920264707, -0.10741258405294143],
          [-0.6620897040981512, 0.6620897040981515],
        ],
      ],
    );
  });

  it("with shared negatives [M, D] matches torch and differentiates the negatives; per query [N, M, D] agrees", () => {
    const n = [
      [1, 0],
      [0, -1],
    ];
    // torch: info_nce(q, k, negative_keys=n, temperature=0.5, reduction="none")
    const none = [0.3080898263956996, 0.07506314178293735, 3.087128156821817];
    expectTensor(infoNce(q, k, { negativeKeys: n, temperature: 0.5, reduction: "none" }), none);
    expectTensor(infoNce(q, k, { negativeKeys: [n, n, n], temperature: 0.5, reduction: "none" }), none);
    expectGradients(
      (a, b, c) => infoNce(a, b, { negativeKeys: c, temperature: 0.5, reduction: "sum" }),
      [q, k, n],
      [
        [
          [0.213656644312389, -0.10682832215619453],
          [-0.029220329062322137, -0.05844065812464426],
          [-1.0676053787942916, -0.35586845959809743],
        ],
        [
          [-0.04499756487278728, 0.01499918829092911],
          [0, 0],
          [-0.8536119589414963, 0.8536119589414963],
        ],
        [
          [0, 0.06413815474116225],
          [0.39407507203685305, 0],
        ],
      ],
    );
  });

  it("refuses wrong shapes, a temperature ≤ 0 and unknown options", () => {
    const fn = "infoNce";
    expectLossInputError(() => infoNce(q, [[1, 2]]), fn, "positiveKey", /expected shape \[3,2\]/);
    expectLossInputError(() => infoNce([1, 2], [1, 2]), fn, "query", /rank 2, got rank 1/);
    expectLossInputError(() => infoNce(q, k, { negativeKeys: [[1, 2, 3]] }), fn, "negativeKeys", /\[M, 2\]/);
    expectLossInputError(
      () => infoNce(q, k, { negativeKeys: [[[1, 2]], [[1, 2]]] }),
      fn,
      "negativeKeys",
      /\[3, M, 2\]/,
    );
    expectLossInputError(() => infoNce(q, k, { temperature: 0 }), fn, "temperature", /> 0, got 0/);
    expectLossInputError(() => infoNce(q, k, { tau: 1 } as object), fn, "options.tau", /unknown option/);
  });

  it("leaves no tensor behind, on success and on error", () => {
    expectNoLeak(
      () => infoNce(q, k, { negativeKeys: [[1, 0]] }),
      () => infoNce(q, [[1, 2]]),
    );
  });
});

describe("ntXent", () => {
  it("by hand: orthogonal twins give −log(e^(1/τ) / (e^(1/τ) + 2)) for each of the 2N views", () => {
    const eye = [
      [1, 0],
      [0, 1],
    ];
    expectTensor(ntXent(eye, eye, { temperature: 1 }), -Math.log(Math.E / (Math.E + 2)));
  });

  it("matches torch, values over the 2N views and gradients of both views", () => {
    // torch: nt_xent(q, k, temperature=0.5, reduction="none")
    const none = [
      0.8022339865405711, 0.3504562524978472, 1.187162803602018, 0.7976956583652411, 0.3504562524978472,
      3.5421836201338386,
    ];
    expectTensor(ntXent(q, k, { reduction: "none" }), none);
    expectTensor(ntXent(q, k), none.reduce((a, b) => a + b) / 6);
    expectGradients(
      (a, b) => ntXent(a, b, { reduction: "sum" }),
      [q, k],
      [
        [
          [0.2080547086307365, -0.1040273543153683],
          [0.2425615509560355, 0.4851231019120707],
          [-1.8510836527497012, -0.6170278842499004],
        ],
        [
          [-0.13894988355944907, 0.046316627853149606],
          [0.12128077547801774, 0.24256155095603538],
          [-2.293250404170386, 2.293250404170387],
        ],
      ],
    );
  });

  it("refuses differing views, a temperature ≤ 0 and unknown options", () => {
    const fn = "ntXent";
    expectLossInputError(() => ntXent(q, [[1, 2]]), fn, "z2", /expected shape \[3,2\]/);
    expectLossInputError(() => ntXent(q, k, { temperature: -1 }), fn, "temperature", /> 0/);
    expectLossInputError(() => ntXent(q, k, { negativeKeys: k } as object), fn, "options.negativeKeys", /unknown/);
  });

  it("leaves no tensor behind, on success and on error", () => {
    expectNoLeak(
      () => ntXent(q, k),
      () => ntXent(q, [[1, 2]]),
    );
    const z = tf.tensor(q);
    expectNoLeak(() => tf.tidy(() => tf.grad((x: tf.Tensor) => ntXent(x, k))(z)));
    z.dispose();
  });
});
