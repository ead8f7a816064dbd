import type { CredentialClients } from "../cloudflare/client-from-config.js";
import type { CredentialConfig, DiscoverConfig, ZoneConfig } from "../config/schema.js";
import { discoverZones, reportDiscovery, type DiscoverDeps } from "./discover-zones.js";
import type { DiscoveryHealth } from "./discovery-health.js";
import type { SweepLane, ZoneWork } from "./sweep.js";

/** The credential that reads a zone: its own `credential`, else the first one. */
export function credentialOf(zone: ZoneConfig, credentials: readonly CredentialConfig[]): string {
  return zone.credential ?? credentials[0]?.name ?? "default";
}

/**
 * Splits a sweep's zones by credential, keeping their order: each credential's zones go through
 * its own client and budget, and the credentials' lanes run side by side.
 */
export function lanesFor(work: ZoneWork[], credentials: readonly CredentialConfig[], clients: CredentialClients): SweepLane[] {
  const byName = new Map<string, ZoneWork[]>();
  for (const item of work) {
    const name = credentialOf(item.zone, credentials);
    byName.set(name, [...(byName.get(name) ?? []), item]);
  }
  const lanes: SweepLane[] = [];
  for (const [credential, items] of byName) {
    const client = clients.get(credential);
    // A zone whose credential left the config (a reload) waits for the roster to drop it.
    if (client) lanes.push({ credential, client, work: items });
  }
  return lanes;
}

/**
 * Zone discovery with every credential, each listing the zones its token sees. The health the
 * ZoneDiscoveryDown alert and the status page read is one for the account: down while any
 * credential's listing fails (that one's, named when there are several), else up.
 */
export async function discoverWithEveryCredential(
  deps: Omit<DiscoverDeps, "client">,
  credentials: readonly CredentialConfig[],
  clients: CredentialClients,
  filter: DiscoverConfig,
  signal: AbortSignal,
  previous: Map<string, DiscoveryHealth | null>,
): Promise<DiscoveryHealth | null> {
  let combined: DiscoveryHealth | null = null;
  for (const { name } of credentials) {
    const client = clients.get(name);
    if (!client) continue;
    const health = await discoverZones({ ...deps, client }, filter, signal, previous.get(name) ?? null, name);
    previous.set(name, health);
    if (!health) continue;
    const named = credentials.length > 1 && health.lastError ? { ...health, lastError: { ...health.lastError, message: `credential "${name}": ${health.lastError.message}` } } : health;
    if (combined === null || (combined.up && !named.up)) combined = named;
  }
  if (combined) reportDiscovery(deps, filter, combined.up);
  return combined;
}
