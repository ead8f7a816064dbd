import { z } from "zod";
import { listAllPages } from "../cloudflare/paginate.js";
import type { Source } from "./source.js";
import { certificateObject, parseItems, zoneCertificateItem } from "./api-fields.js";

const ENDPOINT = "/zones/:zone_id/custom_certificates";

const customCertificate = certificateObject.extend({ hosts: z.array(z.string()).nullish() });

/** Custom (legacy / SNI) certificates. The list has no PEM in Cloudflare's schema; one is used when sent. */
export const customCertificateSource: Source = {
  name: "custom_certificate",
  async poll({ zone, client, signal }) {
    const raw = await listAllPages(client, ENDPOINT, { zone_id: zone.id }, { signal });
    const { items, invalid } = parseItems(customCertificate, raw, ENDPOINT);
    return { items: items.map((item) => zoneCertificateItem(item, { hosts: item.hosts?.join(", ") || null })), invalid };
  },
};
