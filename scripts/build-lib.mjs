// Builds dist/: the library as one CommonJS and one ES module bundle, plus tsc's declarations.
//
//   dist/index.js, dist/index.mjs                   the public API (CommonJS for tslab and require, ESM for
//                                                   import and bundlers); no side effects of their own
//   dist/core/register.js, dist/core/register.mjs   the one module with side effects (src/core/register.ts):
//                                                   registers tfjs's gradients, chained ops and the cpu and
//                                                   wasm backends; the bundles above import it
//   dist/core/register.browser.mjs                  the same for bundlers (package.json's "browser" map):
//                                                   imports tfjs-core's registrations instead of a copy
//   dist/**/*.d.ts, dist/index.d.mts                declarations (tsc), the same for both builds
//
// esbuild rather than tsc for the JavaScript: tfjs-core ships its gradients and chained ops only as
// extensionless ES modules under dist/ that Node can neither require nor import, so they are bundled
// into register.js as the @tensorflow/tfjs union package does, while every package an app shares
// (@tensorflow/tfjs-core itself, the backends, plotly, tslab) stays an import of that package.
// A bundler resolves those ES modules itself, so the browser's register module imports them: the ops
// they use are then tfjs-core's own, not a second copy.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));

/** Imported by name at run time, never bundled. Subpaths of tfjs-core (its registrations) are bundled. */
const SHARED_PACKAGES = [
  "@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-cpu", "@tensorflow/tfjs-backend-wasm", "@tensorflow/tfjs-node",
  "plotly.js-dist-min", "tslab", "fs",
];
const SHARED = new RegExp(`^(${SHARED_PACKAGES.map((name) => name.replace(/[.]/g, "\\.")).join("|")}|node:.*)$`);

/** @param {string} extension @returns {import("esbuild").Plugin} */
function externals(extension) {
  return {
    name: "losslab-externals",
    setup(build) {
      build.onResolve({ filter: SHARED }, ({ path }) => ({ path, external: true }));
      // The public API reaches the side-effect module as a file of its own, beside it in dist/core/.
      build.onResolve({ filter: /^\.\/register$/ }, ({ importer }) =>
        importer.endsWith("backend.ts") ? { path: `./core/register${extension}`, external: true } : undefined,
      );
    },
  };
}

const common = {
  bundle: true,
  platform: "neutral",
  target: "es2021",
  sourcemap: true,
  sourcesContent: false, // the maps point into src/, which the package ships
  logLevel: "warning",
};
const formats = [
  { format: "cjs", extension: ".js" },
  { format: "esm", extension: ".mjs" },
];

rmSync("dist", { recursive: true, force: true });
for (const { format, extension } of formats) {
  await build({
    ...common,
    format,
    entryPoints: { index: "src/index.ts", "core/register": "src/core/register.ts" },
    outdir: "dist",
    outExtension: { ".js": extension },
    plugins: [externals(extension)],
  });
}
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
await build({
  ...common,
  format: "esm",
  packages: "external",
  entryPoints: ["src/core/register.ts"],
  outfile: "dist/core/register.browser.mjs",
});
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
// Types for the import condition: the same declarations, reached from an ES module.
writeFileSync("dist/index.d.mts", 'export * from "./index.js";\n');
