import { NOT_ASSOCIATED } from "../sources/aop-hostname.js";

/**
 * How a Cloudflare status reads to on-call (api.md §3): healthy, on its way (alert only if it
 * lingers), failed (alert now), or gone (nothing to watch). Unknown values are kept as they are
 * and treated like a transitional state: worth a look if they persist, never a crash.
 */
export type StatusClass = "healthy" | "transitional" | "failed" | "gone" | "missing";

const HEALTHY = new Set(["active", "active_redeploying"]);
const GONE = new Set(["deleted", "inactive"]);
const FAILED = new Set(["expired", "moved", "blocked", "pending_blocked", "test_blocked", "test_failed"]);

export function classifyStatus(status: string): StatusClass {
  if (HEALTHY.has(status)) return "healthy";
  if (GONE.has(status)) return "gone";
  if (status === NOT_ASSOCIATED) return "missing";
  if (FAILED.has(status) || status.endsWith("_timed_out")) return "failed";
  return "transitional";
}
