import type { Logger } from "pino";
import type { Clock } from "../clock/clock.js";
import type { Config } from "../config/schema.js";
import { VERSION } from "../version.js";
import { CloudflareClient } from "./client.js";

/** The Cloudflare client as the config describes it: one place, for the daemon and `certwatch check`. */
export function cloudflareClientFor(
  config: Config,
  options: { logger: Logger; clock: Clock; onRequest?: (endpoint: string, code: string) => void; backoff?: { baseMs: number; maxMs: number } },
): CloudflareClient {
  return new CloudflareClient({
    baseUrl: config.cloudflare.base_url,
    auth: config.cloudflare.auth,
    timeoutMs: config.cloudflare.timeout_seconds * 1000,
    maxRetries: config.cloudflare.max_retries,
    retryAfterCapMs: config.cloudflare.retry_after_cap_seconds * 1000,
    concurrency: config.cloudflare.concurrency,
    maxRequestsPer5m: config.cloudflare.max_requests_per_5m,
    userAgent: `certwatch/${VERSION}`,
    logger: options.logger.child({ component: "cloudflare" }),
    clock: options.clock,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
}
