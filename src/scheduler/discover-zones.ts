import type { Logger } from "pino";
import type { CloudflareClient } from "../cloudflare/client.js";
import type { DiscoverConfig } from "../config/schema.js";
import type { OperationalMetrics } from "../metrics/operational-metrics.js";
import { listZones } from "../sources/zone-list.js";
import type { ZoneRoster } from "./zone-roster.js";

/**
 * Refreshes the roster from GET /zones. A failed listing changes nothing: the zones found
 * before stay watched, and the failure is logged and shown by `certwatch_zone_discovery_up`.
 */
export async function discoverZones(
  deps: { client: CloudflareClient; roster: ZoneRoster; metrics: OperationalMetrics; logger: Logger },
  filter: DiscoverConfig,
  signal: AbortSignal,
): Promise<void> {
  try {
    const listed = await listZones(deps.client, filter, signal);
    const { added, removed } = deps.roster.applyListing(listed);
    deps.metrics.discovery.report(true, deps.roster.discoveredCount);
    if (added.length || removed.length) deps.logger.info({ added, removed, listed: listed.length }, "zone discovery changed the watched zones");
  } catch (error) {
    if (signal.aborted) return;
    deps.metrics.discovery.report(false, deps.roster.discoveredCount);
    deps.logger.error({ err: error }, "zone discovery failed; keeping the zones found before");
  }
}
