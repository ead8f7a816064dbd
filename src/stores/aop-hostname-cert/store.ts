import { z } from "zod";
import { apiTimestamp, parseItems } from "../api-fields.js";
import { AOP_STATUSES } from "../shared-statuses.js";
import { defineStore } from "../store.js";

const ENDPOINT = "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates";

/**
 * The list items come in two shapes (docs/cloudflare-api.md §3.4): the SDK's certificate shape (`id`, `status`)
 * and the older association shape (`cert_id`, `cert_status`, `hostname`). Accept both.
 */
const hostnameCertItem = z
  .object({
    id: z.string().nullish(),
    cert_id: z.string().nullish(),
    hostname: z.string().nullish(),
    certificate: z.string().nullish(),
    issuer: z.string().nullish(),
    serial_number: z.string().nullish(),
    status: z.string().nullish(),
    cert_status: z.string().nullish(),
    enabled: z.boolean().nullish(),
    expires_on: apiTimestamp,
  })
  .passthrough()
  .refine((item) => Boolean(item.id || item.cert_id), { message: "item has neither id nor cert_id", path: ["id"] });

/** Per-hostname Authenticated Origin Pull client certificates (a single-page list). */
export const aopHostnameCert = defineStore({
  name: "aop_hostname_cert",
  noun: "Authenticated Origin Pulls hostname client certificate",
  resource: "Authenticated Origin Pulls: per-hostname client certificates",
  endpoints: "`GET /zones/{zone_id}/origin_tls_client_auth/hostnames/certificates`",
  statuses: { documented: AOP_STATUSES },
  async poll({ zone, client, signal }) {
    const envelope = await client.get(ENDPOINT, { zone_id: zone.id }, { signal });
    const { items: parsed, invalid } = parseItems(hostnameCertItem, envelope.result, ENDPOINT);
    const items = parsed.map((item) => ({
      certId: item.id || item.cert_id || "",
      hostname: item.hostname ?? "",
      // In the association shape `status` is the association's; the certificate's is `cert_status`.
      status: item.cert_status ?? item.status ?? null,
      apiExpiresOn: item.expires_on,
      pem: item.certificate ?? null,
      apiIssuer: item.issuer ?? null,
      attributes: { serial_number: item.serial_number ?? null },
    }));
    return { items, invalid };
  },
});
