import { discoveredAccount } from "../config/accounts.js";
import type { ZoneConfig } from "../config/schema.js";
import type { SourceName } from "../model/index.js";
import type { ListedAccount } from "../stores/account-list.js";
import { DEFAULT_ZONE_SOURCE_NAMES } from "../stores/registry.js";
import type { ListedZone } from "../stores/zone-list.js";

/** Cycles in a row a discovered zone may be missing from GET /zones before it is dropped. */
const MISSES_BEFORE_REMOVAL = 2;

interface Discovered {
  zone: ZoneConfig;
  misses: number;
}

/**
 * The zones and accounts certwatch watches: the configured ones, plus those discovery found. A
 * discovered zone (or account) that disappears is no longer polled, but keeps its certificates
 * and alerts until it has been missing for two cycles in a row, so one odd listing never
 * resolves anything.
 */
export class ZoneRoster {
  private readonly discovered = new Map<string, Discovered>();
  private readonly discoveredAccounts = new Map<string, Discovered>();
  /** Per credential (each lists its own zones): what its last listing left out for status. */
  private readonly skippedZones = new Map<string, ListedZone[]>();
  private skippedChanged = false;
  private lastLister = "";
  /** known(), until the roster changes: scrapes ask for it (summary mode, labels), far more often than listings change it. */
  private knownList: readonly ZoneConfig[] | null = null;

  constructor(
    private configured: ZoneConfig[],
    private defaults: Pick<ZoneConfig, "thresholds" | "labels">,
  ) {}

  /**
   * A reloaded config: its zones replace the configured ones; discovered zones stay until the
   * next listing, except those of a credential no longer configured (nothing would list them).
   */
  setConfigured(zones: ZoneConfig[], defaults: Pick<ZoneConfig, "thresholds" | "labels">, credentials?: readonly string[]): void {
    this.configured = zones;
    this.defaults = defaults;
    this.knownList = null;
    for (const found of [this.discovered, this.discoveredAccounts]) {
      for (const zone of zones) found.delete(zone.id);
      for (const [id, entry] of found) {
        if (credentials && entry.zone.credential !== undefined && !credentials.includes(entry.zone.credential)) found.delete(id);
      }
      for (const entry of found.values()) entry.zone = { ...entry.zone, thresholds: defaults.thresholds, labels: defaults.labels };
    }
  }

  /**
   * Applies one credential's listing; returns the ids added and removed by it. Only zones whose
   * status is in `statuses` are watched (all when absent; a zone listed without a status is
   * watched, as nothing says it is not serving); a zone that leaves those statuses counts as
   * missing. A zone is read by the credential that found it first; another credential's listing
   * neither takes it over nor counts it missing.
   */
  applyListing(listed: ListedZone[], statuses?: readonly string[], credential?: string): { added: string[]; removed: string[] } {
    const configuredIds = new Set(this.configured.map((z) => z.id));
    const watchable = (zone: ListedZone) => statuses === undefined || zone.status === null || statuses.includes(zone.status);
    this.noteSkipped(credential ?? "", listed.filter((zone) => !configuredIds.has(zone.id) && !watchable(zone)));
    const kept = listed.filter((zone) => !configuredIds.has(zone.id) && watchable(zone));
    return this.applyFound(this.discovered, kept, credential, (zone) => this.defaultsFor(zone, credential));
  }

  /**
   * Applies one credential's account discovery (GET /accounts and the accounts of its zones),
   * with the same rules as zones: first finder reads it, two misses in a row drop it.
   */
  applyAccountListing(listed: ListedAccount[], credential?: string): { added: string[]; removed: string[] } {
    const configuredIds = new Set(this.configured.map((z) => z.id));
    const kept = listed.filter((account) => !configuredIds.has(account.id));
    return this.applyFound(this.discoveredAccounts, kept, credential, (account) => discoveredAccount(account, this.defaults, credential));
  }

  private applyFound<T extends { id: string }>(found: Map<string, Discovered>, listed: T[], credential: string | undefined, make: (item: T) => ZoneConfig): { added: string[]; removed: string[] } {
    this.knownList = null;
    const ours = (entry: Discovered | undefined) => entry === undefined || entry.zone.credential === credential;
    const seen = new Set<string>();
    const added: string[] = [];
    for (const item of listed) {
      if (seen.has(item.id) || !ours(found.get(item.id))) continue;
      seen.add(item.id);
      if (!found.has(item.id)) added.push(item.id);
      found.set(item.id, { zone: make(item), misses: 0 });
    }
    const removed: string[] = [];
    for (const [id, entry] of found) {
      if (seen.has(id) || !ours(entry)) continue;
      entry.misses += 1;
      if (entry.misses >= MISSES_BEFORE_REMOVAL) {
        found.delete(id);
        removed.push(id);
      }
    }
    return { added, removed };
  }

  /** Forgets every discovered zone (discovery was switched off). */
  clearDiscovered(): void {
    this.knownList = null;
    this.discovered.clear();
  }

  /** Forgets every discovered account (account discovery was switched off). */
  clearDiscoveredAccounts(): void {
    this.knownList = null;
    this.discoveredAccounts.clear();
  }

  /** Which (zone, source) slots are still watched: known zones, and the sources their config lets run. */
  watchedSlots(): (zoneId: string, source: SourceName) => boolean {
    const sources = new Map(this.known().map((z) => [z.id, new Set(z.sources)]));
    return (zoneId, source) => sources.get(zoneId)?.has(source) ?? false;
  }

  /** Zones and accounts to poll this cycle. */
  polled(): ZoneConfig[] {
    const current = (found: Map<string, Discovered>) => [...found.values()].filter((d) => d.misses === 0).map((d) => d.zone);
    return [...this.configured, ...current(this.discovered), ...current(this.discoveredAccounts)];
  }

  /**
   * Zones and accounts whose certificates and alerts are kept (polled, or missing for fewer than
   * two cycles). The same array until the roster changes, so what is derived from it can be kept
   * as long as it is the same (see derivedFrom).
   */
  known(): readonly ZoneConfig[] {
    return (this.knownList ??= [...this.configured, ...[...this.discovered.values()].map((d) => d.zone), ...[...this.discoveredAccounts.values()].map((d) => d.zone)]);
  }

  /** Discovered zones (certwatch_zones_discovered). */
  get discoveredCount(): number {
    return this.discovered.size;
  }

  /** Discovered accounts. */
  get discoveredAccountCount(): number {
    return this.discoveredAccounts.size;
  }

  /** Listed zones the last listing left out for their status, and whether that set changed with it (log once per change). */
  get skipped(): { zones: ListedZone[]; changed: boolean } {
    return { zones: this.skippedZones.get(this.lastLister) ?? [], changed: this.skippedChanged };
  }

  private noteSkipped(credential: string, zones: ListedZone[]): void {
    const key = (list: ListedZone[]) => JSON.stringify(list.map((z) => [z.id, z.status]).sort());
    this.skippedChanged = key(zones) !== key(this.skippedZones.get(credential) ?? []);
    this.skippedZones.set(credential, zones);
    this.lastLister = credential;
  }

  private defaultsFor(zone: ListedZone, credential: string | undefined): ZoneConfig {
    return {
      id: zone.id,
      name: zone.name,
      hostnames: [],
      thresholds: this.defaults.thresholds,
      sources: [...DEFAULT_ZONE_SOURCE_NAMES],
      sources_explicit: false,
      custom_hostnames: { mode: "per_hostname" },
      ...(credential === undefined ? {} : { credential }),
      // A discovered zone has no labels of its own: the global ones.
      labels: this.defaults.labels,
    };
  }
}
