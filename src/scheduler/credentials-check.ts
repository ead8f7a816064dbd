import type { Logger } from "pino";
import { CloudflareApiError } from "../cloudflare/api-error.js";
import type { Inventory } from "../inventory/inventory.js";

/** Cloudflare's error codes for a token it does not accept (docs/cloudflare-api.md §2; 9109 is seen on bad tokens). */
const AUTH_ERROR_CODES = new Set([9109, 10000]);
const AUTH_ERROR_TEXT = /invalid api token|authentication error/i;

/** What one poll says about the credentials: it authenticated, it was refused, or it cannot tell (5xx, network). */
export type AuthVerdict = "accepted" | "rejected" | "unknown";

export interface PollVerdict {
  zoneId: string;
  auth: AuthVerdict;
  /** The failure's message, for the summary line; null for an accepted poll. */
  message: string | null;
}

/**
 * A 401, or a 403 carrying Cloudflare's authentication error: the credentials were refused.
 * Other 403s (a product the zone lacks, code 1450 and the like) say nothing about the token.
 */
export function authVerdictOf(error: unknown): AuthVerdict {
  if (!(error instanceof CloudflareApiError)) return "unknown";
  if (error.status === 401) return "rejected";
  if (error.status === 403 && error.errors.some((e) => AUTH_ERROR_CODES.has(e.code) || AUTH_ERROR_TEXT.test(e.message))) return "rejected";
  return "unknown";
}

/**
 * After a sweep (per credential when there are several, named by `credential`): when every poll of every zone was refused, the token is the problem, said once
 * and loudly (the per-source failures are then not logged one by one). Any poll that
 * authenticated proves the credentials good. A cycle of only 5xx or network failures proves
 * nothing and leaves the last verdict standing. Returns true when the credentials were rejected.
 */
export function judgeCredentials(verdicts: PollVerdict[], inventory: Inventory, logger: Logger, credential?: string): boolean {
  if (verdicts.length === 0) return false;
  if (verdicts.every((v) => v.auth === "rejected")) {
    const zones = new Set(verdicts.map((v) => v.zoneId)).size;
    const first = verdicts[0]?.message ?? "";
    inventory.setCredentials({ valid: false, rejectedZones: zones, message: first });
    const where = zones === 1 ? "for the 1 zone" : `for all ${zones} zones`;
    const which = credential === undefined ? "the API token" : `the credentials "${credential}"`;
    logger.error({ zones, polls: verdicts.length, error: first, ...(credential === undefined ? {} : { credential }) }, `Cloudflare rejected ${which} ${where}: ${first}`);
    return true;
  }
  if (verdicts.some((v) => v.auth === "accepted")) inventory.setCredentials({ valid: true, rejectedZones: 0, message: null });
  return false;
}
