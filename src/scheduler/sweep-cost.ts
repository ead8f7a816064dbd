import type { SourceName } from "../model/index.js";
import { slotKey } from "../inventory/inventory.js";

/**
 * What reading each (zone, source) costs in requests, as its last successful poll measured it
 * (pages, plus any side request such as the AOP switch). A pair not read yet costs 1: the
 * least it can cost, so the first sweep's estimate only grows as it learns.
 */
export class SweepCost {
  /** By slotKey; each entry names its pair so `retain` need not take the key apart. */
  private readonly requests = new Map<string, { zoneId: string; source: SourceName; requests: number }>();

  record(zoneId: string, source: SourceName, requests: number): void {
    this.requests.set(slotKey(zoneId, source), { zoneId, source, requests: Math.max(1, requests) });
  }

  of(zoneId: string, source: SourceName): number {
    return this.requests.get(slotKey(zoneId, source))?.requests ?? 1;
  }

  /** Forgets pairs no longer watched, so a long-running daemon's map stays the roster's size. */
  retain(watched: (zoneId: string, source: SourceName) => boolean): void {
    for (const [key, { zoneId, source }] of this.requests) {
      if (!watched(zoneId, source)) this.requests.delete(key);
    }
  }
}
