// What every simulated zone has whatever its stores: identity, account, status and the products
// it is entitled to. Each store's own data is declared by its simulator part (src/stores/*/*.sim.ts).

// `(string & {})` keeps editor completion for the known values while still letting a test serve
// an unknown status on purpose (the daemon must survive one).
export type OpenString<Known extends string> = Known | (string & {});

/** The zone statuses of `GET /zones`. */
export type ZoneStatus = "initializing" | "pending" | "active" | "moved";

export interface ZoneAccount {
  /** 32 lowercase hex characters. */
  id: string;
  name: string;
}

/** The account zones belong to unless a scenario says otherwise (the fixtures' account). */
export const DEFAULT_ZONE_ACCOUNT: Readonly<ZoneAccount> = { id: "11112222333344445555666677778888", name: "Example Account" };

/**
 * Products the zone is entitled to. Without one, its routes answer 403 with the product's error
 * code even to a correct token. Absent means entitled.
 */
export interface ZoneEntitlements {
  /** Advanced Certificate Manager: the custom origin trust store. */
  trustStore?: boolean;
  /** Cloudflare for SaaS: custom hostnames. */
  customHostnames?: boolean;
}

export interface ZoneBase {
  /** 32 lowercase hex characters. */
  id: string;
  name: string;
  /** Default DEFAULT_ZONE_ACCOUNT. */
  account?: ZoneAccount;
  /** Default "active". */
  status?: OpenString<ZoneStatus>;
  /** When the zone was added (RFC 3339): its created_on and modified_on; activated_on is an hour later once it went active. */
  createdOn?: string;
  entitlements?: ZoneEntitlements;
}
