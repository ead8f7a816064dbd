// `GET /accounts` and the account routes of the account stores (docs/cloudflare-api.md §B7):
// which accounts exist, which a token may see, and the store that answers each route.
import type { AccountBase } from "./account.js";
import { AUTHENTICATION_ERROR, failureEnvelope } from "./envelope.js";
import { forbidden, pagedList, type JsonReply } from "./reply.js";
import type { SimAccount, SimState } from "./state.js";
import { ORDERED_ACCOUNT_STORE_SIMULATORS } from "./stores.js";
import { DEFAULT_ZONE_ACCOUNT } from "./zone.js";

/** The SDK's `Account` as `GET /accounts` lists it. */
export interface AccountObject {
  id: string;
  name: string;
  type: "standard" | "enterprise";
  created_on: string;
  settings: { enforce_twofactor: boolean; abuse_contact_email: null };
}

/** For accounts a scenario did not date. */
const FALLBACK_CREATED_ON = "2024-01-01T00:00:00Z";

/** Code and wording as reported for an account-owned token (docs/cloudflare-api.md §B7, unconfirmed). */
const ACCOUNT_OWNED_TOKEN_REFUSED = failureEnvelope(1001, "List accounts endpoint does not support account owned tokens.");

const OWNER_OF_TEMPLATE = new Map(ORDERED_ACCOUNT_STORE_SIMULATORS.flatMap((store) => Object.values(store.routes).map((template) => [template, store] as const)));

export function isAccountStoreRoute(template: string): boolean {
  return OWNER_OF_TEMPLATE.has(template);
}

/** An account only a zone names: its account stores hold nothing. */
function emptyAccount(account: AccountBase): SimAccount {
  return Object.assign({ id: account.id, name: account.name }, ...ORDERED_ACCOUNT_STORE_SIMULATORS.map((store) => store.empty())) as SimAccount;
}

/** Every account the state knows: its own, then the ones only its zones name, once each. */
export function knownAccounts(state: SimState): SimAccount[] {
  const accounts = [...(state.accounts ?? [])];
  const seen = new Set(accounts.map((account) => account.id));
  for (const zone of state.zones) {
    const account = zone.account ?? DEFAULT_ZONE_ACCOUNT;
    if (seen.has(account.id)) continue;
    seen.add(account.id);
    accounts.push(emptyAccount(account));
  }
  return accounts;
}

function accountObject(account: SimAccount): AccountObject {
  return {
    id: account.id,
    name: account.name,
    type: account.type ?? "standard",
    created_on: account.createdOn ?? FALLBACK_CREATED_ON,
    settings: { enforce_twofactor: false, abuse_contact_email: null },
  };
}

/** The account an account-owned bearer token belongs to; null for a user token (or none). */
function tokenAccount(state: SimState, bearer: string | undefined): string | null {
  const token = bearer === undefined ? undefined : state.tokens?.[bearer];
  return token?.owner === "account" ? (token.accountId ?? DEFAULT_ZONE_ACCOUNT.id) : null;
}

export function answerAccountList(state: SimState, query: URLSearchParams, bearer: string | undefined): JsonReply {
  if (tokenAccount(state, bearer) !== null) return { status: 400, body: ACCOUNT_OWNED_TOKEN_REFUSED };
  return pagedList(knownAccounts(state).map(accountObject), query);
}

/**
 * An account store's route. An account id nobody knows, or another account's for an
 * account-owned token, answers 403 with the authentication error: Cloudflare does not tell "no
 * such account" from "not yours" (an id is a capability), and this simulator already answers a
 * zone outside a token's reach that way, so the daemon sees the same refusal for both.
 */
export function answerAccountRoute(state: SimState, template: string, params: Record<string, string>, path: string, query: URLSearchParams, bearer: string | undefined): JsonReply {
  const accountId = params.account_id ?? "";
  const owner = tokenAccount(state, bearer);
  const account = knownAccounts(state).find((candidate) => candidate.id === accountId);
  if (!account || (owner !== null && owner !== accountId)) return forbidden(AUTHENTICATION_ERROR);
  const store = OWNER_OF_TEMPLATE.get(template);
  if (!store) return forbidden(AUTHENTICATION_ERROR);
  return store.answer(account, { template, params, path, query });
}
