import { z } from "zod";
import { listAllPages } from "../cloudflare/paginate.js";
import type { Source } from "./source.js";
import { apiTimestamp, parseItems } from "./api-fields.js";

const ENDPOINT = "/zones/:zone_id/custom_certificates";

const customCertificate = z
  .object({
    id: z.string().min(1),
    hosts: z.array(z.string()).nullish(),
    issuer: z.string().nullish(),
    status: z.string().nullish(),
    expires_on: apiTimestamp,
    certificate: z.string().nullish(),
  })
  .passthrough();

/** Custom (legacy / SNI) certificates. The list has no PEM in Cloudflare's schema; one is used when sent. */
export const customCertificateSource: Source = {
  name: "custom_certificate",
  async poll({ zone, client, signal }) {
    const raw = await listAllPages(client, ENDPOINT, { zone_id: zone.id }, { signal });
    const items = parseItems(customCertificate, raw, ENDPOINT).map((item) => ({
      certId: item.id,
      hostname: "",
      status: item.status ?? null,
      apiExpiresOn: item.expires_on,
      pem: item.certificate ?? null,
      apiIssuer: item.issuer ?? null,
      attributes: { hosts: item.hosts?.join(", ") || null },
    }));
    return { items };
  },
};
