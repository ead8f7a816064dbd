import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { linkedSignal } from "./linked-signal.js";

describe("linkedSignal", () => {
  it("aborts with the reason of the source that aborts", () => {
    const a = new AbortController();
    const b = new AbortController();
    const { signal } = linkedSignal([a.signal, b.signal]);
    expect(signal.aborted).toBe(false);
    b.abort("b went");
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe("b went");
    a.abort("a went");
    expect(signal.reason).toBe("b went");
  });

  it("is aborted at once when a source already is", () => {
    const a = new AbortController();
    const b = new AbortController();
    b.abort("early");
    const { signal } = linkedSignal([a.signal, b.signal]);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe("early");
    expect(getEventListeners(a.signal, "abort")).toHaveLength(0);
  });

  it("leaves nothing on its sources once disposed, and no longer follows them", () => {
    const long = new AbortController();
    for (let i = 0; i < 100; i += 1) linkedSignal([long.signal]).dispose();
    const { signal, dispose } = linkedSignal([long.signal]);
    expect(getEventListeners(long.signal, "abort")).toHaveLength(1);
    dispose();
    dispose();
    expect(getEventListeners(long.signal, "abort")).toHaveLength(0);
    long.abort("late");
    expect(signal.aborted).toBe(false);
  });

  it("lets go of every source when one aborts", () => {
    const a = new AbortController();
    const b = new AbortController();
    linkedSignal([a.signal, b.signal]);
    a.abort();
    expect(getEventListeners(b.signal, "abort")).toHaveLength(0);
  });

  it("follows a timeout signal", async () => {
    const { signal } = linkedSignal([new AbortController().signal, AbortSignal.timeout(1)]);
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
    expect((signal.reason as Error).name).toBe("TimeoutError");
  });
});
