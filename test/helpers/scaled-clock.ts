import { setTimeout as delay } from "node:timers/promises";
import type { Clock } from "../../src/clock/clock.js";

/**
 * Real time, sped up `factor` times: a 5-minute window passes in 300 / factor seconds, while
 * sockets and a server's delays still take the real time they take (each real ms counts as
 * `factor` ms). Unlike FakeClock, a request in flight does not see the clock jump ahead.
 */
export class ScaledClock implements Clock {
  private readonly realStart = performance.now();

  constructor(
    private readonly factor: number,
    private readonly start = 1_700_000_000_000,
  ) {}

  now(): number {
    return this.start + (performance.now() - this.realStart) * this.factor;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0) return;
    await delay(ms / this.factor, undefined, signal ? { signal } : undefined);
  }
}
