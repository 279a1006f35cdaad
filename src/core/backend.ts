import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { installNodeInspection } from "../notebook/inspection";

/** The tfjs backends losslab knows, fastest first. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

export const BACKEND_PREFERENCE: readonly BackendName[] = ["tensorflow", "wasm", "cpu"];

/**
 * Loads the native TensorFlow binding when `@tensorflow/tfjs-node` installed (it is an optional
 * dependency: its install downloads libtensorflow, which fails on machines without that network).
 * Returns whether the "tensorflow" backend is now registered.
 */
function loadNativeBinding(): boolean {
  if (tf.findBackendFactory("tensorflow") !== null) return true;
  try {
    require("@tensorflow/tfjs-node");
  } catch {
    return false;
  }
  return tf.findBackendFactory("tensorflow") !== null;
}

/** The backends that can be chosen in this process, fastest first. */
export function availableBackends(): BackendName[] {
  loadNativeBinding();
  return BACKEND_PREFERENCE.filter((name) => tf.findBackendFactory(name) !== null);
}

/**
 * Initialises tfjs on the best backend present (tensorflow, else wasm, else cpu), or on
 * `preferred` when given, and resolves to the backend's name. Await it once before any loss. In Node it also makes
 * tensors and LossInputErrors print readably (notebook/inspection.ts).
 * @throws Error when `preferred` is not available here.
 */
export async function ready(preferred?: BackendName): Promise<BackendName> {
  installNodeInspection();
  const candidates = availableBackends();
  if (preferred !== undefined) {
    if (!candidates.includes(preferred)) {
      throw new Error(
        `ready: backend "${preferred}" is not available here; available: ${candidates.join(", ")}`,
      );
    }
    await activate(preferred);
    return preferred;
  }
  for (const name of candidates) {
    if (await activate(name)) return name;
  }
  throw new Error(`ready: no tfjs backend could be initialised (tried ${candidates.join(", ")})`);
}

async function activate(name: BackendName): Promise<boolean> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok && tf.getBackend() === name;
}
