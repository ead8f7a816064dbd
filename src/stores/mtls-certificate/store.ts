import { z } from "zod";
import type { SourceItem } from "../../model/index.js";
import { apiTimestamp, intern } from "../api-fields.js";
import { readSinglePage } from "../single-page.js";
import { defineAccountStore } from "../store.js";

export const MTLS_CERTIFICATE_ENDPOINT = "/accounts/:account_id/mtls_certificates";

/**
 * An item of the SDK's `MTLSCertificateListResponse` (docs/cloudflare-api.md §B3): every field
 * optional there, an id required here. `ca` and `type` are shown, never judged, so an odd value
 * is dropped rather than costing the certificate.
 */
const mtlsCertificateItem = z
  .object({
    id: z.string().min(1),
    ca: z.boolean().nullish().catch(null),
    certificates: z.string().nullish(),
    expires_on: apiTimestamp,
    issuer: z.string().nullish(),
    name: z.string().nullish(),
    serial_number: z.string().nullish(),
    type: z.string().nullish().catch(null),
  })
  .passthrough();

function toSourceItem(item: z.output<typeof mtlsCertificateItem>): SourceItem {
  return {
    certId: item.id,
    // An uploaded CA or client leaf names no hostname of the account.
    hostname: "",
    // No status field (docs/cloudflare-api.md §B3): as for origin_ca_certificate, none is made up.
    status: null,
    apiExpiresOn: item.expires_on,
    // `certificates`, plural: it may hold several blocks (§B3 does not know). The PEM parser reads
    // every block of a bundle, the first as the leaf, so a CA bundle's earliest member still alerts.
    pem: item.certificates ?? null,
    apiIssuer: intern(item.issuer ?? null),
    attributes: {
      name: item.name ?? null,
      ca: item.ca ?? null,
      // custom, gateway_managed or access_managed: a gateway_managed CA may also be listed by
      // gateway_certificate (§B3), which is how on-call tells the two records apart.
      type: intern(item.type ?? null),
      serial_number: item.serial_number ?? null,
      issuer: item.issuer ?? null,
    },
  };
}

/** The account's mTLS certificate store: CAs and leaves uploaded for BYO-CA mTLS, Workers mTLS and the like. */
export const mtlsCertificate = defineAccountStore({
  name: "mtls_certificate",
  noun: "account mTLS certificate",
  resource: "Account mTLS certificate store (uploaded CAs and leaves: BYO-CA API Shield, Workers mTLS; account scope)",
  endpoints: "`GET /accounts/{account_id}/mtls_certificates`",
  // No status field (docs/cloudflare-api.md §B3): nothing to class.
  statuses: { documented: [] },
  async pollAccount({ account, client, signal }) {
    const page = await readSinglePage(client, MTLS_CERTIFICATE_ENDPOINT, { account_id: account.id }, mtlsCertificateItem, signal);
    return { items: page.items.map(toSourceItem), invalid: page.invalid, ...(page.note ? { notes: [page.note] } : {}) };
  },
});
