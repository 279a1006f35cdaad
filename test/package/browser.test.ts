// losslab as a browser app gets it: the packed tarball installed into a scratch app with its peer
// dependencies, a page bundled by esbuild for the browser, served from 127.0.0.1 with the wasm
// binaries, and crossEntropy run in headless Chromium on wasm and on cpu, giving Node's value.
import { build, type Metafile } from "esbuild";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossEntropy, ready } from "../../src";
import { launchChromium, watchedPage, type Browser, type WatchedPage } from "../browser/chromium";
import { bytesUnder, scratchAppWithPackage } from "./packed";

const LOGITS = [
  [2, 0.5, -1, 0.25],
  [0.1, 0.2, 3, -2],
  [-1.5, 4, 0, 1],
];
const TARGETS = [0, 2, 1];
const OPTIONS = { labelSmoothing: 0.1 };

const PAGE_SOURCE = `
import { crossEntropy, ready, tf } from "losslab";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

setWasmPaths("/");
window.crossEntropyOn = async (backend) => {
  await ready(backend);
  const before = tf.memory().numTensors;
  const logits = tf.tensor2d(${JSON.stringify(LOGITS)});
  const loss = crossEntropy(logits, ${JSON.stringify(TARGETS)}, ${JSON.stringify(OPTIONS)});
  const value = loss.dataSync()[0];
  tf.dispose([logits, loss]);
  return { backend: tf.getBackend(), value, tensorsLeft: tf.memory().numTensors - before };
};
document.title = "ready";
`;

const MIME: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

/** A static server for `root` on 127.0.0.1, on a free port. */
async function serve(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const file = path.join(root, path.normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname)));
    const target = file.endsWith(path.sep) ? path.join(file, "index.html") : file;
    if (!target.startsWith(root) || !fs.existsSync(target)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": MIME[path.extname(target)] ?? "application/octet-stream" });
    fs.createReadStream(target).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Node's crossEntropy on `backend`, returning to the backend the suite started on. */
async function nodeValue(backend: string): Promise<number> {
  const initial = tf.getBackend();
  await ready(backend);
  try {
    const loss = crossEntropy(LOGITS, TARGETS, OPTIONS);
    const [value] = loss.dataSync();
    loss.dispose();
    return value;
  } finally {
    await ready(initial);
  }
}

let app: string;
let publicDir: string;
let metafile: Metafile;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: WatchedPage;

beforeAll(async () => {
  ({ dir: app } = scratchAppWithPackage());
  const installed = bytesUnder(path.join(app, "node_modules")) / 2 ** 20;
  console.log(`[package] the packed losslab installed with its peers: node_modules ${installed.toFixed(1)} MiB`);
  publicDir = path.join(app, "public");
  fs.mkdirSync(publicDir);
  fs.writeFileSync(path.join(app, "page.js"), PAGE_SOURCE);
  const html = '<!doctype html><link rel="icon" href="data:,"><title>loading</title><script src="page.js"></script>';
  fs.writeFileSync(path.join(publicDir, "index.html"), html);
  const wasmDir = path.join(app, "node_modules/@tensorflow/tfjs-backend-wasm/dist");
  for (const name of fs.readdirSync(wasmDir).filter((n) => n.endsWith(".wasm"))) {
    fs.copyFileSync(path.join(wasmDir, name), path.join(publicDir, name));
  }
  ({ metafile } = await build({
    absWorkingDir: app,
    entryPoints: ["page.js"],
    outfile: "public/page.js",
    bundle: true,
    platform: "browser",
    minify: true,
    metafile: true,
    logLevel: "silent",
  }));
  const bundle = fs.readFileSync(path.join(publicDir, "page.js"));
  console.log(
    `[package] browser bundle: ${(bundle.length / 1024).toFixed(0)} KiB minified, ` +
      `${(gzipSync(bundle, { level: 9 }).length / 1024).toFixed(0)} KiB gzipped`,
  );
  server = await serve(publicDir);
  browser = await launchChromium();
  page = await watchedPage(browser);
  await page.page.goto(server.url);
  await page.page.waitForFunction(() => document.title === "ready", undefined, { timeout: 30_000 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (app) fs.rmSync(app, { recursive: true, force: true });
});

describe("losslab in a browser bundle", () => {
  it("bundles tfjs-core and the cpu and wasm backends, and nothing Node-only or of the rest of tfjs", () => {
    const packageOf = (input: string) => input.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1];
    const packages = new Set(Object.keys(metafile.inputs).map(packageOf));
    expect([...packages].filter(Boolean)).toEqual(
      expect.arrayContaining([
        "losslab",
        "@tensorflow/tfjs-core",
        "@tensorflow/tfjs-backend-cpu",
        "@tensorflow/tfjs-backend-wasm",
      ]),
    );
    const rest = [
      "@tensorflow/tfjs",
      "@tensorflow/tfjs-layers",
      "@tensorflow/tfjs-converter",
      "@tensorflow/tfjs-data",
      "@tensorflow/tfjs-backend-webgl",
      "@tensorflow/tfjs-node",
      "plotly.js-dist-min",
      "tslab",
    ];
    for (const unwanted of rest) {
      expect(packages.has(unwanted), unwanted).toBe(false);
    }
  });

  it.each(["wasm", "cpu"])("gives Node's crossEntropy on %s, leaving no tensor behind", async (backend) => {
    const result = await page.page.evaluate(
      (name) =>
        (
          window as never as {
            crossEntropyOn(b: string): Promise<{ backend: string; value: number; tensorsLeft: number }>;
          }
        ).crossEntropyOn(name),
      backend,
    );
    expect(result.backend).toBe(backend);
    expect(result.value).toBeCloseTo(await nodeValue(backend), 6);
    expect(result.tensorsLeft).toBe(0);
  });

  it("loads with no error and no request beyond 127.0.0.1", () => {
    expect(page.errors).toEqual([]);
    expect(page.requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
  });
});
