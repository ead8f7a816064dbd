import { z } from "zod";
import type { SourceItem } from "../../model/index.js";
import { apiTimestamp, intern } from "../api-fields.js";
import { readPagedItems } from "../paged-items.js";
import { defineStore } from "../store.js";

const ENDPOINT = "/zones/:zone_id/client_certificates";

/**
 * Which statuses the list returns without a `status` filter is not documented
 * (docs/cloudflare-api.md §B2): ask for every one, so a certificate on its way to revocation or
 * back from it is still seen.
 */
const QUERY = { status: "all" } as const;

/** An item of the SDK's `ClientCertificate` (every field optional there; an id is required here). */
const clientCertificateItem = z
  .object({
    id: z.string().min(1),
    certificate: z.string().nullish(),
    certificate_authority: z.object({ id: z.string().nullish(), name: z.string().nullish() }).passthrough().nullish(),
    common_name: z.string().nullish(),
    status: z.string().nullish(),
    // No format in the SDK's schema (a plain string); the example is RFC 3339. The PEM wins anyway.
    expires_on: apiTimestamp,
    serial_number: z.string().nullish(),
    fingerprint_sha256: z.string().nullish(),
  })
  .passthrough();

type ClientCertificateItem = z.output<typeof clientCertificateItem>;

function toSourceItem(item: ClientCertificateItem): SourceItem {
  return {
    certId: item.id,
    // A client certificate names a device or client, not a hostname.
    hostname: "",
    status: intern(item.status ?? null),
    apiExpiresOn: item.expires_on,
    pem: item.certificate ?? null,
    // "Cloudflare Managed CA for account": which CA issued it, as the API names it.
    apiIssuer: intern(item.certificate_authority?.name ?? null),
    attributes: {
      common_name: item.common_name ?? null,
      serial_number: item.serial_number ?? null,
      fingerprint_sha256: item.fingerprint_sha256 ?? null,
    },
  };
}

/** API Shield mTLS client certificates, issued by the Cloudflare-managed CA to devices and clients. */
export const clientCertificate = defineStore({
  name: "client_certificate",
  noun: "API Shield client certificate",
  resource: "API Shield mTLS client certificates (issued by the Cloudflare-managed CA to devices and API clients)",
  endpoints: "`GET /zones/{zone_id}/client_certificates?status=all`",
  statuses: {
    documented: ["active", "pending_reactivation", "pending_revocation", "revoked"],
    own: {
      // DELETE moves a certificate to pending_revocation, PATCH {reactivate} brings it back through pending_reactivation.
      pending_reactivation: "transitional",
      pending_revocation: "transitional",
      // Revoked: no client can use it any more, so its expiry is nothing to page about.
      revoked: "gone",
    },
  },
  poll({ zone, client, signal }) {
    return readPagedItems(client, ENDPOINT, { zone_id: zone.id }, clientCertificateItem, toSourceItem, { query: QUERY, signal });
  },
});
