// Cloudflare's Ratelimit / Ratelimit-Policy headers (docs/cloudflare-api.md §5), counted for real over a fixed
// window so a daemon that paces itself on `r` sees the number fall. Nothing is enforced here:
// a 429 only ever comes from an injected fault, which keeps tests deterministic.

const QUOTA = 1200;
const WINDOW_SECONDS = 300;

export class RateLimitWindow {
  private windowStart = 0;
  private used = 0;

  /** `quota`: requests per window; a benchmark that compresses time raises it with the daemon's budget. */
  constructor(private readonly quota: number = QUOTA) {}

  /** Counts one request and returns the headers to send with its answer. */
  record(nowMs: number): Record<string, string> {
    if (nowMs - this.windowStart >= WINDOW_SECONDS * 1000) {
      this.windowStart = nowMs;
      this.used = 0;
    }
    this.used += 1;
    const remaining = Math.max(0, this.quota - this.used);
    const resetSeconds = Math.ceil((this.windowStart + WINDOW_SECONDS * 1000 - nowMs) / 1000);
    return rateLimitHeaders(remaining, resetSeconds, this.quota);
  }
}

export function rateLimitHeaders(remaining: number, resetSeconds: number, quota: number = QUOTA): Record<string, string> {
  return {
    ratelimit: `"default";r=${remaining};t=${resetSeconds}`,
    "ratelimit-policy": `"default";q=${quota};w=${WINDOW_SECONDS}`,
  };
}
