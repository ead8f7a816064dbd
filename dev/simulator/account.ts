// What every simulated account has whatever its stores: identity and type, as `GET /accounts`
// lists it (docs/cloudflare-api.md §B7). Each account store's own data is declared by its
// simulator part (src/stores/*/store.sim.ts, `defineAccountStoreSimulator`).

/** The SDK's `Account.type`. */
export type AccountType = "standard" | "enterprise";

export interface AccountBase {
  /** 32 lowercase hex characters. */
  id: string;
  name: string;
  /** Default "standard". */
  type?: AccountType;
  /** RFC 3339. */
  createdOn?: string;
}

/** The routes of accounts themselves; the account stores' routes come from their simulator parts. */
export const ACCOUNT_ROUTES = {
  accountList: "/accounts",
} as const;
