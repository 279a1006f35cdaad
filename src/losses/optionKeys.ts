// The option-object check the losses in this folder's newer files share, until core's door takes it.
import { LossInputError } from "../core/errors";

/**
 * @throws LossInputError when `options` is not a plain object, or names a key outside `known`
 *   (an unknown option is an error, not silence: `{ gama: 2 }` would otherwise pass unnoticed).
 */
export function checkOptionKeys(fn: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new LossInputError(fn, "options", `expected an object of options, got ${JSON.stringify(options)}`);
  }
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new LossInputError(
      fn,
      "options",
      `unknown option ${JSON.stringify(unknown[0])}; the options are ${known.map((k) => `"${k}"`).join(", ")}`,
    );
  }
}
