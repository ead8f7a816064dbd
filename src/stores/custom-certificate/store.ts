import { z } from "zod";
import { listAllPages } from "../../cloudflare/paginate.js";
import { certificateObject, parseItems, zoneCertificateItem } from "../api-fields.js";
import { defineStore } from "../store.js";

const ENDPOINT = "/zones/:zone_id/custom_certificates";

const customCertificateItem = certificateObject.extend({ hosts: z.array(z.string()).nullish() });

/** Custom (legacy / SNI) certificates. The list has no PEM in Cloudflare's schema; one is used when sent. */
export const customCertificate = defineStore({
  name: "custom_certificate",
  noun: "custom (SNI) certificate",
  resource: "custom (legacy / SNI) certificates",
  endpoints: "`GET /zones/{zone_id}/custom_certificates`",
  statuses: { documented: ["active", "expired", "deleted", "pending", "initializing"] },
  async poll({ zone, client, signal }) {
    const raw = await listAllPages(client, ENDPOINT, { zone_id: zone.id }, { signal });
    const { items, invalid } = parseItems(customCertificateItem, raw, ENDPOINT);
    return { items: items.map((item) => zoneCertificateItem(item, { hosts: item.hosts?.join(", ") || null })), invalid };
  },
});
