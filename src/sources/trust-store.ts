import { z } from "zod";
import { listAllPages } from "../cloudflare/paginate.js";
import type { Source } from "./source.js";
import { apiTimestamp, parseItems } from "./api-fields.js";

const ENDPOINT = "/zones/:zone_id/acm/custom_trust_store";

const trustStoreItem = z
  .object({
    id: z.string().min(1),
    certificate: z.string().nullish(),
    issuer: z.string().nullish(),
    signature: z.string().nullish(),
    status: z.string().nullish(),
    expires_on: apiTimestamp,
    uploaded_on: apiTimestamp,
  })
  .passthrough();

/** Custom Origin Trust Store: the root CAs Cloudflare trusts when it connects to the origin. */
export const trustStoreSource: Source = {
  name: "trust_store",
  async poll({ zone, client, signal }) {
    const raw = await listAllPages(client, ENDPOINT, { zone_id: zone.id }, { signal });
    const items = parseItems(trustStoreItem, raw, ENDPOINT).map((item) => ({
      certId: item.id,
      hostname: "",
      status: item.status ?? null,
      apiExpiresOn: item.expires_on,
      pem: item.certificate ?? null,
      apiIssuer: item.issuer ?? null,
      attributes: { signature: item.signature ?? null },
    }));
    return { items };
  },
};
