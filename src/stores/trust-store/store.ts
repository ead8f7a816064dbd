import { z } from "zod";
import { listAllPages } from "../../cloudflare/paginate.js";
import { certificateObject, parseItems, zoneCertificateItem } from "../api-fields.js";
import { defineStore } from "../store.js";

const ENDPOINT = "/zones/:zone_id/acm/custom_trust_store";

const trustStoreItem = certificateObject.extend({ signature: z.string().nullish() });

/** Custom Origin Trust Store: the root CAs Cloudflare trusts when it connects to the origin. */
export const trustStore = defineStore({
  name: "trust_store",
  noun: "Custom Origin Trust Store CA",
  resource: "Custom Origin Trust Store (root CAs Cloudflare trusts at the origin; if none is valid, Full (strict) fails)",
  endpoints: "`GET /zones/{zone_id}/acm/custom_trust_store`",
  statuses: { documented: ["initializing", "pending_deployment", "active", "pending_deletion", "deleted", "expired"] },
  async poll({ zone, client, signal }) {
    const raw = await listAllPages(client, ENDPOINT, { zone_id: zone.id }, { signal });
    const { items, invalid } = parseItems(trustStoreItem, raw, ENDPOINT);
    return { items: items.map((item) => zoneCertificateItem(item, { signature: item.signature ?? null })), invalid };
  },
});
