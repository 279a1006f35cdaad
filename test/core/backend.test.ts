import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { availableBackends, ready } from "../../src/core/backend";

describe("ready", () => {
  it("offers wasm and cpu, and picks the first available backend by default", async () => {
    const available = availableBackends();
    expect(available).toEqual(expect.arrayContaining(["wasm", "cpu"]));
    expect(await ready()).toBe(available[0]);
    expect(tf.getBackend()).toBe(available[0]);
  });

  it("switches to a named backend", async () => {
    expect(await ready("cpu")).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
    expect(await ready("wasm")).toBe("wasm");
  });

  it("names the backend it cannot find", async () => {
    await expect(ready("nonexistent" as never)).rejects.toThrow(/backend "nonexistent" is not available/);
  });
});
