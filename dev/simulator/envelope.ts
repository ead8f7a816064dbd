// Cloudflare v4 response envelopes, byte-for-byte in the shape of test/data/fixtures.json.

export interface ApiMessage {
  code: number;
  message: string;
}

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export interface SuccessEnvelope<T> {
  success: true;
  errors: ApiMessage[];
  messages: ApiMessage[];
  result: T;
  result_info?: ResultInfo;
}

export interface FailureEnvelope {
  success: false;
  errors: ApiMessage[];
  messages: ApiMessage[];
  result: null;
}

/** Error codes the simulator answers with; docs/cloudflare-api.md §2 lists the ones seen in practice. */
export const ERROR_CODES = {
  authentication: 10000,
  /** tokens/verify with a token it does not know (or of the other owner kind): 9109 "Invalid access token" is seen too (docs/cloudflare-api.md §B7). */
  invalidToken: 1000,
  unknownRoute: 7003,
  // Not observed live: no source records what Cloudflare answers for these, so the values only
  // need to be stable and ≥ 1000 (the schema's minimum).
  badRequest: 1001,
  methodNotAllowed: 7001,
  simulatedServerError: 1002,
  simulatedFailureInside200: 1003,
  rateLimited: 971,
  /** The zone lacks Advanced Certificate Manager (docs/cloudflare-api.md §2, third-party report). */
  advancedCertificateManagerRequired: 1450,
  /** The zone lacks Cloudflare for SaaS: observed live on custom-hostname reads (third-party reports, unverified here). */
  saasQuotaNotAllocated: 1404,
} as const;

export function successEnvelope<T>(result: T, resultInfo?: ResultInfo): SuccessEnvelope<T> {
  const envelope: SuccessEnvelope<T> = { success: true, errors: [], messages: [], result };
  if (resultInfo) envelope.result_info = resultInfo;
  return envelope;
}

export function failureEnvelope(code: number, message: string): FailureEnvelope {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

/** Cloudflare's wording for an unknown route or an id that names nothing. */
export function couldNotRoute(path: string): FailureEnvelope {
  return failureEnvelope(ERROR_CODES.unknownRoute, `Could not route to ${path}, perhaps your object identifier is invalid?`);
}

export const AUTHENTICATION_ERROR = failureEnvelope(ERROR_CODES.authentication, "Authentication error");

export const RATE_LIMITED = failureEnvelope(ERROR_CODES.rateLimited, "Please wait and consider throttling your request speed");

/** A trust-store route of a zone without Advanced Certificate Manager, sent with HTTP 403. */
export const ACM_REQUIRED = failureEnvelope(ERROR_CODES.advancedCertificateManagerRequired, "Advanced Certificate Manager is required");

/** A custom-hostname route of a zone without Cloudflare for SaaS, sent with HTTP 403. */
export const SAAS_NOT_ENABLED = failureEnvelope(
  ERROR_CODES.saasQuotaNotAllocated,
  "No quota has been allocated for this zone or for this account: Cloudflare for SaaS is not enabled for this zone",
);
