// Zone-level authenticated origin pull (api.md §3.3): a single-page certificate list, its items,
// and the zone's on/off setting.
import { byId, itemOrNotFound, ok, type JsonReply } from "./reply.js";
import { ROUTE_TEMPLATES } from "./routes.js";
import type { SimZone, ZoneAopCertItem } from "./state.js";

export type ZoneAopTemplate =
  | typeof ROUTE_TEMPLATES.zoneAopCertificateList
  | typeof ROUTE_TEMPLATES.zoneAopCertificateItem
  | typeof ROUTE_TEMPLATES.zoneAopSettings;

/** As the fixture has it, a get leaves out the list item's `enabled`. */
function withoutEnabled(item: ZoneAopCertItem): Omit<ZoneAopCertItem, "enabled"> {
  const { enabled: _enabled, ...rest } = item;
  return rest;
}

export function answerZoneAopRoute(zone: SimZone, template: ZoneAopTemplate, params: Record<string, string>, path: string): JsonReply {
  switch (template) {
    case ROUTE_TEMPLATES.zoneAopCertificateList:
      // A SinglePage list: no paging parameters and no result_info.
      return ok(structuredClone(zone.aopZoneCertificates));
    case ROUTE_TEMPLATES.zoneAopCertificateItem: {
      const item = byId(zone.aopZoneCertificates, params.certificate_id ?? "");
      return itemOrNotFound(item && withoutEnabled(item), path);
    }
    case ROUTE_TEMPLATES.zoneAopSettings:
      return ok({ enabled: zone.aopZoneEnabled });
  }
}
