// The input contract, table-driven: every public loss against every class of bad input a JavaScript
// caller (or a notebook with `any`) can send, on wasm and cpu. Each bad call must throw a
// LossInputError that blames the right argument and leave no tensor behind, or, where PyTorch
// accepts the input, give PyTorch's value.
//
// Integer tensors: torch 2.13.0 (.venv/bin/python, F = torch.nn.functional) was called with an
// int32 tensor in each argument; "refuse" rows raise there (e.g. F.cross_entropy(int logits):
// "log_softmax_lastdim_kernel_impl" not implemented for 'Int'; F.binary_cross_entropy(x, int target):
// "Found dtype Int but expected Float"), "promote" rows return the float result. `allInteger` is
// every float argument int32 at once (F.mse_loss(int, int): "mse_cpu" not implemented for 'Int').
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import * as losslab from "../../src";
import { ready, type BackendName } from "../../src/core/backend";
import { LossInputError } from "../../src/core/errors";
import { expectAllClose, expectLossInputError, expectNoTensorLeft } from "../support";

type Nested = number | Nested[];
type AnyLoss = (...args: unknown[]) => tf.Tensor;
type IntegerPolicy = "promote" | "refuse" | "index";

interface Argument {
  name: string;
  value: Nested;
  /** What PyTorch does with an int32 tensor here; "index" arguments are class indices (int32 by design). */
  integer: IntegerPolicy;
}

interface Row {
  loss: string;
  variant?: string;
  args: Argument[];
  /** Builds the call from the arguments and the options argument; by default loss(...args, options). */
  call?: (fn: AnyLoss, args: unknown[], options: unknown) => tf.Tensor;
  /** Whether the loss takes an options object (entropy and weightedSum take none). */
  takesOptions: boolean;
  /** Options that take a number, each with a valid value. */
  numbers?: Record<string, number>;
  /** Options that take true or false. */
  flags?: string[];
  /** Options that take a tensor, each with a valid value and PyTorch's integer policy for it. */
  tensors?: Record<string, { value: Nested; integer: IntegerPolicy }>;
  /** A camelCase option with a snake_case PyTorch name. */
  snakeCase?: [string, string];
  /** Whether the options include reduction (the penalties have none). */
  reduces?: boolean;
  /** What PyTorch does when every float argument is an int32 tensor. */
  allInteger: "promote" | "refuse";
  /** PyTorch's value for an infinite number option, where it accepts one (key: "option=±Infinity"). */
  infiniteOptions?: Record<string, number>;
}

const x = [
  [1, -2, 3],
  [0, 2, -1],
];
const y = [
  [0, -1, 1],
  [2, 2, 0],
];
const logits = [
  [1, 2, 3],
  [1, 1, 1],
];
const classes = [2, 0];
const oneHot = [
  [0, 0, 1],
  [1, 0, 0],
];
const bits = [
  [1, 0, 0],
  [0, 1, 1],
];
const signs = [
  [1, -1, 1],
  [-1, -1, 1],
];
const pairs = [
  [1, 2],
  [3, -1],
];
const counts = y.map((row) => row.map(Math.abs));
const variances = [
  [1, 2, 1],
  [1, 1, 3],
];
const probabilities01 = [
  [1, 0, 1],
  [0, 0, 1],
];
const logProbs = [
  [-1, -2, -3],
  [-1, -1, -1],
];
const labelLists = [
  [2, -1, 0],
  [0, 1, -1],
];
const klLogProbs = [
  [-1, -2, -1],
  [0, -3, -2],
];
const distances = [
  [1, 2, 3],
  [0, 2, 1],
];
const otherPairs = [
  [2, 1],
  [1, 1],
];
const negativePairs = [
  [0, 3],
  [3, 0],
];
const input = (value: Nested, integer: IntegerPolicy): Argument => ({ name: "input", value, integer });
const target = (value: Nested, integer: IntegerPolicy): Argument => ({ name: "target", value, integer });
const reductionRow = { takesOptions: true } as const;

const ROWS: Row[] = [
  { loss: "l1Loss", args: [input(x, "promote"), target(y, "promote")], ...reductionRow, allInteger: "refuse" },
  { loss: "mseLoss", args: [input(x, "promote"), target(y, "promote")], ...reductionRow, allInteger: "refuse" },
  {
    loss: "smoothL1Loss",
    args: [input(x, "promote"), target(y, "promote")],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { beta: 1 },
    infiniteOptions: { "beta=Infinity": 0 }, // F.smooth_l1_loss(x, y, beta=inf) = 0
  },
  {
    loss: "huberLoss",
    args: [input(x, "refuse"), target(y, "promote")],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { delta: 1 },
    infiniteOptions: { "delta=Infinity": 0.9166666865348816 },
  },
  {
    loss: "poissonNllLoss",
    args: [input(x, "promote"), target(counts, "promote")],
    ...reductionRow,
    allInteger: "promote",
    numbers: { eps: 1e-8 },
    flags: ["logInput", "full"],
    snakeCase: ["log_input", "logInput"],
    infiniteOptions: { "eps=Infinity": 4.449348449707031 },
  },
  {
    loss: "gaussianNllLoss",
    args: [
      input(x, "promote"),
      target(y, "promote"),
      {
        name: "variance",
        value: variances,
        integer: "refuse",
      },
    ],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { eps: 1e-6 },
    flags: ["full"],
    infiniteOptions: { "eps=Infinity": Infinity },
  },
  {
    loss: "crossEntropy",
    variant: "class indices",
    args: [input(logits, "refuse"), target(classes, "index")],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { ignoreIndex: -100, labelSmoothing: 0.1 },
    tensors: { weight: { value: [1, 2, 3], integer: "refuse" } },
    snakeCase: ["ignore_index", "ignoreIndex"],
  },
  {
    loss: "crossEntropy",
    variant: "class probabilities",
    args: [input(logits, "refuse"), target(oneHot, "refuse")],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { labelSmoothing: 0.1 },
    snakeCase: ["label_smoothing", "labelSmoothing"],
  },
  {
    loss: "nllLoss",
    args: [input(logProbs, "refuse"), target(classes, "index")],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { ignoreIndex: -100 },
    tensors: { weight: { value: [1, 2, 3], integer: "refuse" } },
    snakeCase: ["ignore_index", "ignoreIndex"],
  },
  {
    loss: "binaryCrossEntropy",
    args: [input(probabilities01, "refuse"), target(bits, "refuse")],
    ...reductionRow,
    allInteger: "refuse",
    tensors: { weight: { value: [1, 2, 3], integer: "promote" } },
  },
  {
    loss: "binaryCrossEntropyWithLogits",
    args: [input(x, "refuse"), target(bits, "refuse")],
    ...reductionRow,
    allInteger: "refuse",
    snakeCase: ["pos_weight", "posWeight"],
    tensors: { weight: { value: [1, 2, 3], integer: "promote" }, posWeight: { value: [3, 1, 2], integer: "promote" } },
  },
  {
    loss: "softMarginLoss",
    args: [input(x, "refuse"), target(signs, "promote")],
    ...reductionRow,
    allInteger: "refuse",
  },
  {
    loss: "multilabelSoftMarginLoss",
    args: [input(x, "refuse"), target(bits, "promote")],
    ...reductionRow,
    allInteger: "refuse",
    tensors: { weight: { value: [1, 2, 3], integer: "promote" } },
  },
  {
    loss: "sigmoidFocalLoss",
    args: [input(x, "refuse"), target(bits, "refuse")],
    ...reductionRow,
    allInteger: "refuse", // torchvision's formula: "log_sigmoid_cpu" not implemented for 'Int'
    numbers: { alpha: 0.25, gamma: 2 },
  },
  {
    loss: "multiMarginLoss",
    args: [input(logits, "refuse"), target(classes, "index")],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { p: 1, margin: 1 },
    tensors: { weight: { value: [1, 2, 3], integer: "refuse" } },
    infiniteOptions: { "margin=Infinity": Infinity, "margin=-Infinity": 0 },
  },
  {
    loss: "multilabelMarginLoss",
    args: [input(logits, "refuse"), target(labelLists, "index")],
    ...reductionRow,
    allInteger: "refuse",
  },
  {
    loss: "klDiv",
    args: [input(klLogProbs, "refuse"), target(oneHot, "refuse")],
    ...reductionRow,
    allInteger: "refuse",
    flags: ["logTarget"],
    snakeCase: ["log_target", "logTarget"],
  },
  {
    loss: "marginRankingLoss",
    args: [
      { name: "input1", value: x, integer: "promote" },
      { name: "input2", value: y, integer: "promote" },
      target(signs, "promote"),
    ],
    ...reductionRow,
    allInteger: "promote",
    numbers: { margin: 0 },
  },
  {
    loss: "hingeEmbeddingLoss",
    args: [input(distances, "refuse"), target(signs, "promote")],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { margin: 1 },
  },
  {
    loss: "cosineEmbeddingLoss",
    args: [
      { name: "input1", value: pairs, integer: "promote" },
      {
        name: "input2",
        value: otherPairs,
        integer: "promote",
      },
      target([1, -1], "promote"),
    ],
    ...reductionRow,
    allInteger: "promote",
    numbers: { margin: 0 },
  },
  {
    loss: "tripletMarginLoss",
    args: [
      { name: "anchor", value: pairs, integer: "promote" },
      {
        name: "positive",
        value: otherPairs,
        integer: "promote",
      },
      {
        name: "negative",
        value: negativePairs,
        integer: "promote",
      },
    ],
    ...reductionRow,
    allInteger: "promote",
    numbers: { margin: 1, p: 2, eps: 1e-6 },
    flags: ["swap"],
  },
  {
    loss: "contrastiveLoss",
    args: [
      { name: "x1", value: pairs, integer: "promote" },
      {
        name: "x2",
        value: otherPairs,
        integer: "promote",
      },
      { name: "label", value: [0, 1], integer: "promote" },
    ],
    ...reductionRow,
    allInteger: "promote",
    numbers: { margin: 1 },
  },
  {
    loss: "infoNce",
    args: [
      { name: "query", value: pairs, integer: "refuse" }, // F.normalize(int): "Expected a floating point … tensor"
      { name: "positiveKey", value: otherPairs, integer: "refuse" },
    ],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { temperature: 0.1 },
    tensors: { negativeKeys: { value: negativePairs, integer: "refuse" } },
  },
  {
    loss: "ntXent",
    args: [
      { name: "z1", value: pairs, integer: "refuse" },
      { name: "z2", value: otherPairs, integer: "refuse" },
    ],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { temperature: 0.5 },
  },
  {
    loss: "ctcLoss",
    variant: "one sequence",
    args: [
      { name: "logProbs", value: logProbs, integer: "refuse" }, // F.ctc_loss(int): "ctc_loss_cpu" not implemented
      { name: "targets", value: [1], integer: "index" },
      { name: "inputLengths", value: [2], integer: "index" },
      { name: "targetLengths", value: [1], integer: "index" },
    ],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { blank: 0 },
    flags: ["zeroInfinity"],
    snakeCase: ["zero_infinity", "zeroInfinity"],
  },
  {
    loss: "policyGradientLoss",
    args: [
      { name: "logits", value: logits, integer: "refuse" }, // F.log_softmax(int): not implemented for 'Int'
      { name: "actions", value: classes, integer: "index" },
      { name: "returns", value: [1, -1], integer: "promote" },
    ],
    ...reductionRow,
    allInteger: "refuse",
    numbers: { baseline: 0.5, entropyCoefficient: 0.1 },
    tensors: { baseline: { value: [2, 1], integer: "promote" } },
  },
  {
    loss: "entropy",
    args: [{ name: "probs", value: oneHot, integer: "promote" }],
    takesOptions: false,
    allInteger: "promote",
  },
  {
    loss: "weightedSum",
    args: [{ name: "terms.a.loss", value: 3, integer: "promote" }],
    takesOptions: false,
    allInteger: "promote",
    call: (fn, [loss]) => fn({ a: { loss, weight: 2 } }),
  },
  {
    loss: "l1Penalty",
    args: [{ name: "weights[0]", value: pairs, integer: "promote" }],
    takesOptions: true,
    allInteger: "promote",
    numbers: { coefficient: 0.5 },
    reduces: false,
    call: (fn, [w], options) => fn([w], options),
  },
  {
    loss: "l2Penalty",
    args: [{ name: "weights[0]", value: pairs, integer: "promote" }],
    takesOptions: true,
    allInteger: "promote",
    numbers: { coefficient: 0.5 },
    reduces: false,
    call: (fn, [w], options) => fn([w], options),
  },
];

/** The names of the exported losses: every function whose name says it is one, and those PyTorch names otherwise. */
const LOSS_NAME = /Loss$|^crossEntropy$|^klDiv$|^entropy$|^weightedSum$|Penalty$|^infoNce$|^ntXent$/;
const rowName = (row: Row) => (row.variant === undefined ? row.loss : `${row.loss} (${row.variant})`);
const lossOf = (row: Row) => (losslab as unknown as Record<string, AnyLoss>)[row.loss];
const call = (row: Row, args: unknown[], options?: unknown) =>
  row.call === undefined ? lossOf(row)(...args, options) : row.call(lossOf(row), args, options);
const plainArgs = (row: Row) => row.args.map((a) => a.value);
const valuesOf = (t: tf.Tensor) => {
  const values = Array.from(t.dataSync());
  t.dispose();
  return values;
};

/** The arguments with a copy of argument `i` whose first element is replaced by `element`. */
function withElement(row: Row, i: number, element: unknown): unknown[] {
  const replace = (value: Nested): unknown => (Array.isArray(value) ? [replace(value[0]), ...value.slice(1)] : element);
  return row.args.map((a, j) => (j === i ? replace(a.value) : a.value));
}

/** "[0][0]": where withElement puts its element in argument `i`. */
function firstPosition(value: Nested): string {
  return Array.isArray(value) ? `[0]${firstPosition(value[0])}` : "";
}

/** Asserts a LossInputError about `argument` whose message matches `detail`, and no tensor left behind. */
function expectRefused(run: () => unknown, row: Row, argument: string, detail: RegExp): void {
  expectNoTensorLeft(() => expectLossInputError(run, row.loss, argument, detail));
}

/** Asserts that `run` gives the value of the call with plain arrays, and leaves only its result. */
function expectSameAsPlain(run: () => tf.Tensor, row: Row, options?: unknown): void {
  const expected = valuesOf(call(row, plainArgs(row), options));
  let actual: number[] = [];
  expectNoTensorLeft(() => {
    actual = valuesOf(run());
  });
  expectAllClose(actual, expected);
}

const BAD_ELEMENTS: [string, unknown, RegExp][] = [
  ["a string", "1", /got "1" at /],
  ["null", null, /got null at /],
  ["a boolean", true, /got true at /],
  ["undefined", undefined, /got undefined at /],
  ["an object", { value: 1 }, /got an object at /],
];
const BAD_OPTIONS_ARGUMENTS: [string, unknown, RegExp][] = [
  ["a string", "sum", /expected an options object.*got "sum"/],
  ["a number", 1, /expected an options object.*got 1/],
  ["an array", ["sum"], /expected an options object.*got an array/],
  ["a boolean", true, /expected an options object.*got true/],
];
const BAD_NUMBERS: [string, unknown, RegExp][] = [
  ["a string", "1", /got "1"$/],
  ["a boolean", true, /got true$/],
  ["NaN", NaN, /got NaN$/],
  ["Infinity", Infinity, /got Infinity$/],
  ["-Infinity", -Infinity, /got -Infinity$/],
];

/** What the table checks, one entry per row and class, for the count in the report. */
const checks = new Map<string, number>();
const count = (name: string) => checks.set(name, (checks.get(name) ?? 0) + 1);

describe.each<BackendName>(["wasm", "cpu"])("the input contract on %s", (backend) => {
  beforeAll(async () => {
    await ready(backend);
  });

  it("the table has a row for every loss exported from losslab", () => {
    const exported = Object.entries(losslab)
      .filter(([name, value]) => typeof value === "function" && LOSS_NAME.test(name))
      .map(([name]) => name);
    expect(exported.filter((name) => !ROWS.some((row) => row.loss === name))).toEqual([]);
  });

  describe.each(ROWS.map((row) => ({ name: rowName(row), row })))("$name", ({ row }) => {
    it("accepts its valid arguments as arrays, tensors and Float64Arrays alike", () => {
      const tensors = row.args.map((a) =>
        tf.tensor(a.value as number[], undefined, a.integer === "index" ? "int32" : "float32"),
      );
      expectSameAsPlain(() => call(row, tensors), row);
      tf.dispose(tensors);
      const float64 = row.args.map((a) =>
        a.integer === "index"
          ? a.value
          : Array.isArray(a.value) && Array.isArray(a.value[0])
            ? (a.value as number[][]).map((r) => Float64Array.from(r))
            : Array.isArray(a.value)
              ? Float64Array.from(a.value as number[])
              : a.value,
      );
      expectSameAsPlain(() => call(row, float64), row);
      count("valid arrays, tensors, Float64Array");
    });

    it("refuses an element that is not a number, naming the argument and the position", () => {
      row.args.forEach((a, i) => {
        for (const [, element, detail] of BAD_ELEMENTS) {
          const position = firstPosition(a.value).replace(/[[\]]/g, "\\$&");
          const pattern = new RegExp(`${detail.source}${position}|${detail.source.replace(/ at $/, "$")}`);
          expectRefused(() => call(row, withElement(row, i, element)), row, a.name, pattern);
          count(`element: ${element === null ? "null" : typeof element}`);
        }
      });
    });

    it("refuses a string tensor, naming the argument", () => {
      row.args.forEach((a, i) => {
        const shape = tf.tidy(() => tf.tensor(a.value as number[]).shape);
        const strings = tf.tensor(new Array<string>(shape.reduce((n, d) => n * d, 1)).fill("a"), shape);
        const args = row.args.map((b, j) => (j === i ? strings : b.value));
        expectRefused(() => call(row, args), row, a.name, /tensor.*, got dtype string/);
        strings.dispose();
        count("string tensor");
      });
    });

    it("refuses or promotes an int32 tensor as PyTorch does", () => {
      row.args.forEach((a, i) => {
        if (a.integer === "index") return;
        const ints = tf.tensor(a.value as number[], undefined, "int32");
        const args = row.args.map((b, j) => (j === i ? ints : b.value));
        if (a.integer === "refuse")
          expectRefused(() => call(row, args), row, a.name, /float32 tensor.*got dtype int32/);
        else expectSameAsPlain(() => call(row, args), row);
        ints.dispose();
        count(`int32 tensor (${a.integer})`);
      });
      const all = row.args.map((a) => tf.tensor(a.value as number[], undefined, "int32"));
      // Blamed: the first argument that refuses integers alone, else the first (two integer distances).
      const blamed = row.args.find((a) => a.integer === "refuse") ?? row.args[0];
      if (row.allInteger === "refuse")
        expectRefused(() => call(row, all), row, blamed.name, /float32 tensor.*got dtype int32/);
      else expectSameAsPlain(() => call(row, all), row);
      tf.dispose(all);
      count(`all int32 (${row.allInteger})`);
    });

    it.runIf(row.takesOptions)(
      "refuses an unknown option and a non-object options argument; null means the defaults",
      () => {
        expectRefused(
          () => call(row, plainArgs(row), { reducton: "sum" }),
          row,
          "options.reducton",
          /unknown option; valid keys: /,
        );
        count("unknown option key");
        if (row.snakeCase !== undefined) {
          const [snake, camel] = row.snakeCase;
          expectRefused(
            () => call(row, plainArgs(row), { [snake]: 1 }),
            row,
            `options.${snake}`,
            new RegExp(`did you mean ${camel}\\?`),
          );
          count("snake_case option key");
        }
        for (const [, options, detail] of BAD_OPTIONS_ARGUMENTS) {
          expectRefused(() => call(row, plainArgs(row), options), row, "options", detail);
          count("options not an object");
        }
        for (const options of [null, undefined]) {
          expectSameAsPlain(() => call(row, plainArgs(row), options), row, {});
          count("options null or undefined");
        }
      },
    );

    it.runIf(row.takesOptions)("checks each option's type, printing NaN and ±Infinity as such", () => {
      for (const [name, valid] of Object.entries(row.numbers ?? {})) {
        expectSameAsPlain(() => call(row, plainArgs(row), { [name]: valid }), row, { [name]: valid });
        for (const [label, bad, detail] of BAD_NUMBERS) {
          const torchValue = row.infiniteOptions?.[`${name}=${label}`];
          if (torchValue === undefined) {
            expectRefused(() => call(row, plainArgs(row), { [name]: bad }), row, name, detail);
          } else {
            expectNoTensorLeft(() =>
              expectAllClose(valuesOf(call(row, plainArgs(row), { [name]: bad })), [torchValue]),
            );
          }
          count(`number option: ${label}`);
        }
      }
      for (const name of row.flags ?? []) {
        expectRefused(
          () => call(row, plainArgs(row), { [name]: "yes" }),
          row,
          name,
          /expected true or false, got "yes"/,
        );
        expectRefused(() => call(row, plainArgs(row), { [name]: 1 }), row, name, /expected true or false, got 1/);
        count("flag option: not a boolean");
      }
      for (const [name, { value, integer }] of Object.entries(row.tensors ?? {})) {
        expectRefused(() => call(row, plainArgs(row), { [name]: "abc" }), row, name, /got "abc"/);
        expectRefused(() => call(row, plainArgs(row), { [name]: [null, 1, 2] }), row, name, /got null at \[0\]/);
        const ints = tf.tensor(value as number[], undefined, "int32");
        if (integer === "refuse") {
          expectRefused(
            () => call(row, plainArgs(row), { [name]: ints }),
            row,
            name,
            /float32 tensor.*got dtype int32/,
          );
        } else {
          expectSameAsPlain(() => call(row, plainArgs(row), { [name]: ints }), row, { [name]: value });
        }
        ints.dispose();
        count(`tensor option: not numeric, int32 (${integer})`);
      }
      if (row.reduces !== false) {
        expectRefused(() => call(row, plainArgs(row), { reduction: "avg" }), row, "reduction", /got "avg"/);
        count("reduction: unknown");
      }
    });
  });

  it("gives PyTorch's value for infinite scores, where a 0/1 mask would give Inf·0", () => {
    // torch 2.13: F.multi_margin_loss(torch.tensor([[inf,0,0],[1,2,3]]), torch.tensor([2,0])) = inf, and so on.
    const cases: [() => tf.Tensor, number][] = [
      [
        () =>
          losslab.multiMarginLoss(
            [
              [Infinity, 0, 0],
              [1, 2, 3],
            ],
            classes,
          ),
        Infinity,
      ],
      [
        () =>
          losslab.multiMarginLoss(
            [
              [0, 0, Infinity],
              [1, 2, 3],
            ],
            classes,
          ),
        0.8333333134651184,
      ],
      [
        () =>
          losslab.multiMarginLoss(
            [
              [0, 0, -Infinity],
              [1, 2, 3],
            ],
            classes,
            { p: 2 },
          ),
        Infinity,
      ],
      [
        () =>
          losslab.multilabelMarginLoss(
            [
              [Infinity, 0, 0],
              [1, 2, 3],
            ],
            [
              [2, -1, 0],
              [0, 1, -1],
            ],
          ),
        Infinity,
      ],
      [
        () =>
          losslab.multilabelMarginLoss(
            [
              [0, 0, Infinity],
              [1, 2, 3],
            ],
            [
              [2, -1, 0],
              [0, 1, -1],
            ],
          ),
        0.8333333134651184,
      ],
      [
        () =>
          losslab.crossEntropy(
            [
              [-Infinity, 0, 0],
              [1, 2, 3],
            ],
            classes,
          ),
        1.550376534461975,
      ],
    ];
    for (const [run, expected] of cases) {
      expectNoTensorLeft(() => expectAllClose(valuesOf(run()), [expected]));
      count("infinite score");
    }
  });

  it("counted its checks", () => {
    const total = [...checks.values()].reduce((a, b) => a + b, 0);
    console.log(`input contract on ${backend}: ${ROWS.length} rows, ${total} checks`);
    console.log([...checks.entries()].map(([name, n]) => `  ${name}: ${n}`).join("\n"));
    checks.clear();
    expect(total).toBeGreaterThan(0);
  });
});

it("LossInputError is what the contract throws", () => {
  expect(new LossInputError("f", "a", "b").message).toBe("f: a: b");
});
