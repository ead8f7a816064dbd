import { STORES } from "./registry.js";
import type { StatusClass } from "./store.js";

export type { StatusClass } from "./store.js";

/**
 * The values that mean the same wherever they appear: those more than one store documents, and
 * the zone statuses. A value only one store has is classed in that store's module instead.
 */
export const COMMON_STATUS_CLASSES: ReadonlyMap<string, StatusClass> = new Map<string, StatusClass>([
  ["active", "healthy"],
  // Cloudflare's spare certificate for Universal SSL, ready should the primary's CA fail: normal, not stuck.
  ["backup_issued", "healthy"],

  ["initializing", "transitional"],
  ["pending", "transitional"],
  ["pending_validation", "transitional"],
  ["pending_issuance", "transitional"],
  ["pending_deployment", "transitional"],
  ["pending_cleanup", "transitional"],
  ["pending_deletion", "transitional"],
  ["holding_deployment", "transitional"],
  ["staging_deployment", "transitional"],
  // Active on Cloudflare's staging network only: production does not serve it yet.
  ["staging_active", "transitional"],
  ["deactivating", "transitional"],
  // Warned about at once by the status rules, not after the pending grace.
  ["pending_expiration", "transitional"],

  ["expired", "failed"],
  ["moved", "failed"],
  ["initializing_timed_out", "failed"],
  ["validation_timed_out", "failed"],
  ["issuance_timed_out", "failed"],
  ["deployment_timed_out", "failed"],
  ["deletion_timed_out", "failed"],

  ["deleted", "gone"],
  // A staging certificate that is not deployed.
  ["inactive", "gone"],
]);

/** The common table plus every registered store's own values; a store contradicting another is a bug caught at load. */
function collectStatusClasses(): ReadonlyMap<string, StatusClass> {
  const classes = new Map(COMMON_STATUS_CLASSES);
  for (const store of STORES) {
    for (const [status, statusClass] of Object.entries(store.statuses.own ?? {})) {
      const known = classes.get(status);
      if (known !== undefined && known !== statusClass) {
        throw new Error(`store ${store.name} classes status "${status}" as ${statusClass}, but it is already ${known}`);
      }
      classes.set(status, statusClass);
    }
  }
  return classes;
}

/** Every status value a store documents, classified on purpose. */
export const STATUS_CLASSES: ReadonlyMap<string, StatusClass> = collectStatusClasses();

/**
 * The one answer to "what class is this status", for the rules, the sweep and the status page.
 * A value no store documents is kept as it is and treated as on its way (worth a look if it
 * persists, never a crash), except that any `*_timed_out` is a failure like the known ones.
 */
export function classifyStatus(status: string): StatusClass {
  const known = STATUS_CLASSES.get(status);
  if (known !== undefined) return known;
  return status.endsWith("_timed_out") ? "failed" : "transitional";
}

/** A record whose object Cloudflare has deleted or never deployed: nothing to watch, nothing to alert on. */
export function isGoneStatus(status: string | null): boolean {
  return status !== null && classifyStatus(status) === "gone";
}
