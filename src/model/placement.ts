import type { TargetScope } from "./poll-target.js";

/** Where a record, a source's health or an alert sits: its target's id and name, and whether that is an account. */
export interface Placed {
  zoneId: string;
  zoneName: string;
  scope?: TargetScope;
}

/**
 * The labels that place a series or an alert. A zone's carry `zone` and `zone_id` only, as they
 * always did; an account's carry `account` and `account_id`, with the zone labels empty (to
 * Prometheus an empty label is no label, so the two never collide).
 */
export interface PlacementLabels {
  zone: string;
  zone_id: string;
  account?: string;
  account_id?: string;
}

export function placementLabels(placed: Placed): PlacementLabels {
  if (placed.scope === "account") return { zone: "", zone_id: "", account: placed.zoneName, account_id: placed.zoneId };
  return { zone: placed.zoneName, zone_id: placed.zoneId };
}

/** The same as label pairs, in exposition order. */
export function placementPairs(placed: Placed): Array<[string, string]> {
  if (placed.scope === "account") return [["zone", ""], ["zone_id", ""], ["account", placed.zoneName], ["account_id", placed.zoneId]];
  return [["zone", placed.zoneName], ["zone_id", placed.zoneId]];
}

/** "zone example.com" or "account Example Inc.": where, in words, for alert texts and logs. */
export function placementWords(placed: Placed): string {
  return `${placed.scope === "account" ? "account" : "zone"} ${placed.zoneName}`;
}

/** The target id an alert's labels name: the zone's, or the account's for an account alert. */
export function targetIdOfLabels(labels: { zone_id: string; account_id?: string }): string {
  return labels.zone_id !== "" ? labels.zone_id : (labels.account_id ?? "");
}

/** How the table, the status page and `certwatch check` name where something sits: the zone's name, or "account <name>". */
export function placementTitle(placed: Placed): string {
  return placed.scope === "account" ? `account ${placed.zoneName}` : placed.zoneName;
}

/** A poll target's placement labels, for log lines: a zone's `zone`/`zone_id`, an account's `account`/`account_id`. */
export function targetLabels(target: { id: string; name: string; scope?: TargetScope }): PlacementLabels {
  return placementLabels({ zoneId: target.id, zoneName: target.name, ...(target.scope === undefined ? {} : { scope: target.scope }) });
}
