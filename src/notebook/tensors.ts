/**
 * tfjs tensors as a reader wants them in a notebook: PyTorch's text (tensorText.ts), and an HTML table for
 * tensors of rank 2 or less. Reading a tensor's values creates no tensor.
 */
import type * as tf from "@tensorflow/tfjs-core";
import { disposedTensorText, type GridCell, pythonSize, tensorGrid, tensorText } from "./tensorText";

function contentsOf(tensor: tf.Tensor) {
  return { values: tensor.dataSync() as ArrayLike<number> | string[], shape: tensor.shape, dtype: tensor.dtype };
}

/**
 * The tensor as PyTorch prints it: `tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])`, `tensor(0.1755)`,
 * `tensor([0, 2], dtype=int32)`. A disposed tensor says so; complex64 keeps tfjs's own text.
 * @example describeTensor(tf.scalar(0.17551)); // "tensor(0.1755)"
 */
export function describeTensor(tensor: tf.Tensor): string {
  if (tensor.isDisposed) return disposedTensorText(tensor.shape, tensor.dtype);
  if (tensor.dtype === "complex64") return tensor.toString();
  return tensorText(contentsOf(tensor));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const GAP_TEXT: Record<"row" | "column" | "both", string> = { row: "⋮", column: "…", both: "⋱" };

function cellHtml(cell: GridCell): string {
  return "value" in cell ? `<td>${escapeHtml(cell.value)}</td>` : `<td class="gap">${GAP_TEXT[cell.gap]}</td>`;
}

/**
 * An HTML table of a tensor of rank 0, 1 or 2 (summarised as the text is), under a line with its size and dtype;
 * for other tensors, the text in a `<pre>`.
 */
export function tensorHtml(tensor: tf.Tensor): string {
  if (tensor.isDisposed || tensor.rank > 2 || tensor.dtype === "complex64") {
    return `<pre class="losslab-tensor">${escapeHtml(describeTensor(tensor))}</pre>`;
  }
  const rows = tensorGrid(contentsOf(tensor))
    .map((cells) => `<tr>${cells.map(cellHtml).join("")}</tr>`)
    .join("\n");
  // A heading line rather than a <caption>, which would wrap to the width of a narrow table.
  return [
    `<div class="losslab-tensor">`,
    `<div>tensor of size ${pythonSize(tensor.shape)}, dtype ${tensor.dtype}</div>`,
    `<table style="font-family: monospace; text-align: right;">`,
    `<tbody>\n${rows}\n</tbody>`,
    `</table>`,
    `</div>`,
  ].join("\n");
}
