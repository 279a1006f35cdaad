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
// Run in the package's root. `tsc -b` (tsconfig.build.json is a composite project whose build info,
// dist/.tsbuildinfo, records every input) decides whether anything changed: an added, changed or deleted
// source rewrites the build info, and only then are the bundles rebuilt (or when one is missing, or with
// --force). An unchanged tree costs tsc's up-to-date check.
//
// esbuild rather than tsc for the JavaScript: tfjs-core ships its gradients and chained ops only as
// extensionless ES modules under dist/ that Node can neither require nor import, so they are bundled
// into register.js as the @tensorflow/tfjs union package does, while every package an app shares
// (@tensorflow/tfjs-core itself, the backends, plotly, tslab) stays an import of that package.
// A bundler resolves those ES modules itself, so the browser's register module imports them: the ops
// they use are then tfjs-core's own, not a second copy.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

/** Imported by name at run time, never bundled. Subpaths of tfjs-core (its registrations) are bundled. */
const SHARED_PACKAGES = [
  "@tensorflow/tfjs-core",
  "@tensorflow/tfjs-backend-cpu",
  "@tensorflow/tfjs-backend-wasm",
  "@tensorflow/tfjs-node",
  "plotly.js-dist-min",
  "tslab",
  "fs",
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

/** The bundles this script writes, under dist/. */
const BUNDLES = ["index.js", "index.mjs", "core/register.js", "core/register.mjs", "core/register.browser.mjs"];
const BUILD_INFO = "dist/.tsbuildinfo";
const buildInfoTime = () => (existsSync(BUILD_INFO) ? statSync(BUILD_INFO).mtimeMs : null);

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const infoBefore = buildInfoTime();
execFileSync(process.execPath, [tsc, "-b", "tsconfig.build.json"], { stdio: "inherit" });
const declarationsChanged = buildInfoTime() !== infoBefore;
// Every notebook cell is type-checked against all the declarations losslab's reach: tsc keeps register.ts's
// side-effect imports in its declaration, which puts the cpu and wasm backends' 66 files (and
// @types/emscripten) into every cell's program although no losslab type comes from them. Of those imports
// only the chained ops carry types (their `declare module` augments Tensor with x.div(...) and the rest).
writeFileSync(
  "dist/core/register.d.ts",
  "// The types of register.js: the chained ops' Tensor methods. Its other imports register kernels and\n" +
    "// backends, and declare nothing.\n" +
    'import "@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops";\n',
);
rmSync("dist/core/register.d.ts.map", { force: true }); // it maps tsc's declaration, not this one
const bundlesMissing = !BUNDLES.every((bundle) => existsSync(`dist/${bundle}`));
if (!declarationsChanged && !bundlesMissing && !process.argv.includes("--force")) process.exit(0);

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
await build({
  ...common,
  format: "esm",
  packages: "external",
  entryPoints: ["src/core/register.ts"],
  outfile: "dist/core/register.browser.mjs",
});
// Types for the import condition: the same declarations, reached from an ES module.
writeFileSync("dist/index.d.mts", 'export * from "./index.js";\n');
