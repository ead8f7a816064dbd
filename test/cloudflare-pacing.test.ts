import { describe, expect, it } from "vitest";
import { RequestBudget } from "../src/cloudflare/request-budget.js";
import { backoffDelayMs, exhaustedQuotaWaitMs, isRetryableStatus, parseRetryAfterMs } from "../src/cloudflare/retry-policy.js";
import { reasonForStatus } from "../src/cloudflare/api-error.js";
import { FakeClock } from "./helpers/fake-clock.js";

const FIVE_MINUTES = 300_000;

describe("RequestBudget", () => {
  it("never lets more than max requests into any 5-minute window, and spreads the rest out", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(600, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 1500; i += 1) {
      await budget.acquire();
      sentAt.push(clock.now());
    }
    // Slide a 5-minute window over every send time.
    let maxInWindow = 0;
    let start = 0;
    for (let end = 0; end < sentAt.length; end += 1) {
      while (sentAt[end]! - sentAt[start]! >= FIVE_MINUTES) start += 1;
      maxInWindow = Math.max(maxInWindow, end - start + 1);
    }
    expect(maxInWindow).toBeLessThanOrEqual(600);
    expect(maxInWindow).toBeGreaterThanOrEqual(590);
    // A small cycle goes out at once: the first 60 requests (the burst) needed no wait.
    expect(sentAt[59]).toBe(sentAt[0]);
    // After the burst, sends are evenly spaced at 300 s / 540 ≈ 556 ms.
    expect(sentAt[61]! - sentAt[60]!).toBeGreaterThanOrEqual(555);
    expect(sentAt[61]! - sentAt[60]!).toBeLessThanOrEqual(557);
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
