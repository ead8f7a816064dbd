// The simulator's whole world: plain JSON in Cloudflare's own response shapes, so a test can
// mutate a field and the next request serves exactly that. What a zone holds beyond its identity
// is declared by each store's simulator part (src/stores/*/store.sim.ts).
import type { StoreZoneData } from "./stores.js";
import type { ZoneBase } from "./zone.js";

export { DEFAULT_ZONE_ACCOUNT, type OpenString, type ZoneAccount, type ZoneEntitlements, type ZoneStatus } from "./zone.js";

export type SimZone = ZoneBase & StoreZoneData;

export interface SimState {
  zones: SimZone[];
}

export function findZone(state: SimState, zoneId: string): SimZone | undefined {
  return state.zones.find((zone) => zone.id === zoneId);
}
