// The simulator's whole world: plain JSON in Cloudflare's own response shapes, so a test can
// mutate a field and the next request serves exactly that. What a zone holds beyond its identity
// is declared by each store's simulator part (src/stores/*/store.sim.ts).
import type { AccountBase } from "./account.js";
import type { StoreAccountData, StoreZoneData } from "./stores.js";
import type { ZoneBase } from "./zone.js";

export { DEFAULT_ZONE_ACCOUNT, type OpenString, type ZoneAccount, type ZoneEntitlements, type ZoneStatus } from "./zone.js";

export type SimZone = ZoneBase & StoreZoneData;
/** An account and what its account stores hold (`mtlsCertificates`, `gatewayCertificates`, …). */
export type SimAccount = AccountBase & StoreAccountData;

export { type AccountBase, type AccountType } from "./account.js";

export interface SimState {
  zones: SimZone[];
  /**
   * Accounts with account-store data. `GET /accounts` also lists every account a zone names
   * (dev/simulator/account-handlers.ts), whose account stores then answer as empty.
   */
  accounts?: SimAccount[];
  /** What tokens/verify says of each bearer token (dev/simulator/token-verify.ts), by token. */
  tokens?: Record<string, SimToken>;
}

export function findZone(state: SimState, zoneId: string): SimZone | undefined {
  return state.zones.find((zone) => zone.id === zoneId);
}

/** What the simulator says of one bearer token; a token it accepts but does not describe is an active user token without expiry. */
export interface SimToken {
  /** Default: derived from the token. */
  id?: string;
  /** Default "active". */
  status?: "active" | "disabled" | "expired";
  /** RFC 3339; absent: the token never expires. */
  expiresOn?: string;
  /** Default "user". */
  owner?: "user" | "account";
  /** An account-owned token's account; default DEFAULT_ZONE_ACCOUNT's id. */
  accountId?: string;
}
