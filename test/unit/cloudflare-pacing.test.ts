import { describe, expect, it } from "vitest";
import { ARRIVAL_MARGIN_MS, RequestBudget } from "../../src/cloudflare/request-budget.js";
import { backoffDelayMs, exhaustedQuotaWaitMs, isRetryableStatus, parseRetryAfterMs } from "../../src/cloudflare/retry-policy.js";
import { reasonForStatus } from "../../src/cloudflare/api-error.js";
import { FakeClock } from "../helpers/fake-clock.js";

const FIVE_MINUTES = 300_000;

describe("RequestBudget", () => {
  /** The most send (or arrival) times that any window of `windowMs` holds. */
  function maxInWindow(times: number[], windowMs: number): number {
    const sorted = [...times].sort((a, b) => a - b);
    let most = 0;
    let start = 0;
    for (let end = 0; end < sorted.length; end += 1) {
      while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
      most = Math.max(most, end - start + 1);
    }
    return most;
  }

  async function sendTimes(maxPer5m: number, requests: number): Promise<number[]> {
    const clock = new FakeClock();
    const budget = new RequestBudget(maxPer5m, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      await budget.acquire();
      sentAt.push(clock.now());
    }
    return sentAt;
  }

  it("never lets more than max requests into any 5-minute window, and spreads the rest out", async () => {
    const sentAt = await sendTimes(600, 1500);
    expect(maxInWindow(sentAt, FIVE_MINUTES)).toBeLessThanOrEqual(600);
    expect(maxInWindow(sentAt, FIVE_MINUTES)).toBeGreaterThanOrEqual(590);
    // A small cycle goes out at once: the first 60 requests (the burst) needed no wait.
    expect(sentAt[59]).toBe(sentAt[0]);
    // After the burst, sends are evenly spaced at the full budget rate: 300 s / 600 = 500 ms.
    expect(sentAt[61]! - sentAt[60]!).toBeGreaterThanOrEqual(499);
    expect(sentAt[61]! - sentAt[60]!).toBeLessThanOrEqual(501);
  });

  it("keeps every window the server sees within budget when answers arrive late, at every accepted budget", async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (const max of [1, 7, 60, 600, 1200]) {
      const sentAt = await sendTimes(max, max * 3 + 5);
      // The server counts a request when it arrives: up to the margin after we sent it.
      const arrivals = sentAt.map((t) => t + random() * ARRIVAL_MARGIN_MS);
      expect(maxInWindow(arrivals, FIVE_MINUTES), `budget ${max}`).toBeLessThanOrEqual(max);
    }
  });

  it("runs a long sweep within 1.02x of requests / budget", async () => {
    for (const max of [600, 1200]) {
      const requests = max * 8;
      const sentAt = await sendTimes(max, requests);
      const elapsed = sentAt.at(-1)! - sentAt[0]!;
      expect(elapsed / ((requests / max) * FIVE_MINUTES), `budget ${max}`).toBeLessThanOrEqual(1.02);
    }
  });

  it("holds every request while paused", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(600, clock);
    budget.pauseUntil(clock.now() + 30_000);
    const t0 = clock.now();
    await budget.acquire();
    expect(clock.now() - t0).toBe(30_000);
  });

  it("rejects a waiter whose signal is aborted", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(600, clock);
    budget.pauseUntil(clock.now() + 30_000);
    const abort = new AbortController();
    abort.abort();
    await expect(budget.acquire(abort.signal)).rejects.toThrow();
    await expect(budget.acquire()).resolves.toBeUndefined();
  });
});

describe("retry policy", () => {
  it("retries what Cloudflare's SDK retries and nothing else", () => {
    expect([408, 409, 429, 500, 502, 503, 504].map(isRetryableStatus)).toEqual(Array(7).fill(true));
    expect([400, 401, 403, 404, 422].map(isRetryableStatus)).toEqual(Array(5).fill(false));
  });

  it("backs off exponentially with at most 25% negative jitter, capped", () => {
    const options = { baseMs: 500, maxMs: 8_000 };
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, options, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelayMs(2, options, () => 1)).toBe(1500);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-23T10:00:00Z");
    expect(parseRetryAfterMs("300", now)).toBe(300_000);
    expect(parseRetryAfterMs("1.5", now)).toBe(1_500);
    expect(parseRetryAfterMs("Mon, 23 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfterMs("garbage", now)).toBeNull();
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
  });

  it("reads an exhausted Ratelimit quota", () => {
    expect(exhaustedQuotaWaitMs('"default";r=0;t=300')).toBe(300_000);
    expect(exhaustedQuotaWaitMs('"default";r=50;t=30')).toBeNull();
    expect(exhaustedQuotaWaitMs(undefined)).toBeNull();
  });

  it("maps HTTP statuses to error reasons", () => {
    expect([401, 403, 404, 408, 429, 500, 503, 400, 422].map(reasonForStatus)).toEqual([
      "unauthorized", "forbidden", "not_found", "timeout", "rate_limited", "http_5xx", "http_5xx", "api_error", "api_error",
    ]);
  });
});
