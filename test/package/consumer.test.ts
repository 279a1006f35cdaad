// The packed tarball as a Node app uses it: imported from an ES module and required from CommonJS
// (each giving the value losslab gives here), and type-checked by tsc under each module resolution.
// The scripts use a chained op (loss.neg()): tfjs-core registers and declares those only on request.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mseLoss } from "../../src";
import { scratchAppWithPackage } from "./packed";

const tsc = require.resolve("typescript/bin/tsc");

const ESM = `import { ready, mseLoss, tf } from "losslab";
const backend: string = await ready("cpu");
const loss: tf.Tensor = mseLoss([[1, 2], [3, 5]], [[1, 4], [2, 2]], { reduction: "sum" });
const gradient = tf.grad((x: tf.Tensor) => mseLoss(x, [1, 4]) as tf.Scalar)(tf.tensor1d([1, 2]));
const value = loss.neg().neg().dataSync()[0];
console.log(JSON.stringify({ backend, value, gradient: Array.from(gradient.dataSync()) }));
`;
const CJS = `import { ready, mseLoss, tf } from "losslab";
async function main(): Promise<void> {
  const backend: string = await ready("wasm");
  const loss: tf.Tensor = mseLoss([[1, 2], [3, 5]], [[1, 4], [2, 2]], { reduction: "sum" });
  const gradient = tf.grad((x: tf.Tensor) => mseLoss(x, [1, 4]) as tf.Scalar)(tf.tensor1d([1, 2]));
  const value = loss.neg().neg().dataSync()[0];
  console.log(JSON.stringify({ backend, value, gradient: Array.from(gradient.dataSync()) }));
}
main();
`;

let app: string;

function run(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: app, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** tsc's diagnostics for `files` under the given module settings; empty when they type-check. */
function typeErrors(module: string, moduleResolution: string, files: string[], emit = false): string {
  const flags = ["--module", module, "--moduleResolution", moduleResolution, "--target", "es2022", "--strict"];
  try {
    run([tsc, ...flags, ...(emit ? ["--outDir", "out"] : ["--noEmit"]), ...files]);
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

beforeAll(() => {
  ({ dir: app } = scratchAppWithPackage());
  fs.writeFileSync(path.join(app, "esm.mts"), ESM);
  fs.writeFileSync(path.join(app, "cjs.cts"), CJS);
  fs.writeFileSync(path.join(app, "bundler.ts"), ESM);
  fs.writeFileSync(path.join(app, "node10.ts"), CJS);
}, 300_000);

afterAll(() => {
  if (app) fs.rmSync(app, { recursive: true, force: true });
});

describe("the packed package in a Node app", () => {
  it("type-checks under nodenext (ESM and CommonJS), bundler and node10 resolution", () => {
    expect(typeErrors("nodenext", "nodenext", ["esm.mts", "cjs.cts"], true)).toBe("");
    expect(typeErrors("esnext", "bundler", ["bundler.ts"])).toBe("");
    expect(typeErrors("commonjs", "node10", ["node10.ts"])).toBe("");
  }, 240_000);

  it("gives losslab's value and gradient imported from an ES module and required from CommonJS", () => {
    const expected = mseLoss(
      [
        [1, 2],
        [3, 5],
      ],
      [
        [1, 4],
        [2, 2],
      ],
      { reduction: "sum" },
    );
    const value = expected.dataSync()[0];
    expected.dispose();
    const last = (output: string) => JSON.parse(output.trim().split("\n").at(-1) as string);
    // d/dx mean((x − y)²) = 2(x − y)/n: [2·0/2, 2·(2 − 4)/2] = [0, −2]
    expect(last(run(["out/esm.mjs"]))).toEqual({ backend: "cpu", value, gradient: [0, -2] });
    expect(last(run(["out/cjs.cjs"]))).toEqual({ backend: "wasm", value, gradient: [0, -2] });
  });

  it("picks @tensorflow/tfjs-node's backend when that optional peer is installed, from ESM and CommonJS", () => {
    // tfjs-node cannot install here (its install downloads libtensorflow): a stand-in registers its backend name.
    const standIn = path.join(app, "node_modules/@tensorflow/tfjs-node");
    fs.mkdirSync(standIn, { recursive: true });
    const manifest = { name: "@tensorflow/tfjs-node", main: "index.js" };
    fs.writeFileSync(path.join(standIn, "package.json"), JSON.stringify(manifest));
    fs.writeFileSync(
      path.join(standIn, "index.js"),
      `const tf = require("@tensorflow/tfjs-core");
const { MathBackendCPU } = require("@tensorflow/tfjs-backend-cpu");
tf.registerBackend("tensorflow", () => new MathBackendCPU(), 3);
`,
    );
    const readyThen = "ready().then((backend) => console.log(backend))";
    expect(
      run(["-e", `require("losslab").${readyThen}`])
        .trim()
        .split("\n")
        .at(-1),
    ).toBe("tensorflow");
    const esm = run(["--input-type=module", "-e", `import { ready } from "losslab"; ${readyThen}`]);
    expect(esm.trim().split("\n").at(-1)).toBe("tensorflow");
  });
});
