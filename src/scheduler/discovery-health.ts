import { failureOf, type ErrorReason } from "../cloudflare/api-error.js";

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
    lastError: failureOf(error),
  };
}
