import type { ZoneTarget } from "../model/index.js";
import type { SourceContext, SourcePoll } from "./source.js";

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
  appliesTo?(zone: ZoneTarget): boolean;
  poll(context: SourceContext): Promise<SourcePoll>;
}

/** Keeps the store's name as a literal type, which is what the registry derives names from. */
export function defineStore<const Name extends string>(store: StoreModule<Name>): StoreModule<Name> {
  return store;
}
