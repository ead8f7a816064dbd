import { targetIdOfLabels } from "../model/index.js";
import type { Alert } from "./alert.js";

/**
 * The alerts with the configured labels of their zone added after certwatch's own. The
 * fingerprint stays: it is computed from the built-in labels, so adding or changing a label
 * is the same alert with new labels, not a resolve and a new alert.
 */
export function withLabels(alerts: readonly Alert[], labels: Readonly<Record<string, string>> | undefined): Alert[] {
  if (!labels || Object.keys(labels).length === 0) return [...alerts];
  return alerts.map((alert) => ({ ...alert, labels: { ...alert.labels, ...labels } }));
}

/** Every alert with its zone's labels; an alert of no watched zone (account-wide) gets the global ones. */
export function withZoneLabels(alerts: readonly Alert[], zones: ReadonlyArray<{ id: string; labels?: Record<string, string> }>, global: Record<string, string>): Alert[] {
  const byZone = new Map(zones.map((zone) => [zone.id, zone.labels]));
  return alerts.flatMap((alert) => withLabels([alert], byZone.has(targetIdOfLabels(alert.labels)) ? byZone.get(targetIdOfLabels(alert.labels)) : global));
}
