/** Statuses Cloudflare's own SDK retries: request timeout, conflict, rate limit, every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Exponential backoff with up to 25% negative jitter, as the official SDK does. */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(options.baseMs * 2 ** attempt, options.maxMs);
  return Math.round(exponential * (1 - 0.25 * random()));
}

/** Reads `Retry-After` (seconds or an HTTP date); returns milliseconds from `now`, or null. */
export function parseRetryAfterMs(header: string | undefined, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/**
 * Reads Cloudflare's `Ratelimit: "default";r=50;t=30` header. Returns the wait in milliseconds
 * when the quota is spent (r = 0), else null.
 */
export function exhaustedQuotaWaitMs(header: string | undefined): number | null {
  if (!header) return null;
  const remaining = /(?:^|;)\s*r=(\d+)/.exec(header);
  const reset = /(?:^|;)\s*t=(\d+)/.exec(header);
  if (!remaining?.[1] || !reset?.[1]) return null;
  return Number(remaining[1]) === 0 ? Number(reset[1]) * 1000 : null;
}
