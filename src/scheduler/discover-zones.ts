import type { Logger } from "pino";
import type { Clock } from "../clock/clock.js";
import type { ApiReader } from "../cloudflare/client.js";
import type { DiscoverConfig } from "../config/schema.js";
import type { OperationalMetrics } from "../metrics/operational-metrics.js";
import { isAccountOwnedTokenRefusal, listAccounts, type ListedAccount } from "../stores/account-list.js";
import { listZones, type ListedZone } from "../stores/zone-list.js";
import { discoveryFailed, discoverySucceeded, type DiscoveryHealth } from "./discovery-health.js";
import type { ZoneRoster } from "./zone-roster.js";

export interface DiscoverDeps {
  client: ApiReader;
  roster: ZoneRoster;
  metrics: OperationalMetrics;
  logger: Logger;
  clock: Clock;
}

/**
 * Refreshes the roster from GET /zones (discover.enabled) and GET /accounts (discover.accounts)
 * and returns discovery's health after it (`previous` unchanged when shutdown cut the listing
 * short). A failed listing leaves the roster alone: what was found before stays watched. The
 * failure shows in `certwatch_zone_discovery_up`, the ZoneDiscoveryDown alert and `certwatch check`.
 */
export async function discoverZones(
  deps: DiscoverDeps,
  filter: DiscoverConfig,
  signal: AbortSignal,
  previous: DiscoveryHealth | null = null,
  credential?: string,
): Promise<DiscoveryHealth | null> {
  const which = credential === undefined ? {} : { credential };
  try {
    let listed: ListedZone[] = [];
    if (filter.enabled) {
      listed = await listZones(deps.client, filter, signal);
      const { added, removed } = deps.roster.applyListing(listed, filter.statuses, credential);
      if (added.length || removed.length) deps.logger.info({ ...which, added, removed, listed: listed.length }, "zone discovery changed the watched zones");
      logSkippedZones(deps.logger, deps.roster, filter);
    }
    if (filter.accounts) await discoverAccounts(deps, listed, filter.account_id, signal, credential);
    reportDiscovery(deps, filter, true);
    return discoverySucceeded(deps.clock.now());
  } catch (error) {
    if (signal.aborted) return previous;
    reportDiscovery(deps, filter, false);
    deps.logger.error({ ...which, err: error }, "discovery failed; keeping the zones and accounts found before");
    return discoveryFailed(previous, error, deps.clock.now());
  }
}

/** Discovery's gauges: up or not, zones found, and accounts found while account discovery is on. */
export function reportDiscovery(deps: Pick<DiscoverDeps, "metrics" | "roster">, filter: Pick<DiscoverConfig, "accounts">, up: boolean): void {
  deps.metrics.discovery.report(up, deps.roster.discoveredCount, filter.accounts ? deps.roster.discoveredAccountCount : undefined);
}

/** Zones left out for their status, said once whenever that set changes, not every cycle. */
function logSkippedZones(logger: Logger, roster: ZoneRoster, filter: DiscoverConfig): void {
  const { zones, changed } = roster.skipped;
  if (!changed) return;
  const skipped = zones.map((z) => ({ id: z.id, name: z.name, status: z.status }));
  const message = skipped.length ? `zone discovery skips ${skipped.length} zone(s) whose status is not in discover.statuses` : "zone discovery no longer skips any zone for its status";
  logger.info({ skipped, statuses: filter.statuses }, message);
}

/**
 * The accounts GET /accounts lists, plus the accounts of the zones just listed; only
 * `discover.account_id` when that narrows zone discovery to one account. An account-owned token
 * cannot list accounts (error 1001); its zones still name their account, so those are watched,
 * and the refusal is still reported: its message says to name the accounts in the config.
 */
async function discoverAccounts(deps: DiscoverDeps, zones: ListedZone[], only: string | null, signal: AbortSignal, credential: string | undefined): Promise<void> {
  const fromZones = zones.flatMap((zone) => (zone.account ? [zone.account] : []));
  const which = credential === undefined ? {} : { credential };
  const apply = (listed: ListedAccount[]) => {
    const accounts = only === null ? listed : listed.filter((account) => account.id === only);
    const { added, removed } = deps.roster.applyAccountListing(accounts, credential);
    if (added.length || removed.length) deps.logger.info({ ...which, added, removed, listed: accounts.length }, "account discovery changed the watched accounts");
  };
  try {
    apply([...(await listAccounts(deps.client, signal)), ...fromZones]);
  } catch (error) {
    if (isAccountOwnedTokenRefusal(error) && fromZones.length > 0) apply(fromZones);
    throw error;
  }
}
