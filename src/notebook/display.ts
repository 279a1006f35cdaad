/**
 * display(value): a value shown in the notebook the way a reader wants it. A tensor is one display with its
 * PyTorch-style text (text/plain) and, for rank 2 or less, a table (text/html); a figure is shown as show() does;
 * any other value as Node prints it.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Figure } from "../plot/figure";
import { type MimeBundle, nodeModule, publishDisplay } from "./kernel";
import { show } from "./show";
import { describeTensor, tensorHtml } from "./tensors";

/** The MIME bundle of a tensor: text/plain as PyTorch prints it, text/html a table (or that text, preformatted). */
export function tensorBundle(tensor: tf.Tensor): MimeBundle {
  return { "text/plain": describeTensor(tensor), "text/html": tensorHtml(tensor) };
}

function isFigure(value: unknown): value is Figure {
  const candidate = value as Partial<Figure> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    Array.isArray(candidate.data) &&
    typeof candidate.layout === "object" &&
    candidate.layout !== null
  );
}

function plainText(value: unknown): string {
  if (typeof value === "string") return value;
  const util = nodeModule<typeof import("util")>("util");
  return util ? util.inspect(value) : String(value);
}

/**
 * Shows `value` in the running tslab notebook: a tf.Tensor as text and a table, a figure as a chart, anything
 * else as text. Creates no tensor.
 * @example display(tf.tensor2d([[1.5, 2], [3, 4]])); // a 2×2 table; as text tensor([[1.5000, 2.0000], …
 * @throws Error when no tslab kernel is running this code.
 */
export function display(value: unknown): void {
  if (isFigure(value)) return show(value);
  const bundle = value instanceof tf.Tensor ? tensorBundle(value) : { "text/plain": plainText(value) };
  publishDisplay("display", bundle, "console.log(value) prints it");
}
