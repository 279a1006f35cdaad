import * as tf from "@tensorflow/tfjs-core";
import { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import { describe, expect, it } from "vitest";
import { availableBackends, ready } from "../../src/core/backend";

describe("ready", () => {
  it("offers wasm and cpu, and picks the first available backend by default", async () => {
    const available = await availableBackends();
    expect(available).toEqual(expect.arrayContaining(["wasm", "cpu"]));
    expect(await ready()).toBe(available[0]);
    expect(tf.getBackend()).toBe(available[0]);
  });

  it("switches to a named backend", async () => {
    expect(await ready("cpu")).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
    expect(await ready("wasm")).toBe("wasm");
  });

  it("accepts a backend the app registered itself, as webgl or webgpu would be", async () => {
    const initial = tf.getBackend();
    tf.registerBackend("app-registered", () => new MathBackendCPU());
    try {
      expect(await ready("app-registered")).toBe("app-registered");
      expect(tf.getBackend()).toBe("app-registered");
    } finally {
      await ready(initial);
      tf.removeBackend("app-registered");
    }
  });

  it("names the backend it cannot find, and how to register one", async () => {
    await expect(ready("webgpu")).rejects.toThrow(/backend "webgpu" is not available here; available: .*wasm.*import/);
  });
});
