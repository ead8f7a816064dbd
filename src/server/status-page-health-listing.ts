// Which source-health rows the status page lists. Every (zone, source) has one, so an account
// of 1,000 zones has about 7,000: listed in full they would outweigh the certificates. Past
// HEALTH_ROWS_IN_FULL the table keeps the sources that need a look (down, unavailable, or with
// a source-level alert) and counts the rest; choosing a zone lists all of its sources again.
import type { Alert } from "../alerts/alert.js";
import { placementTitle } from "../model/index.js";
import { SOURCE_NAMES } from "../stores/registry.js";
import { slotKey, type SourceHealth } from "../inventory/inventory.js";

export const HEALTH_ROWS_IN_FULL = 50;

export interface HealthListing {
  /** By zone name, then source. */
  rows: SourceHealth[];
  /** Rows the filter keeps that the table leaves out. */
  omitted: { quiet: number; troubled: number };
}

export function listHealth(
  health: readonly SourceHealth[],
  filter: { zone: string | null; source: string | null },
  zoneNamesInOrder: readonly string[],
  bySource: ReadonlyMap<string, readonly Alert[]>,
): HealthListing {
  const kept = health.filter((h) => (filter.zone === null || placementTitle(h) === filter.zone) && (filter.source === null || h.source === filter.source));
  // Zone names are ranked once (they are already sorted for the form), so the rows sort by numbers.
  const zoneRank = new Map(zoneNamesInOrder.map((name, index) => [name, index]));
  const inOrder = (rows: SourceHealth[]) =>
    rows.sort((a, b) => (zoneRank.get(placementTitle(a)) ?? 0) - (zoneRank.get(placementTitle(b)) ?? 0) || SOURCE_NAMES.indexOf(a.source) - SOURCE_NAMES.indexOf(b.source));
  if (kept.length <= HEALTH_ROWS_IN_FULL) return { rows: inOrder(kept), omitted: { quiet: 0, troubled: 0 } };
  const troubled = kept.filter((h) => !h.up || bySource.has(slotKey(h.zoneId, h.source)));
  const rows = inOrder(troubled).slice(0, HEALTH_ROWS_IN_FULL);
  return { rows, omitted: { quiet: kept.length - troubled.length, troubled: troubled.length - rows.length } };
}
