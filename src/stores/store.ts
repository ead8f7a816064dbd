import type { PollTarget } from "../model/index.js";
import type { AccountSourceContext, SourceContext, SourcePoll } from "./source.js";

/**
 * How a Cloudflare status reads to on-call: healthy, on its way (alert only if it lingers),
 * failed (alert now), gone (nothing to watch), or missing (certwatch's own: expected, not there).
 */
export type StatusClass = "healthy" | "transitional" | "failed" | "gone" | "missing";

/** The status values a store documents. */
export interface StoreStatuses {
  /** Every value Cloudflare documents for this store (docs/cloudflare-api.md); each must have a class. */
  documented: readonly string[];
  /** Classes of the values only this store has; the ones several stores share are in status-class.ts. */
  own?: Readonly<Record<string, StatusClass>>;
}

/**
 * One Cloudflare certificate store: everything the daemon needs to know about it. Registered
 * with one line in registry.ts; its simulator part (`*.sim.ts`) and tests sit in its folder.
 */
export interface StoreModule<Name extends string = string> {
  /** The `source` label value and the key of `zones[].sources`. */
  readonly name: Name;
  /** What on-call calls one of its objects, in alert texts ("Custom Origin Trust Store CA"). */
  readonly noun: string;
  /** The README's "Cloudflare resource" column. */
  readonly resource: string;
  /** The README's endpoint column, in Markdown. */
  readonly endpoints: string;
  readonly statuses: StoreStatuses;
  /**
   * What names one object for people when it has no hostname: the PEM's subject CN (the
   * default), or its `hosts` attribute first, for a store whose certificates all share one
   * generic subject (Origin CA's "CloudFlare Origin Certificate" tells two of them apart nowhere).
   */
  readonly namedBy?: "subject" | "hosts";
  /** False when the zone's config gives this store nothing to read (no series, no requests). */
  appliesTo?(zone: PollTarget): boolean;
  /**
   * True for an account store that can also read zones (Access): a zone reads it only where
   * `zones[].sources` names it, so a zone list without `sources` asks for nothing new.
   */
  readonly zonesOptIn?: boolean;
  /** Reads one zone; absent for a store that lives on accounts only. */
  poll?(context: SourceContext): Promise<SourcePoll>;
  /** Reads one account (`accounts[].sources`); absent for a store that lives on zones only. */
  pollAccount?(context: AccountSourceContext): Promise<SourcePoll>;
}

/** A store that reads zones: `poll` is there (it may read accounts as well). */
export type ZoneStoreModule<Name extends string = string> = StoreModule<Name> & Required<Pick<StoreModule, "poll">>;
/** A store that reads accounts: `pollAccount` is there (it may read zones as well). */
export type AccountStoreModule<Name extends string = string> = StoreModule<Name> & Required<Pick<StoreModule, "pollAccount">>;

/** Keeps the store's name as a literal type, which is what the registry derives names from. */
export function defineStore<const Name extends string>(store: ZoneStoreModule<Name>): ZoneStoreModule<Name> {
  return store;
}

/** The same for a store that lives on accounts (and, when it has `poll` too, on zones). */
export function defineAccountStore<const Name extends string>(store: AccountStoreModule<Name>): AccountStoreModule<Name> {
  return store;
}
