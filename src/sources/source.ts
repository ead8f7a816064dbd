import type { CloudflareClient } from "../cloudflare/client.js";
import type { SourceItem, SourceName } from "../inventory/certificate-record.js";

export interface ZoneTarget {
  id: string;
  name: string;
  hostnames: string[];
}

/** What one poll of a source for a zone found. */
export interface SourcePoll {
  items: SourceItem[];
  /** Zone-wide facts the source read beside its items (e.g. whether zone-level AOP is on). */
  settings?: Record<string, boolean>;
}

export interface SourceContext {
  zone: ZoneTarget;
  client: CloudflareClient;
  signal: AbortSignal;
}

/**
 * One Cloudflare resource: its endpoint, pagination and field mapping. A poll either returns
 * every item of the zone or throws (CloudflareApiError); it never returns a partial list.
 */
export interface Source {
  readonly name: SourceName;
  /** False when the zone's config gives this source nothing to read (no series, no requests). */
  appliesTo?(zone: ZoneTarget): boolean;
  poll(context: SourceContext): Promise<SourcePoll>;
}
