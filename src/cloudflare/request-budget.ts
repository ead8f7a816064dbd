import type { Clock } from "../clock/clock.js";

const WINDOW_MS = 5 * 60 * 1000;
/**
 * How late a request may reach Cloudflare after we count it (queueing in the kernel, a slow
 * connect). Counting over a window this much longer than Cloudflare's keeps every 5-minute
 * window it can see within the budget, at the cost of 1.7% of the rate.
 */
export const ARRIVAL_MARGIN_MS = 5_000;

/**
 * Paces requests so that no 5-minute window, as Cloudflare counts them, ever holds more than
 * `maxPer5m`.
 *
 * Two rules, both must allow a send:
 * - a log of send times: at most `maxPer5m` sends in any window of 5 minutes plus the arrival
 *   margin. This is the guarantee, whatever the timing.
 * - a token bucket of capacity `maxPer5m / 10` refilled at the full budget rate: a small cycle
 *   goes out at once, a long one is spread evenly instead of spending the whole budget in a
 *   burst and then stopping for five minutes.
 *
 * A request is counted when it is let through (right before it is sent). `pauseUntil` stops
 * every request: a 429 blocks the whole account, not one route.
 */
export class RequestBudget {
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly windowMs = WINDOW_MS + ARRIVAL_MARGIN_MS;
  private tokens: number;
  private updatedAt: number;
  /** Send times inside the current window, oldest first (a ring buffer of `maxPer5m` slots). */
  private readonly sent: number[];
  private oldest = 0;
  private count = 0;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly maxPer5m: number,
    private readonly clock: Clock,
  ) {
    this.capacity = Math.max(1, Math.floor(maxPer5m / 10));
    this.refillPerMs = maxPer5m / WINDOW_MS;
    this.tokens = this.capacity;
    this.updatedAt = clock.now();
    this.sent = new Array<number>(maxPer5m).fill(0);
  }

  /** Resolves when the caller may send one request. Callers are served in arrival order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForTurn(signal));
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

  private async waitForTurn(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      const wait = Math.max(this.pausedUntil - now, this.windowWait(now), this.bucketWait(now));
      if (wait <= 0) {
        this.tokens -= 1;
        this.record(now);
        return;
      }
      await this.clock.sleep(wait, signal);
    }
  }

  /** Milliseconds until the log has room for one more send. */
  private windowWait(now: number): number {
    while (this.count > 0 && this.sent[this.oldest]! <= now - this.windowMs) {
      this.oldest = (this.oldest + 1) % this.maxPer5m;
      this.count -= 1;
    }
    return this.count < this.maxPer5m ? 0 : this.sent[this.oldest]! + this.windowMs - now + 1;
  }

  /** Milliseconds until the bucket holds a whole token. */
  private bucketWait(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs);
    this.updatedAt = now;
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.refillPerMs);
  }

  private record(now: number): void {
    this.sent[(this.oldest + this.count) % this.maxPer5m] = now;
    this.count += 1;
  }
}
