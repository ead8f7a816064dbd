// Cloudflare's token verification (docs/cloudflare-api.md §B7): `GET /user/tokens/verify` for a
// user-owned token, `GET /accounts/{account_id}/tokens/verify` for an account-owned one; each
// answers 401 to the other kind. Which token asks is the request's bearer token.
import { ERROR_CODES, failureEnvelope } from "./envelope.js";
import { ok, type JsonReply } from "./reply.js";
import type { SimState } from "./state.js";
import { DEFAULT_ZONE_ACCOUNT } from "./zone.js";

export const TOKEN_ROUTES = {
  userTokenVerify: "/user/tokens/verify",
  accountTokenVerify: "/accounts/:account_id/tokens/verify",
} as const;

const INVALID_TOKEN: JsonReply = { status: 401, body: failureEnvelope(ERROR_CODES.invalidToken, "Invalid API Token") };

export function isTokenRoute(template: string): boolean {
  return template === TOKEN_ROUTES.userTokenVerify || template === TOKEN_ROUTES.accountTokenVerify;
}

/** `known`: whether the server accepts this bearer token at all (the main or a scoped token). */
export function answerTokenVerify(state: SimState, template: string, params: Record<string, string>, bearer: string | undefined, known: boolean): JsonReply {
  if (bearer === undefined) return INVALID_TOKEN;
  const token = state.tokens?.[bearer];
  if (!token && !known) return INVALID_TOKEN;
  const owner = token?.owner ?? "user";
  if (template === TOKEN_ROUTES.userTokenVerify && owner !== "user") return INVALID_TOKEN;
  if (template === TOKEN_ROUTES.accountTokenVerify && (owner !== "account" || params.account_id !== (token?.accountId ?? DEFAULT_ZONE_ACCOUNT.id))) return INVALID_TOKEN;
  const id = token?.id ?? Buffer.from(bearer).toString("hex").slice(0, 32).padEnd(32, "0");
  return ok({ id, status: token?.status ?? "active", ...(token?.expiresOn ? { expires_on: token.expiresOn } : {}) });
}
