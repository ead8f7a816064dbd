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
 * A switch that cannot be read is unknown (null), which keeps the certificates and their full
 * expiry severity: an unreadable switch must not quiet a certificate that may be in use.
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
    const enabled = parsedSettings.success ? parsedSettings.data.enabled : null;
    const { items, invalid } = parseItems(certificateObject, list.result, LIST);
    if (enabled === null) invalid.add("bad_field", `${SETTINGS}: result has no boolean \`enabled\`; zone-level AOP treated as unknown`);
    return {
      items: items.map((item) => zoneCertificateItem(item, { zone_aop_enabled: enabled })),
      ...(enabled === null ? {} : { settings: { aop_zone_enabled: enabled } }),
      invalid,
    };
  },
};
