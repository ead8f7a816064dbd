import { describe, expect, it } from "vitest";
import { collectableMemory, releaseSweepHeap, SweepHeapGuard } from "../../src/scheduler/release-heap.js";

describe("releaseSweepHeap", () => {
  it("does nothing when the heap did not grow over the sweep", () => {
    expect(releaseSweepHeap(collectableMemory())).toBe(false);
  });

  it("runs a collection when the heap grew by the threshold", () => {
    expect(releaseSweepHeap(0, 0)).toBe(true);
    // A second call works the same (the collector is obtained once).
    expect(releaseSweepHeap(0, 0)).toBe(true);
  });
});

describe("SweepHeapGuard", () => {
  it("stops watching when finished, giving back nothing when the heap did not grow", () => {
    const guard = new SweepHeapGuard();
    expect(guard.finish()).toBe(false);
  });
});
