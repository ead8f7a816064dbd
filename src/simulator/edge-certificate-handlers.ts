// Custom (legacy/SNI) certificates (api.md §3.7) and certificate packs (§3.8), both page-based.
import { byId, itemOrNotFound, pagedList, type JsonReply } from "./reply.js";
import { ROUTE_TEMPLATES } from "./routes.js";
import type { SimZone } from "./state.js";

export type EdgeCertificateTemplate =
  | typeof ROUTE_TEMPLATES.customCertificateList
  | typeof ROUTE_TEMPLATES.customCertificateItem
  | typeof ROUTE_TEMPLATES.certificatePackList
  | typeof ROUTE_TEMPLATES.certificatePackItem;

/**
 * The real API's trap: without `status=all` the pack list holds active packs only, so pending,
 * timed-out and expired packs are invisible to a client that forgets it. Any other value is
 * treated like no value.
 */
function listedPacks(zone: SimZone, query: URLSearchParams) {
  return query.get("status") === "all" ? zone.certificatePacks : zone.certificatePacks.filter((pack) => pack.status === "active");
}

export function answerEdgeCertificateRoute(
  zone: SimZone,
  template: EdgeCertificateTemplate,
  params: Record<string, string>,
  path: string,
  query: URLSearchParams,
): JsonReply {
  switch (template) {
    case ROUTE_TEMPLATES.customCertificateList: {
      // What the unfiltered list includes is unknown (api.md §10): here, everything.
      const status = query.get("status");
      return pagedList(status === null ? zone.customCertificates : zone.customCertificates.filter((cert) => cert.status === status), query);
    }
    case ROUTE_TEMPLATES.customCertificateItem:
      return itemOrNotFound(byId(zone.customCertificates, params.custom_certificate_id ?? ""), path);
    case ROUTE_TEMPLATES.certificatePackList:
      return pagedList(listedPacks(zone, query), query);
    case ROUTE_TEMPLATES.certificatePackItem:
      // A get finds a pack whatever its status.
      return itemOrNotFound(byId(zone.certificatePacks, params.certificate_pack_id ?? ""), path);
  }
}
