/**
 * plotly.js for a figure's text/html fallback, read from the npm package `plotly.js-dist-min` (never a CDN),
 * and embedded once per kernel process as
 *
 *   <script data-losslab-plotly>…plotly.min.js, wrapped…</script>
 *
 * That exact opening tag marks the one element that carries plotly.js; it closes at the first `</script>` after
 * it (the library holds none). The wrapper runs the library with `define`, `module` and `exports` undefined, so
 * that a page with RequireJS (classic Notebook, nbconvert's HTML) still gets `window.Plotly`. kernel/notebooks.ts
 * moves the library out of executed copies into one shared file, loaded by a script with the same opening tag; the
 * site drops the marked element and loads its own copy.
 */
import { nodeRequire } from "./kernel";

/** The attribute that marks the one script element carrying plotly.js. */
export const PLOTLY_EMBED_ATTRIBUTE = "data-losslab-plotly";

/** How to install the optional plotly.js package, for messages. */
export const PLOTLY_INSTALL_HINT = "npm install plotly.js-dist-min";

let embedCache: string | undefined;

/**
 * The `<script data-losslab-plotly>` element carrying plotly.js.
 * @throws Error naming the package to install when plotly.js-dist-min is not installed.
 */
export function plotlyEmbed(): string {
  if (embedCache !== undefined) return embedCache;
  const load = nodeRequire();
  let source: string;
  try {
    if (!load) throw new Error("Node's require is not available here");
    const { readFileSync } = load("fs") as typeof import("fs");
    source = readFileSync(load.resolve("plotly.js-dist-min"), "utf8");
  } catch (error) {
    throw new Error(
      `plotly.js could not be read (${PLOTLY_INSTALL_HINT} to draw charts in classic Notebook and ` +
        `HTML exports): ${(error as Error).message}`,
    );
  }
  if (/<\/script|<!--/i.test(source)) {
    throw new Error("plotly.js-dist-min contains </script or <!--, so it cannot be inlined in a <script> element");
  }
  embedCache = [
    `<script ${PLOTLY_EMBED_ATTRIBUTE}>`,
    `if (typeof window.Plotly === "undefined") (function (define, module, exports) {`,
    source,
    `}).call(window);`,
    `</script>`,
  ].join("\n");
  return embedCache;
}
