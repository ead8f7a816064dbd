import type { SourceName } from "../model/index.js";

/**
 * What reading each (zone, source) costs in requests, as its last successful poll measured it
 * (pages, plus any side request such as the AOP switch). A pair not read yet costs 1: the
 * least it can cost, so the first sweep's estimate only grows as it learns.
 */
export class SweepCost {
  private readonly requests = new Map<string, number>();

  record(zoneId: string, source: SourceName, requests: number): void {
    this.requests.set(pairKey(zoneId, source), Math.max(1, requests));
  }

  of(zoneId: string, source: SourceName): number {
    return this.requests.get(pairKey(zoneId, source)) ?? 1;
  }

  /** Forgets pairs no longer watched, so a long-running daemon's map stays the roster's size. */
  retain(watched: (zoneId: string, source: SourceName) => boolean): void {
    for (const key of this.requests.keys()) {
      const [zoneId, source] = key.split("\u0000") as [string, SourceName];
      if (!watched(zoneId, source)) this.requests.delete(key);
    }
  }
}

export function pairKey(zoneId: string, source: SourceName): string {
  return `${zoneId}\u0000${source}`;
}
