import type { SourceName } from "../model/index.js";

/**
 * What reading each (zone, source) costs in requests, as its last successful poll measured it
 * (pages, plus any side request such as the AOP switch). A pair not read yet costs 1: the
 * least it can cost, so the first sweep's estimate only grows as it learns.
 */
export class SweepCost {
  /**
   * By zone id, then source: the zone's own id string is the key, so an entry holds no key of
   * its own (a slotKey string and a { zoneId, source, requests } object per pair took 1.4 MB
   * at 1,000 zones × 9 sources; the nested maps take a quarter of that).
   */
  private readonly requests = new Map<string, Map<SourceName, number>>();

  record(zoneId: string, source: SourceName, requests: number): void {
    let zone = this.requests.get(zoneId);
    if (!zone) this.requests.set(zoneId, (zone = new Map()));
    zone.set(source, Math.max(1, requests));
  }

  of(zoneId: string, source: SourceName): number {
    return this.requests.get(zoneId)?.get(source) ?? 1;
  }

  /** Forgets pairs no longer watched, so a long-running daemon's map stays the roster's size. */
  retain(watched: (zoneId: string, source: SourceName) => boolean): void {
    for (const [zoneId, zone] of this.requests) {
      for (const source of zone.keys()) if (!watched(zoneId, source)) zone.delete(source);
      if (zone.size === 0) this.requests.delete(zoneId);
    }
  }
}
