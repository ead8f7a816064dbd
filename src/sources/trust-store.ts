import { z } from "zod";
import { listAllPages } from "../cloudflare/paginate.js";
import type { Source } from "./source.js";
import { certificateObject, parseItems, zoneCertificateItem } from "./api-fields.js";

const ENDPOINT = "/zones/:zone_id/acm/custom_trust_store";

const trustStoreItem = certificateObject.extend({ signature: z.string().nullish() });

/** Custom Origin Trust Store: the root CAs Cloudflare trusts when it connects to the origin. */
export const trustStoreSource: Source = {
  name: "trust_store",
  async poll({ zone, client, signal }) {
    const raw = await listAllPages(client, ENDPOINT, { zone_id: zone.id }, { signal });
    const { items, invalid } = parseItems(trustStoreItem, raw, ENDPOINT);
    return { items: items.map((item) => zoneCertificateItem(item, { signature: item.signature ?? null })), invalid };
  },
};
