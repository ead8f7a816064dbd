import { z } from "zod";
import { CloudflareApiError } from "../../cloudflare/api-error.js";
import { certificateObject, parseItems, zoneCertificateItem } from "../api-fields.js";
import { AOP_STATUSES } from "../shared-statuses.js";
import { defineStore } from "../store.js";

const LIST = "/zones/:zone_id/origin_tls_client_auth";
const SETTINGS = "/zones/:zone_id/origin_tls_client_auth/settings";

const settings = z.object({ enabled: z.boolean() }).passthrough();

/**
 * Zone-level Authenticated Origin Pulls certificates (a single-page list) and the zone's AOP
 * switch: a zone certificate is only presented to the origin while zone-level AOP is enabled.
 * A switch that cannot be read is unknown (null), which keeps the certificates and their full
 * expiry severity: an unreadable switch must not quiet a certificate that may be in use.
 *
 * The switch is only asked for when the list holds a certificate: it matters only for what it
 * presents. (With AOP on and no certificate of its own, Cloudflare presents its shared origin-pull
 * certificate, which certwatch does not watch; so an empty list needs no second request, and
 * 1,000 zones without zone-level certificates save 1,000 requests a sweep.)
 */
export const aopZoneCert = defineStore({
  name: "aop_zone_cert",
  noun: "zone-level Authenticated Origin Pulls certificate",
  resource: "AOP: zone-level client certificates, and whether zone-level AOP is on",
  endpoints: "`GET /zones/{zone_id}/origin_tls_client_auth` and `.../settings`",
  statuses: { documented: AOP_STATUSES },
  async poll({ zone, client, signal }) {
    const list = await client.get(LIST, { zone_id: zone.id }, { signal });
    if (!Array.isArray(list.result)) throw new CloudflareApiError("invalid_response", LIST, "result is not a list");
    const { items, invalid } = parseItems(certificateObject, list.result, LIST);
    if (list.result.length === 0) return { items: [], invalid };
    const switchState = await client.get(SETTINGS, { zone_id: zone.id }, { signal });
    const parsedSettings = settings.safeParse(switchState.result);
    const enabled = parsedSettings.success ? parsedSettings.data.enabled : null;
    if (enabled === null) invalid.add("bad_field", `${SETTINGS}: result has no boolean \`enabled\`; zone-level AOP treated as unknown`);
    return {
      items: items.map((item) => zoneCertificateItem(item, { zone_aop_enabled: enabled })),
      ...(enabled === null ? {} : { settings: { aop_zone_enabled: enabled } }),
      invalid,
    };
  },
});
