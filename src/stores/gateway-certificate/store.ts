import { z } from "zod";
import type { SourceItem } from "../../model/index.js";
import { apiTimestamp, intern } from "../api-fields.js";
import { readSinglePage } from "../single-page.js";
import { defineAccountStore } from "../store.js";

export const GATEWAY_CERTIFICATE_ENDPOINT = "/accounts/:account_id/gateway/certificates";

/** An item of the SDK's `CertificateListResponse` (docs/cloudflare-api.md §B5); only `id` is required here. */
const gatewayCertificateItem = z
  .object({
    id: z.string().min(1),
    binding_status: z.string().nullish(),
    certificate: z.string().nullish(),
    expires_on: apiTimestamp,
    fingerprint: z.string().nullish(),
    // Judged (it caps the expiry alerts), so a value that is not a boolean reads as unknown, which
    // keeps the full severity: an unreadable flag must not quiet a CA that may be in use.
    in_use: z.boolean().nullish().catch(null),
    issuer_org: z.string().nullish(),
    issuer_raw: z.string().nullish(),
    type: z.string().nullish().catch(null),
  })
  .passthrough();

function toSourceItem(item: z.output<typeof gatewayCertificateItem>): SourceItem {
  return {
    certId: item.id,
    // A TLS-inspection CA signs certificates for whatever hostname a user visits: it has none.
    hostname: "",
    status: intern(item.binding_status ?? null),
    apiExpiresOn: item.expires_on,
    pem: item.certificate ?? null,
    apiIssuer: intern(item.issuer_raw ?? item.issuer_org ?? null),
    attributes: {
      // While false, TLS inspection does not use it: its expiry alerts are capped at warning
      // (src/evaluate/presented-certificate.ts).
      in_use: item.in_use ?? null,
      type: intern(item.type ?? null),
      fingerprint: item.fingerprint ?? null,
      issuer_org: intern(item.issuer_org ?? null),
    },
  };
}

/** Zero Trust Gateway certificates: the CAs Gateway's TLS inspection signs its certificates with. */
export const gatewayCertificate = defineAccountStore({
  name: "gateway_certificate",
  noun: "Gateway TLS inspection certificate",
  resource: "Zero Trust Gateway certificates (the CAs TLS inspection signs with; account scope)",
  endpoints: "`GET /accounts/{account_id}/gateway/certificates`",
  statuses: {
    // `binding_status` (docs/cloudflare-api.md §B5); [S24] spells `available` the older way, `active`.
    documented: ["pending_deployment", "available", "pending_deletion", "inactive", "active"],
    // The others are classed alike everywhere (status-class.ts): pending_* transitional, active
    // healthy, and inactive gone: a CA not bound to Gateway signs nothing, so its expiry pages nobody.
    own: { available: "healthy" },
  },
  async pollAccount({ account, client, signal }) {
    const page = await readSinglePage(client, GATEWAY_CERTIFICATE_ENDPOINT, { account_id: account.id }, gatewayCertificateItem, signal);
    return { items: page.items.map(toSourceItem), invalid: page.invalid, ...(page.note ? { notes: [page.note] } : {}) };
  },
});
