// Choosing the tfjs backend. The backends themselves, and tfjs's gradients, register in ./register.
import * as tf from "@tensorflow/tfjs-core";
import "./register";
import { installNodeInspection } from "../notebook/inspection";

/**
 * The tfjs backends losslab registers or looks for, fastest first; `ready(name)` also takes any
 * other backend the app registered itself (webgl, webgpu, …).
 */
export type BackendName = "tensorflow" | "wasm" | "cpu" | (string & {});

export const BACKEND_PREFERENCE: readonly BackendName[] = ["tensorflow", "wasm", "cpu"];

/** The optional peer package of the native TensorFlow binding (a variable, so bundlers leave it alone). */
const NATIVE_BINDING = "@tensorflow/tfjs-node";

function runsOnNode(): boolean {
  return typeof process !== "undefined" && typeof process.versions?.node === "string";
}

/**
 * Loads the native TensorFlow binding on Node when `@tensorflow/tfjs-node` is installed (an optional
 * peer dependency: its install downloads libtensorflow, which fails on machines without that network).
 * Resolves to whether the "tensorflow" backend is now registered.
 */
async function loadNativeBinding(): Promise<boolean> {
  if (tf.findBackendFactory("tensorflow") !== null) return true;
  if (!runsOnNode()) return false;
  try {
    await import(NATIVE_BINDING);
  } catch {
    return false;
  }
  return tf.findBackendFactory("tensorflow") !== null;
}

/**
 * The backends of BACKEND_PREFERENCE that can be chosen here, fastest first, after trying to load
 * tfjs-node on Node.
 */
export async function availableBackends(): Promise<BackendName[]> {
  await loadNativeBinding();
  return BACKEND_PREFERENCE.filter((name) => tf.findBackendFactory(name) !== null);
}

/**
 * Initialises tfjs on the best backend present (tensorflow, else wasm, else cpu), or on
 * `preferred` when given (one of those, or any backend the app registered: webgl, webgpu, …),
 * and resolves to the backend's name. Await it once before any loss. In Node it also makes tensors
 * and LossInputErrors print readably (notebook/inspection.ts).
 * @throws Error when `preferred` is not registered, or fails to initialise.
 */
export async function ready(preferred?: BackendName): Promise<BackendName> {
  installNodeInspection();
  const candidates = await availableBackends();
  if (preferred !== undefined) {
    if (tf.findBackendFactory(preferred) === null) {
      throw new Error(
        `ready: backend "${preferred}" is not available here; available: ${candidates.join(", ")} ` +
          "(or import the package that registers it, such as @tensorflow/tfjs-backend-webgl, before ready)",
      );
    }
    if (!(await activate(preferred))) throw new Error(`ready: backend "${preferred}" failed to initialise`);
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
