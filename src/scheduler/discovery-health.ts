import { CloudflareApiError, type ErrorReason } from "../cloudflare/api-error.js";

/** How zone discovery's `GET /zones` listing went, like a source's health (src/inventory/inventory.ts). */
export interface DiscoveryHealth {
  up: boolean;
  lastSuccessAt: number | null;
  lastAttemptAt: number;
  /** When the current run of failed listings began; null while up. */
  failingSince: number | null;
  lastError: { reason: ErrorReason; message: string } | null;
}

export function discoverySucceeded(now: number): DiscoveryHealth {
  return { up: true, lastSuccessAt: now, lastAttemptAt: now, failingSince: null, lastError: null };
}

export function discoveryFailed(previous: DiscoveryHealth | null, error: unknown, now: number): DiscoveryHealth {
  return {
    up: false,
    lastSuccessAt: previous?.lastSuccessAt ?? null,
    lastAttemptAt: now,
    failingSince: previous?.failingSince ?? now,
    lastError: describeError(error),
  };
}

function describeError(error: unknown): { reason: ErrorReason; message: string } {
  if (error instanceof CloudflareApiError) return { reason: error.reason, message: error.message };
  // Anything else is an answer the listing did not expect, as in the poll cycle.
  return { reason: "invalid_response", message: error instanceof Error ? error.message : String(error) };
}
