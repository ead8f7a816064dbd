import { z } from "zod";
import { CloudflareApiError } from "../cloudflare/api-error.js";
import type { Source } from "./source.js";
import { certificateObject, parseItems, zoneCertificateItem } from "./api-fields.js";

const LIST = "/zones/:zone_id/origin_tls_client_auth";
const SETTINGS = "/zones/:zone_id/origin_tls_client_auth/settings";


const settings = z.object({ enabled: z.boolean() }).passthrough();

/**
 * Zone-level Authenticated Origin Pulls certificates (a single-page list) and the zone's AOP
 * switch: a zone certificate is only presented to the origin while zone-level AOP is enabled.
 */
export const aopZoneCertSource: Source = {
  name: "aop_zone_cert",
  async poll({ zone, client, signal }) {
    const [list, switchState] = await Promise.all([
      client.get(LIST, { zone_id: zone.id }, { signal }),
      client.get(SETTINGS, { zone_id: zone.id }, { signal }),
    ]);
    if (!Array.isArray(list.result)) throw new CloudflareApiError("invalid_response", LIST, "result is not a list");
    const parsedSettings = settings.safeParse(switchState.result);
    if (!parsedSettings.success) throw new CloudflareApiError("invalid_response", SETTINGS, "result has no boolean `enabled`");
    const enabled = parsedSettings.data.enabled;
    const items = parseItems(certificateObject, list.result, LIST).map((item) => zoneCertificateItem(item, { zone_aop_enabled: enabled }));
    return { items, settings: { aop_zone_enabled: enabled } };
  },
};
