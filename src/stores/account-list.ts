import { z } from "zod";
import { CloudflareApiError } from "../cloudflare/api-error.js";
import type { ApiReader } from "../cloudflare/client.js";
import { listAllPages } from "../cloudflare/paginate.js";
import { parseItems } from "./api-fields.js";

const ENDPOINT = "/accounts";

/** Cloudflare's answer to an account-owned token asking for GET /accounts (docs/cloudflare-api.md §B7). */
const ACCOUNT_OWNED_TOKEN = 1001;

const accountItem = z.object({ id: z.string().min(1), name: z.string().min(1) }).passthrough();

/** Cloudflare's refusal to list accounts for an account-owned token: its zones' accounts are all discovery can learn. */
export function isAccountOwnedTokenRefusal(error: unknown): boolean {
  return error instanceof CloudflareApiError && error.codes.includes(ACCOUNT_OWNED_TOKEN);
}

export interface ListedAccount {
  id: string;
  name: string;
}

/**
 * Every account the token can see (account discovery). An account-owned token cannot list
 * accounts at all: that answer is turned into an error that says what to do instead.
 */
export async function listAccounts(client: ApiReader, signal: AbortSignal): Promise<ListedAccount[]> {
  try {
    const raw = await listAllPages(client, ENDPOINT, {}, { signal });
    return parseItems(accountItem, raw, ENDPOINT).items.map((a) => ({ id: a.id, name: a.name }));
  } catch (error) {
    // Discovery's health holds one message for both listings: this one says it is GET /accounts.
    if (!(error instanceof CloudflareApiError)) throw error;
    const hint = isAccountOwnedTokenRefusal(error)
      ? `. An account-owned API token cannot list accounts (Cloudflare error ${ACCOUNT_OWNED_TOKEN}): name its account under accounts: in the config (id and name) instead of relying on discover.accounts`
      : "";
    throw new CloudflareApiError(error.reason, error.endpoint, `GET /accounts: ${error.message}${hint}`, error.status, error.errors);
  }
}
