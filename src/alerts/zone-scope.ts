import { targetIdOfLabels } from "../model/index.js";
import type { Alert, Notification } from "./alert.js";
import { needsClock, transition, type ActiveAlert, type AlertState, type TransitionSettings } from "./alert-state.js";

/** Alerts of no zone and no account (ZoneDiscoveryDown, the API token's) carry empty zone_id and account_id. */
export const ACCOUNT_WIDE_ZONE_ID = "";

/** What moving one scope's alerts gives: its new entries, what to send, and whether anything moved. */
export interface ScopeResult {
  active: Record<string, ActiveAlert>;
  deliveries: Map<string, Notification[]>;
  changed: boolean;
}

/**
 * `transition` of just the alerts in scope (`inside`: one zone's, or the account-wide ones):
 * returns the scope's new entries only. Costs what the scope holds, not what every zone does.
 */
export function transitionScope(
  inside: Record<string, ActiveAlert>,
  statuses: AlertState["statuses"],
  desired: Alert[],
  now: number,
  settings: TransitionSettings,
): ScopeResult {
  const result = transition({ active: inside, statuses }, desired, now, settings);
  const delivered = [...result.deliveries.values()].some((list) => list.length > 0);
  return { active: result.state.active, deliveries: result.deliveries, changed: delivered || !sameActive(inside, result.state.active) };
}

/**
 * zone_id (account_id for an account's alerts) → fingerprints of the active alerts (account-wide
 * ones under ""), over the record it
 * is given, which it keeps in sync and mutates in place: it stays the one the alert state saves.
 * Every change to that record must go through `replace`.
 */
export class ZoneAlertIndex {
  private readonly byZone = new Map<string, Set<string>>();
  /** Counts the replacements: what is derived from the active alerts is good while it stays the same. */
  revision = 0;

  constructor(private readonly active: Record<string, ActiveAlert>) {
    for (const [fingerprint, entry] of Object.entries(active)) this.add(targetIdOfLabels(entry.alert.labels), fingerprint);
  }

  /** Zones (and "" for account-wide) that have at least one active alert. */
  zoneIds(): string[] {
    return [...this.byZone.keys()];
  }

  /** The active entries of these zones, in the order the record holds them. */
  entriesOf(zoneIds: readonly string[]): Record<string, ActiveAlert> {
    const inside: Record<string, ActiveAlert> = {};
    if (zoneIds.length === 1) {
      for (const fingerprint of this.byZone.get(zoneIds[0]!) ?? []) inside[fingerprint] = this.active[fingerprint]!;
      return inside;
    }
    if (zoneIds.length === 0 || zoneIds.every((id) => !this.byZone.has(id))) return inside;
    // Several zones (a sweep's end with zones removed): once a sweep, keep the record's order.
    const wanted = new Set(zoneIds);
    for (const [fingerprint, entry] of Object.entries(this.active)) if (wanted.has(targetIdOfLabels(entry.alert.labels))) inside[fingerprint] = entry;
    return inside;
  }

  /**
   * Swaps a scope's entries (`before`, as entriesOf gave them) for its new ones (`after`). The
   * record ends up ordered as `{ ...outside, ...after }` would be.
   */
  replace(before: Record<string, ActiveAlert>, after: Record<string, ActiveAlert>): void {
    this.revision += 1;
    for (const [fingerprint, entry] of Object.entries(before)) {
      delete this.active[fingerprint];
      this.remove(targetIdOfLabels(entry.alert.labels), fingerprint);
    }
    for (const [fingerprint, entry] of Object.entries(after)) {
      const current = this.active[fingerprint];
      if (current) this.remove(targetIdOfLabels(current.alert.labels), fingerprint);
      this.active[fingerprint] = entry;
      this.add(targetIdOfLabels(entry.alert.labels), fingerprint);
    }
  }

  private add(zoneId: string, fingerprint: string): void {
    const set = this.byZone.get(zoneId);
    if (set) set.add(fingerprint);
    else this.byZone.set(zoneId, new Set([fingerprint]));
  }

  private remove(zoneId: string, fingerprint: string): void {
    const set = this.byZone.get(zoneId);
    if (!set) return;
    set.delete(fingerprint);
    if (set.size === 0) this.byZone.delete(zoneId);
  }
}

function sameActive(before: Record<string, ActiveAlert>, after: Record<string, ActiveAlert>): boolean {
  const keys = Object.keys(after);
  if (keys.length !== Object.keys(before).length) return false;
  return keys.every((k) => {
    const a = before[k];
    const b = after[k]!;
    return a !== undefined && a.lastNotifiedAt === b.lastNotifiedAt && a.alert.labels.severity === b.alert.labels.severity && a.sinks.join() === b.sinks.join();
  });
}

/**
 * The "status since" clocks (AlertState.statuses), kept one zone at a time: a zone's evaluation
 * updates and forgets only its own records' clocks. Mutates the map it is given, which stays the
 * one the alert state saves. Keys start with the zone id (recordKey).
 */
export class ZoneStatusClocks {
  private byZone: Map<string, Set<string>> | null = null;

  constructor(private readonly statuses: AlertState["statuses"]) {}

  /** Tracks the zone's current records; returns whether any clock started, changed or was dropped. */
  track(zoneId: string, entries: Array<{ key: string; status: string | null }>, now: number): boolean {
    const index = this.index();
    const before = index.get(zoneId) ?? new Set<string>();
    const after = new Set<string>();
    let changed = false;
    for (const { key, status } of entries) {
      // A healthy status needs no clock (only a status on its way is timed against the pending
      // grace): not keeping one also drops those a state file written before this still holds.
      if (!needsClock(status)) continue;
      after.add(key);
      const current = this.statuses[key];
      if (current && current.status === status) continue;
      this.statuses[key] = { status, since: now };
      changed = true;
    }
    for (const key of before) {
      if (after.has(key)) continue;
      delete this.statuses[key];
      changed = true;
    }
    if (after.size) index.set(zoneId, after);
    else index.delete(zoneId);
    return changed;
  }

  /** Drops the clocks of zones no longer watched. */
  retainZones(known: ReadonlySet<string>): boolean {
    let changed = false;
    for (const [zoneId, keys] of this.index()) {
      if (known.has(zoneId)) continue;
      for (const key of keys) delete this.statuses[key];
      this.index().delete(zoneId);
      changed = true;
    }
    return changed;
  }

  /** Built on first use, from the clocks restored with the state. */
  private index(): Map<string, Set<string>> {
    if (this.byZone) return this.byZone;
    this.byZone = new Map();
    for (const key of Object.keys(this.statuses)) {
      const zoneId = key.slice(0, key.indexOf("\u0000"));
      const keys = this.byZone.get(zoneId) ?? new Set<string>();
      keys.add(key);
      this.byZone.set(zoneId, keys);
    }
    return this.byZone;
  }
}
