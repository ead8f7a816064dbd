import type { ZoneConfig } from "../config/schema.js";
import type { Inventory } from "../inventory/inventory.js";
import type { Source } from "../stores/source.js";
import { restingUnavailable } from "./poll-one.js";
import type { ZoneWork } from "./sweep.js";

/** The sources a zone's config lets run, that apply to it, and that are not resting after a 403. */
export function sourcesFor(zone: ZoneConfig, sources: readonly Source[], inventory: Inventory, now: number): Source[] {
  return sources.filter((source) => zone.sources.includes(source.name) && (source.appliesTo?.(zone) ?? true) && !restingUnavailable(inventory, zone, source, now));
}

/**
 * Every source of every polled zone. A zone still known but not polled (discovery missed it
 * once) is listed with no source: its alerts are judged without reading anything.
 */
export function fullSweep(known: ZoneConfig[], polled: ZoneConfig[], sources: readonly Source[], inventory: Inventory, now: number): ZoneWork[] {
  const polledIds = new Set(polled.map((z) => z.id));
  return known.map((zone) => ({ zone, sources: polledIds.has(zone.id) ? sourcesFor(zone, sources, inventory, now) : [] }));
}

/** Seconds `requests` take at a budget of `maxPer5m` requests per 5 minutes, the pacer's steady rate. */
export function secondsAtBudget(requests: number, maxPer5m: number): number {
  return (requests * 300) / maxPer5m;
}
