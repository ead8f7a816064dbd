import { classifyStatus, isGoneStatus, type StatusClass } from "../stores/status-class.js";
import { evaluateExpiry, type Thresholds } from "../evaluate/expiry.js";
import type { CertificateRecord } from "../model/index.js";
import type { SourceHealth } from "../inventory/inventory.js";

/** Statuses worth a fresh look every tick: on their way somewhere, broken, or missing. */
const WATCHED_CLASSES: ReadonlySet<StatusClass> = new Set<StatusClass>(["transitional", "failed", "missing"]);

/**
 * Whether a (zone, source) pair is refreshed every tick rather than in its round-robin turn: its
 * last poll failed, or it holds something in flight or broken (by the status rules' classes), or
 * a certificate inside warning_days (by the expiry rule's bands). The rules themselves stay where
 * they are; this only asks them.
 */
export function needsEveryTick(health: SourceHealth, records: readonly CertificateRecord[], thresholds: Thresholds, now: number): boolean {
  if (!health.up) return true;
  return records.some((record) => {
    if (isGoneStatus(record.status)) return false;
    if (record.status !== null && WATCHED_CLASSES.has(classifyStatus(record.status))) return true;
    const hostnameStatus = record.attributes.hostname_status;
    if (typeof hostnameStatus === "string" && WATCHED_CLASSES.has(classifyStatus(hostnameStatus))) return true;
    const severity = evaluateExpiry(record, thresholds, now).severity;
    return severity === "warning" || severity === "critical";
  });
}
