import { z } from "zod";
import { CloudflareApiError } from "../cloudflare/api-error.js";
import type { ApiReader } from "../cloudflare/client.js";
import { parseRfc3339 } from "../clock/rfc3339.js";

/** What Cloudflare says of a token (docs/cloudflare-api.md §B7): `active`, `disabled` or `expired`. */
export const TOKEN_STATUSES = ["active", "disabled", "expired"] as const;

/** One verification of one credential's API token. */
export interface TokenCheck {
  /** Cloudflare's status, or null when the check could not tell (network, 5xx, no account to ask). */
  status: string | null;
  /** The token's own expiry, epoch ms; null when it has none or the check could not tell. */
  expiresAt: number | null;
  tokenId: string | null;
  /** Which endpoint answered: a user-owned token answers /user, an account-owned one /accounts/{id}. */
  owner: "user" | "account" | null;
  /** Why the check could not tell; null when it could. */
  error: string | null;
}

const verifyResult = z.object({
  id: z.string(),
  status: z.string().min(1),
  expires_on: z.string().nullish(),
  not_before: z.string().nullish(),
});

/**
 * `GET /user/tokens/verify`, and on 401 `GET /accounts/{id}/tokens/verify`, since an
 * account-owned token is refused by the user endpoint. The account ids are the ones the config
 * names; without any, the first page of `GET /zones` says which account the token's zones belong
 * to (one request an hour, only for an account-owned token). A token that every endpoint refuses
 * is reported as such (status null, the refusal as the error): the sweep's own credential check
 * pages for a token Cloudflare rejects outright.
 */
export async function verifyToken(reader: ApiReader, accountIds: readonly string[], signal?: AbortSignal): Promise<TokenCheck> {
  try {
    return readVerify(await reader.get("/user/tokens/verify", {}, { signal }), "user");
  } catch (error) {
    if (!(error instanceof CloudflareApiError) || error.status !== 401) return unknown(error);
    const accounts = accountIds.length > 0 ? accountIds : await accountsOfVisibleZones(reader, signal);
    if (accounts.length === 0) {
      return unknown(new Error(`${error.message}; an account-owned token is verified at /accounts/{account_id}/tokens/verify, and no account id is known: name the account in the config`));
    }
    let last: unknown = error;
    for (const accountId of accounts) {
      try {
        return readVerify(await reader.get("/accounts/:account_id/tokens/verify", { account_id: accountId }, { signal }), "account");
      } catch (accountError) {
        last = accountError;
      }
    }
    return unknown(last);
  }
}

const zoneAccounts = z.array(z.object({ account: z.object({ id: z.string().min(1) }).partial().nullish() }).passthrough());

async function accountsOfVisibleZones(reader: ApiReader, signal?: AbortSignal): Promise<string[]> {
  try {
    const parsed = zoneAccounts.safeParse((await reader.get("/zones", {}, { signal, query: { per_page: 5 } })).result);
    return parsed.success ? [...new Set(parsed.data.flatMap((zone) => (zone.account?.id ? [zone.account.id] : [])))] : [];
  } catch {
    return [];
  }
}

function readVerify(envelope: { result: unknown }, owner: "user" | "account"): TokenCheck {
  const parsed = verifyResult.safeParse(envelope.result);
  if (!parsed.success) return unknown(new Error(`tokens/verify answered without {id, status}: ${parsed.error.issues[0]?.message ?? "wrong shape"}`));
  const { id, status, expires_on } = parsed.data;
  // A date that does not parse is reported, not guessed: the expiry alert needs a real date.
  const expiresAt = expires_on ? parseRfc3339(expires_on) : null;
  if (expires_on && expiresAt === null) return { status, expiresAt: null, tokenId: id, owner, error: `tokens/verify sent expires_on ${JSON.stringify(expires_on)}, not an RFC 3339 date` };
  return { status, expiresAt, tokenId: id, owner, error: null };
}

function unknown(error: unknown): TokenCheck {
  return { status: null, expiresAt: null, tokenId: null, owner: null, error: error instanceof Error ? error.message : String(error) };
}
