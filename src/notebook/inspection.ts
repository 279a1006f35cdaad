/**
 * How a tensor and a LossInputError print in Node (a cell's value, console.log, a cell's error): through
 * `Symbol.for("nodejs.util.inspect.custom")`, which Node's util.inspect calls and which needs no Node import.
 * Installing is explicit (ready() does it in Node), never a side effect of importing losslab.
 */
import * as tf from "@tensorflow/tfjs-core";
import { LossInputError } from "../core/errors";
import { errorText } from "./errorText";
import { describeTensor } from "./tensors";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * In Node, makes util.inspect print every tf.Tensor as PyTorch does (`tensor([1.5000, 2.0000])`) and a
 * LossInputError as its message and the notebook cells it came through; elsewhere does nothing. Idempotent.
 */
export function installNodeInspection(): void {
  if (!runningInNode()) return;
  Object.defineProperty(tf.Tensor.prototype, INSPECT, {
    value: function inspectTensor(this: tf.Tensor) {
      return describeTensor(this);
    },
    configurable: true,
    writable: true,
  });
  Object.defineProperty(LossInputError.prototype, INSPECT, {
    value: function inspectLossInputError(this: LossInputError) {
      return errorText(this);
    },
    configurable: true,
    writable: true,
  });
}

/** Whether this is Node.js, where util.inspect reads the hooks above. */
export function runningInNode(): boolean {
  return typeof process !== "undefined" && typeof process.versions?.node === "string";
}
