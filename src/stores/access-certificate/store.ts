import { z } from "zod";
import { CloudflareApiError } from "../../cloudflare/api-error.js";
import type { ApiReader } from "../../cloudflare/client.js";
import type { SourceItem } from "../../model/index.js";
import { apiTimestamp } from "../api-fields.js";
import { readPagedItems } from "../paged-items.js";
import type { SourcePoll } from "../source.js";
import type { AccountStoreModule, ZoneStoreModule } from "../store.js";

export const ACCESS_ACCOUNT_ENDPOINT = "/accounts/:account_id/access/certificates";
export const ACCESS_ZONE_ENDPOINT = "/zones/:zone_id/access/certificates";

/**
 * The answer of an account without Zero Trust: `access.api.error.not_enabled: Access is not
 * enabled. …` with code 9999, seen on another Access call; its HTTP status is not on record, nor
 * whether the list answers alike (docs/cloudflare-api.md §B4).
 */
export const ACCESS_NOT_ENABLED_CODE = 9999;
const NOT_ENABLED_KEY = "access.api.error.not_enabled";

/** An item of the SDK's `Certificate` (docs/cloudflare-api.md §B4); only `id` is required here. */
const accessCertificateItem = z
  .object({
    id: z.string().min(1),
    name: z.string().nullish(),
    fingerprint: z.string().nullish(),
    // Shown, never judged: a surprising shape drops the hostnames, not the certificate.
    associated_hostnames: z.array(z.string()).nullish().catch(null),
    expires_on: apiTimestamp,
  })
  .passthrough();

function toSourceItem(item: z.output<typeof accessCertificateItem>): SourceItem {
  return {
    certId: item.id,
    // A root CA for client certificates; the hostnames it guards are in `hosts`.
    hostname: "",
    // No status field (docs/cloudflare-api.md §B4).
    status: null,
    apiExpiresOn: item.expires_on,
    // Neither the list nor the get returns the certificate (§B4): expires_on is all there is, and
    // a record without a PEM is dated by it (src/evaluate/expiry.ts; the series say from_pem="false").
    pem: null,
    apiIssuer: null,
    attributes: {
      // Named `hosts` as custom_certificate's and origin_ca_certificate's: without a PEM's subject,
      // it is what names the certificate in an alert and its context line.
      hosts: item.associated_hostnames?.join(", ") || null,
      name: item.name ?? null,
      fingerprint: item.fingerprint ?? null,
    },
  };
}

function isNotEnabled(error: CloudflareApiError): boolean {
  return error.errors.some((e) => e.message.includes(NOT_ENABLED_KEY) || (e.code === ACCESS_NOT_ENABLED_CODE && /not enabled/i.test(e.message)));
}

/**
 * Access missing from the account is a product the account lacks, as a 403 from a zone store is:
 * classed "forbidden" here (whatever status it came with) so the scheduler's existing rule marks
 * the source unavailable instead of reporting the token broken. Done in the store, as
 * origin_ca_certificate does for its permission codes, so no other endpoint's 9999 is reclassed.
 */
function withNotEnabled(error: unknown, where: string): unknown {
  if (!(error instanceof CloudflareApiError) || !isNotEnabled(error)) return error;
  return new CloudflareApiError("forbidden", error.endpoint, `Access is not enabled on ${where} (Cloudflare error ${ACCESS_NOT_ENABLED_CODE}): ${error.message}`, error.status, error.errors);
}

async function readList(client: ApiReader, endpoint: string, params: Record<string, string>, signal: AbortSignal, where: string): Promise<SourcePoll> {
  try {
    // V4PagePaginationArray in the SDK; its page size limits are not documented (§B4), so the
    // usual 50 a page, following total_pages or stopping on a short or empty page.
    return await readPagedItems(client, endpoint, params, accessCertificateItem, toSourceItem, { signal });
  } catch (error) {
    throw withNotEnabled(error, where);
  }
}

/**
 * Zero Trust Access mTLS root certificates: on the account, and (opt-in) on a zone, where Access
 * keeps the zone-level ones. Opt-in because a zone list without `sources` should cost no new
 * request per zone for a product most zones do not use.
 */
export const accessCertificate: AccountStoreModule<"access_certificate"> & ZoneStoreModule<"access_certificate"> = {
  name: "access_certificate",
  noun: "Access mTLS root certificate",
  namedBy: "hosts",
  resource: "Zero Trust Access mTLS root certificates (account scope; zone scope where `zones[].sources` names it; no PEM: dated by `expires_on`)",
  endpoints: "`GET /accounts/{account_id}/access/certificates`, `GET /zones/{zone_id}/access/certificates`",
  // No status field (docs/cloudflare-api.md §B4): nothing to class.
  statuses: { documented: [] },
  zonesOptIn: true,
  pollAccount({ account, client, signal }) {
    return readList(client, ACCESS_ACCOUNT_ENDPOINT, { account_id: account.id }, signal, "this account");
  },
  poll({ zone, client, signal }) {
    return readList(client, ACCESS_ZONE_ENDPOINT, { zone_id: zone.id }, signal, "this zone's account");
  },
};
