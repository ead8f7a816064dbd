import type { ErrorReason } from "../cloudflare/api-error.js";
import type { InvalidItemReason, InvalidItems } from "../stores/invalid-items.js";
import type { CertificateRecord, ParsedCertificate, PollTarget, SourceName, TargetScope } from "../model/index.js";
import { SOURCE_NAMES } from "../stores/registry.js";

export interface SourceHealth {
  /** The zone's id, or the account's when `scope` is "account". */
  zoneId: string;
  zoneName: string;
  scope?: TargetScope;
  source: SourceName;
  up: boolean;
  lastSuccessAt: number | null;
  lastAttemptAt: number;
  /** When the current run of failures began; null while up. */
  failingSince: number | null;
  lastError: { reason: ErrorReason; message: string } | null;
  /**
   * The zone answers other sources but this one with 403: the product is not on the zone
   * (no Advanced Certificate Manager, no Cloudflare for SaaS), not a broken token.
   */
  unavailable: boolean;
}

/** One (zone, source) as the metrics snapshot reads it. */
export interface SlotView {
  readonly health: SourceHealth;
  readonly records: readonly CertificateRecord[];
  readonly settings: Readonly<Record<string, boolean>>;
  readonly errors: Readonly<Partial<Record<ErrorReason, number>>>;
  readonly invalid: Readonly<Partial<Record<InvalidItemReason, number>>>;
}

interface Slot {
  health: SourceHealth;
  records: CertificateRecord[];
  settings: Record<string, boolean>;
  /** Failed polls by reason since the slot appeared (certwatch_source_errors_total). */
  errors: Partial<Record<ErrorReason, number>>;
  /** Items skipped as unusable by reason since the slot appeared (certwatch_items_invalid_total). */
  invalid: Partial<Record<InvalidItemReason, number>>;
}

/** What the last cycle said about the API credentials; `valid` is null until a cycle could tell. */
export interface CredentialsState {
  valid: boolean | null;
  /** While rejected: how many zones rejected them, and the first answer's message. */
  rejectedZones: number;
  message: string | null;
}

/**
 * The last known certificates of every (zone, source). A successful poll replaces a slot's
 * records; a failed poll keeps them and only marks the slot down, so a failure never looks
 * like a fixed certificate.
 */
export class Inventory {
  private readonly slots = new Map<string, Slot>();
  private lastCycleAt: number | null = null;
  private credentialState: CredentialsState = { valid: null, rejectedZones: 0, message: null };
  /** Per zone, the change count at its last change; absent once the zone has no slot left. */
  private readonly zoneChanges = new Map<string, number>();
  private changeCount = 0;
  /** Grows with every successful poll (a last-success timestamp moved), even one that changed nothing else. */
  private successCount = 0;

  recordSuccess(zone: PollTarget, source: SourceName, records: CertificateRecord[], now: number, settings: Record<string, boolean> = NOTHING): void {
    const previous = this.slots.get(slotKey(zone.id, source));
    this.slots.set(slotKey(zone.id, source), {
      records,
      settings,
      errors: previous?.errors ?? NOTHING,
      invalid: previous?.invalid ?? NOTHING,
      health: {
        zoneId: zone.id,
        zoneName: zone.name,
        ...(zone.scope === undefined ? {} : { scope: zone.scope }),
        source,
        up: true,
        lastSuccessAt: now,
        lastAttemptAt: now,
        failingSince: null,
        lastError: null,
        unavailable: false,
      },
    });
    this.successCount += 1;
    // A re-poll that found what the last one did changes only the timestamps, which the
    // snapshot renders apart from the zone blocks: the zone's blocks stay as they are.
    if (previous && previous.health.up && !previous.health.unavailable && previous.health.zoneName === zone.name && sameSettings(previous.settings, settings) && sameRecords(previous.records, records)) return;
    this.changed(zone.id);
  }

  recordFailure(zone: PollTarget, source: SourceName, error: { reason: ErrorReason; message: string }, now: number): void {
    const previous = this.slots.get(slotKey(zone.id, source));
    const errors = { ...previous?.errors, [error.reason]: (previous?.errors[error.reason] ?? 0) + 1 };
    this.slots.set(slotKey(zone.id, source), {
      records: previous?.records ?? [],
      settings: previous?.settings ?? NOTHING,
      errors,
      invalid: previous?.invalid ?? NOTHING,
      health: {
        zoneId: zone.id,
        zoneName: zone.name,
        ...(zone.scope === undefined ? {} : { scope: zone.scope }),
        source,
        up: false,
        lastSuccessAt: previous?.health.lastSuccessAt ?? null,
        lastAttemptAt: now,
        failingSince: previous?.health.failingSince ?? now,
        lastError: error,
        unavailable: previous?.health.unavailable ?? false,
      },
    });
    this.changed(zone.id);
  }

  /** Marks a failing slot as unavailable (the product is missing) or not; returns whether it changed. */
  setUnavailable(zoneId: string, source: SourceName, unavailable: boolean): boolean {
    const slot = this.slots.get(slotKey(zoneId, source));
    if (!slot || slot.health.unavailable === unavailable) return false;
    slot.health = { ...slot.health, unavailable };
    this.changed(zoneId);
    return true;
  }

  /** Keeps only the (zone, source) slots still watched: a zone or source taken out of the config leaves /metrics. */
  retain(watched: (zoneId: string, source: SourceName) => boolean): void {
    for (const [key, slot] of this.slots) {
      if (!watched(slot.health.zoneId, slot.health.source)) {
        this.slots.delete(key);
        this.changed(slot.health.zoneId);
      }
    }
  }

  /** Adds a poll's skipped items to the slot's counts (the slot must exist: call after recordSuccess). */
  countInvalid(zoneId: string, source: SourceName, invalid: InvalidItems): void {
    const slot = this.slots.get(slotKey(zoneId, source));
    if (!slot) return;
    const counts = { ...slot.invalid };
    let moved = false;
    for (const [reason, n] of Object.entries(invalid.counts) as Array<[InvalidItemReason, number]>) {
      if (n !== 0 || counts[reason] === undefined) moved = true;
      counts[reason] = (counts[reason] ?? 0) + n;
    }
    if (!moved) return;
    slot.invalid = counts;
    this.changed(zoneId);
  }

  /** Skipped items by reason of every slot still watched. */
  invalidCounts(): Array<{ health: SourceHealth; reason: InvalidItemReason; count: number }> {
    return [...this.slots.values()].flatMap((slot) =>
      Object.entries(slot.invalid).map(([reason, count]) => ({ health: slot.health, reason: reason as InvalidItemReason, count: count ?? 0 })),
    );
  }

  setCredentials(state: CredentialsState): void {
    this.credentialState = state;
  }

  get credentials(): CredentialsState {
    return this.credentialState;
  }

  markCycleFinished(now: number): void {
    this.lastCycleAt = now;
  }

  get lastCycleFinishedAt(): number | null {
    return this.lastCycleAt;
  }

  records(): CertificateRecord[] {
    return [...this.slots.values()].flatMap((slot) => slot.records);
  }

  health(): SourceHealth[] {
    return [...this.slots.values()].map((slot) => slot.health);
  }

  healthOf(zoneId: string, source: SourceName): SourceHealth | undefined {
    return this.slots.get(slotKey(zoneId, source))?.health;
  }

  /** Failed polls by reason of every slot still watched. */
  errorCounts(): Array<{ health: SourceHealth; reason: ErrorReason; count: number }> {
    return [...this.slots.values()].flatMap((slot) =>
      Object.entries(slot.errors).map(([reason, count]) => ({ health: slot.health, reason: reason as ErrorReason, count: count ?? 0 })),
    );
  }

  /**
   * Every zone's version: a number that grows whenever anything of the zone changes, so a
   * consumer (the metrics snapshot) rebuilds only what changed since it last looked.
   */
  zoneVersions(): ReadonlyMap<string, number> {
    return this.zoneChanges;
  }

  /** Grows with every change of any zone: when it did not move, nothing changed. */
  get version(): number {
    return this.changeCount;
  }

  /**
   * Grows whenever a last-success timestamp may have moved: every successful poll, and every
   * change (a slot may have appeared or gone). The snapshot renders those timestamps apart.
   */
  get successVersion(): number {
    return this.successCount + this.changeCount;
  }

  /** The slots of one zone, without looking at any other zone. */
  slotsOf(zoneId: string): SlotView[] {
    const found: SlotView[] = [];
    for (const source of SOURCE_NAMES) {
      const slot = this.slots.get(slotKey(zoneId, source));
      if (slot) found.push(slot);
    }
    return found;
  }

  private changed(zoneId: string): void {
    this.changeCount += 1;
    this.zoneChanges.set(zoneId, this.changeCount);
    // A zone with no slot left has nothing to export; forgetting it keeps the map bounded.
    if (!SOURCE_NAMES.some((source) => this.slots.has(slotKey(zoneId, source)))) this.zoneChanges.delete(zoneId);
  }

  /** A zone-wide setting a source read (e.g. `aop_zone_enabled`), or undefined. */
  setting(zoneId: string, source: SourceName, name: string): boolean | undefined {
    return this.slots.get(slotKey(zoneId, source))?.settings[name];
  }
}

/**
 * The empty settings, error and invalid-item counts every slot starts with, shared: 1,000 zones
 * hold ~9,000 slots, and a slot's counts are replaced, never changed in place. Frozen so a write
 * would throw rather than reach every slot.
 */
const NOTHING: Record<string, never> = Object.freeze({}) as Record<string, never>;

/** A (zone, source) pair's key; the status page files the alerts of a source by it too. */
export function slotKey(zoneId: string, source: string): string {
  return `${zoneId}\u0000${source}`;
}

function sameSettings(a: Readonly<Record<string, boolean>>, b: Readonly<Record<string, boolean>>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/** Whether two polls' records would export the same: same records in the same order, same values. */
function sameRecords(a: readonly CertificateRecord[], b: readonly CertificateRecord[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameRecord(a[i]!, b[i]!)) return false;
  return true;
}

function sameRecord(a: CertificateRecord, b: CertificateRecord): boolean {
  if (a === b) return true;
  if (
    a.certId !== b.certId ||
    a.hostname !== b.hostname ||
    a.zoneId !== b.zoneId ||
    a.zoneName !== b.zoneName ||
    a.scope !== b.scope ||
    a.source !== b.source ||
    a.status !== b.status ||
    a.apiExpiresOn !== b.apiExpiresOn ||
    a.apiIssuer !== b.apiIssuer ||
    a.pem !== b.pem ||
    a.parseError !== b.parseError
  )
    return false;
  if (!sameParsed(a.parsed, b.parsed)) return false;
  const keys = Object.keys(a.attributes);
  if (keys.length !== Object.keys(b.attributes).length) return false;
  for (const key of keys) if (a.attributes[key] !== b.attributes[key]) return false;
  return true;
}

function sameParsed(a: ParsedCertificate | null, b: ParsedCertificate | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return (
    a.sha256Fingerprint === b.sha256Fingerprint &&
    a.notAfter === b.notAfter &&
    a.notBefore === b.notBefore &&
    a.chainNotAfter === b.chainNotAfter &&
    a.subjectCN === b.subjectCN &&
    a.issuerCN === b.issuerCN &&
    a.serialHex === b.serialHex
  );
}
