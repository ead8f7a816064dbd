import type { Clock } from "../clock/clock.js";

const WINDOW_MS = 5 * 60 * 1000;

/**
 * Paces requests so that no 5-minute window ever holds more than `maxPer5m` of them.
 *
 * A token bucket of capacity C refilled at (maxPer5m - C) per 5 minutes admits at most
 * C + (maxPer5m - C) = maxPer5m requests in any window, while letting a small cycle go out at
 * once and spreading a long one evenly. `pauseUntil` stops every request (a 429 blocks the
 * whole account, not one route).
 */
export class RequestBudget {
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    maxPer5m: number,
    private readonly clock: Clock,
  ) {
    this.capacity = Math.max(1, Math.floor(maxPer5m / 10));
    this.refillPerMs = Math.max(maxPer5m - this.capacity, 1) / WINDOW_MS;
    this.tokens = this.capacity;
    this.updatedAt = clock.now();
  }

  /** Resolves when the caller may send one request. Callers are served in arrival order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken(signal));
    // A cancelled waiter must not block those behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  /** When a request could go out next, for logs and tests. */
  get pausedUntilMs(): number {
    return this.pausedUntil;
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now, signal);
        continue;
      }
      this.refill(now);
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil((1 - this.tokens) / this.refillPerMs), signal);
    }
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs);
    this.updatedAt = now;
  }
}
