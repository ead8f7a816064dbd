import { NOT_ASSOCIATED } from "../sources/aop-hostname.js";

/**
 * How a Cloudflare status reads to on-call (api.md §3): healthy, on its way (alert only if it
 * lingers), failed (alert now), or gone (nothing to watch).
 */
export type StatusClass = "healthy" | "transitional" | "failed" | "gone" | "missing";

/**
 * Every status value api.md §3 documents, for every resource, classified on purpose. A value
 * means the same wherever it appears, so one table serves zones, trust store, AOP, custom
 * hostnames (both `status` and `ssl.status`), custom certificates and certificate packs.
 */
export const STATUS_CLASSES: ReadonlyMap<string, StatusClass> = new Map<string, StatusClass>([
  ["active", "healthy"],
  ["active_redeploying", "healthy"],
  // Cloudflare's spare certificate for Universal SSL, ready should the primary's CA fail: normal, not stuck.
  ["backup_issued", "healthy"],

  ["initializing", "transitional"],
  ["pending", "transitional"],
  ["pending_validation", "transitional"],
  ["pending_issuance", "transitional"],
  ["pending_deployment", "transitional"],
  ["pending_cleanup", "transitional"],
  ["pending_deletion", "transitional"],
  ["pending_migration", "transitional"],
  ["pending_provisioned", "transitional"],
  ["provisioned", "transitional"],
  ["holding_deployment", "transitional"],
  ["staging_deployment", "transitional"],
  // Active on Cloudflare's staging network only: production does not serve it yet.
  ["staging_active", "transitional"],
  ["deactivating", "transitional"],
  // Warned about at once by the status rules, not after the pending grace.
  ["pending_expiration", "transitional"],
  ["test_pending", "transitional"],
  ["test_active", "transitional"],
  ["test_active_apex", "transitional"],

  ["expired", "failed"],
  ["moved", "failed"],
  ["blocked", "failed"],
  ["pending_blocked", "failed"],
  ["test_blocked", "failed"],
  ["test_failed", "failed"],
  ["initializing_timed_out", "failed"],
  ["validation_timed_out", "failed"],
  ["issuance_timed_out", "failed"],
  ["deployment_timed_out", "failed"],
  ["deletion_timed_out", "failed"],

  ["deleted", "gone"],
  // A staging certificate that is not deployed.
  ["inactive", "gone"],

  // certwatch's own: a configured hostname Cloudflare has no AOP association for.
  [NOT_ASSOCIATED, "missing"],
]);

/**
 * A value no source documents is kept as it is and treated as on its way (worth a look if it
 * persists, never a crash), except that any `*_timed_out` is a failure like the known ones.
 */
export function classifyStatus(status: string): StatusClass {
  const known = STATUS_CLASSES.get(status);
  if (known !== undefined) return known;
  return status.endsWith("_timed_out") ? "failed" : "transitional";
}
