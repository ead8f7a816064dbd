import { setImmediate as nextTurn } from "node:timers/promises";

/** Long enough to amortize a turn of the event loop, short enough that /healthz never waits long. */
export const DEFAULT_SLICE_MS = 10;

/**
 * Cooperative time-slicing for long synchronous work such as parsing thousands of certificates:
 * call `checkpoint()` between units of work and it hands the event loop a turn once the current
 * slice has run for its budget, so timers and HTTP requests are served while the work goes on.
 */
export class TimeSlice {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs: number = DEFAULT_SLICE_MS) {}

  async checkpoint(): Promise<void> {
    if (performance.now() - this.sliceStart < this.budgetMs) return;
    await nextTurn();
    this.sliceStart = performance.now();
  }
}
