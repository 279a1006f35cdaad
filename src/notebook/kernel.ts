/**
 * The running tslab kernel, found at call time: nothing here loads at import, so that a browser bundle of
 * losslab never meets Node's or Jupyter's modules.
 *
 * tslab's public `display` sends one MIME type per call (`display.html(s)` is `raw("text/html", s)`), and a
 * second call on the same display replaces the first. A bundle of several MIME types goes the way tslab's own
 * `display` sends its messages: through `lastWriteDisplayData` of tslab's `dist/jupyter` module, the writer the
 * kernel sets for the executing cell (`{ data, metadata, transient }`, Jupyter's display_data content).
 */

/** A MIME bundle: one representation of the same output per MIME type. */
export type MimeBundle = Record<string, unknown>;

type WriteDisplayData = (content: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => void;

interface TslabJupyterModule {
  lastWriteDisplayData: WriteDisplayData | null;
}

type Require = (id: string) => unknown;

/** The part of Node's `require` used here, typed locally so that the declarations need no @types/node. */
export interface NodeRequire {
  (id: string): unknown;
  resolve(id: string): string;
  main?: { require(id: string): unknown };
}

/** Node's `require`, looked up when called (undefined in a browser or an ES module). */
export function nodeRequire(): NodeRequire | undefined {
  return typeof require === "function" ? require : undefined;
}

/** A module loaded with Node's require when called, or undefined where it cannot be (a browser bundle's stub). */
export function nodeModule<T>(id: string): T | undefined {
  try {
    return nodeRequire()?.(id) as T | undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every copy of tslab this process may run cells with: the kernel's own (resolved from its entry point), the one
 * in the notebook's folder (where a global tslab hands over to a local one), then this package's.
 */
function tslabJupyterModules(): TslabJupyterModule[] {
  const load = nodeRequire();
  const nodeModules = nodeModule<typeof import("module")>("module");
  if (!load || !nodeModules) return [];
  const resolvers: Require[] = [];
  const main = load.main;
  if (main) resolvers.push((id) => main.require(id));
  resolvers.push(nodeModules.createRequire(`${process.cwd()}/notebook.js`), load);
  return resolvers.flatMap((resolve) => {
    try {
      return [resolve("tslab/dist/jupyter") as TslabJupyterModule];
    } catch {
      return [];
    }
  });
}

/**
 * Sends one display_data carrying every MIME type of `bundle` to the notebook of the cell that is running.
 * @throws Error when no tslab kernel is running a cell in this process.
 */
export function publishDisplay(caller: string, bundle: MimeBundle, elsewhere: string): void {
  const write = tslabJupyterModules()
    .map((module) => module.lastWriteDisplayData)
    .find((w) => w != null);
  if (!write) {
    throw new Error(
      `${caller}: no tslab kernel is running this code, so there is no notebook to display in ` +
        `(outside a notebook, ${elsewhere})`,
    );
  }
  write({ data: bundle, metadata: {}, transient: {} }, false);
}
