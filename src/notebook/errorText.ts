/**
 * A LossInputError as a notebook reader needs it: its message and the frames of the notebook's own cells, not
 * the frames inside tfjs and losslab nor the `throw ex; ^` line Node's vm adds when the error leaves tf.tidy.
 * Pure: the error's name, message and stack in, text out.
 */

/** Where tslab runs a cell: code compiled from the cell and run by Node's vm without a file name. */
const CELL_LOCATION = "evalmachine.<anonymous>";

const FRAME = /^\s+at (?:(.*) \((.*)\)|(.*))$/;

/**
 * The frames of `stack` that run a notebook cell, as `    at fn (notebook cell)`, a frame repeated next to
 * itself once; their line numbers are left out because they count lines of the compiled JavaScript, not of
 * the cell.
 */
export function cellFrames(stack: string): string[] {
  const frames = stack.split("\n").flatMap((line) => {
    const frame = FRAME.exec(line);
    if (!frame) return [];
    const [, fn, location = frame[3]] = frame;
    if (!location.startsWith(CELL_LOCATION)) return [];
    return [fn ? `    at ${fn} (notebook cell)` : "    at notebook cell"];
  });
  // tslab wraps a cell's code in functions of its own, also in the cell: their frames read alike.
  return frames.filter((frame, i) => frame !== frames[i - 1]);
}

/**
 * `Name: message` and the cell frames when the error passed through a notebook cell; else the whole stack, as
 * Node prints it, without the source line Node's vm puts before it.
 * @example errorText(error); // "LossInputError: mseLoss: target: …\n    at meanSquared (notebook cell)\n…"
 */
export function errorText({ name, message, stack = "" }: { name: string; message: string; stack?: string }): string {
  const heading = `${name}: ${message}`;
  const frames = cellFrames(stack);
  if (frames.length > 0) return [heading, ...frames].join("\n");
  const start = stack.indexOf(heading);
  return start >= 0 ? stack.slice(start) : stack || heading;
}
