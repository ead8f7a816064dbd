import type { ApiReader } from "../cloudflare/client.js";
import type { AccountTarget, PollTarget, SourceItem, SourceName } from "../model/index.js";
import type { InvalidItems } from "./invalid-items.js";

/** What one poll of a source for a zone found. */
export interface SourcePoll {
  items: SourceItem[];
  /** Zone-wide facts the source read beside its items (e.g. whether zone-level AOP is on). */
  settings?: Record<string, boolean>;
  /** Items the answer held that could not be used: skipped, and counted by the sweep (poll-one.ts). */
  invalid?: InvalidItems;
  /**
   * Facts about the answer as a whole that deserve one log line per poll but are no reason to
   * drop it (a single-page list whose result_info says there are more pages: single-page.ts).
   */
  notes?: string[];
}

export interface SourceContext {
  zone: PollTarget;
  client: ApiReader;
  signal: AbortSignal;
}

/** What an account-scoped store reads from. */
export interface AccountSourceContext {
  account: AccountTarget;
  client: ApiReader;
  signal: AbortSignal;
}

/**
 * One Cloudflare resource: its endpoint, pagination and field mapping. A poll either returns
 * every usable item of the zone (or account) or throws (CloudflareApiError) when the answer as a
 * whole is unusable; an item that is broken on its own is skipped and reported in `invalid`.
 * A store reads zones (`poll`), accounts (`pollAccount`) or both.
 */
export interface Source {
  readonly name: SourceName;
  /** False when the zone's config gives this source nothing to read (no series, no requests). */
  appliesTo?(zone: PollTarget): boolean;
  poll?(context: SourceContext): Promise<SourcePoll>;
  pollAccount?(context: AccountSourceContext): Promise<SourcePoll>;
}
