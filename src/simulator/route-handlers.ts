// Turns a matched route plus the live state into the status and envelope Cloudflare would send.
// The trust store and hostname AOP are answered here; every other store by its own module.
import { answerCustomHostnameRoute } from "./custom-hostname-handlers.js";
import { answerEdgeCertificateRoute } from "./edge-certificate-handlers.js";
import { ACM_REQUIRED, ERROR_CODES, failureEnvelope } from "./envelope.js";
import { byId, forbidden, itemOrNotFound, notFound, ok, pagedList, type JsonReply } from "./reply.js";
import { ROUTE_TEMPLATES, type RouteMatch } from "./routes.js";
import { findZone, type HostnameAssociation, type HostnameCertItem, type SimState, type SimZone } from "./state.js";
import { answerZoneAopRoute } from "./zone-aop-handlers.js";
import { answerZoneList, zoneObject } from "./zone-handlers.js";

export type { JsonReply } from "./reply.js";

/** [S24]/[GO0] list item: the certificate seen through an association (api.md §3.4). */
export interface AssociationShapedListItem {
  cert_id: string;
  cert_status: string;
  cert_uploaded_on: string;
  cert_updated_at: string;
  certificate: string;
  expires_on: string;
  issuer: string;
  serial_number: string;
  signature: string;
  hostname?: string;
  enabled?: boolean | null;
  status?: string;
  created_at?: string;
  updated_at?: string;
}

function asAssociationShaped(cert: HostnameCertItem, association: HostnameAssociation | undefined): AssociationShapedListItem {
  const item: AssociationShapedListItem = {
    cert_id: cert.id,
    cert_status: cert.status,
    cert_uploaded_on: cert.uploaded_on,
    cert_updated_at: cert.uploaded_on,
    certificate: cert.certificate,
    expires_on: cert.expires_on,
    issuer: cert.issuer,
    serial_number: cert.serial_number,
    signature: cert.signature,
  };
  if (association) {
    // In this shape `status` is the association's, which is why unassociated items carry none.
    Object.assign(item, {
      hostname: association.hostname,
      enabled: association.enabled,
      status: association.status,
      created_at: association.created_at,
      updated_at: association.updated_at,
    });
  }
  return item;
}

function hostnameCertificateList(zone: SimZone): unknown[] {
  if (zone.hostnameCertListShape === "sdk") return zone.hostnameCertificates.map((cert) => ({ ...cert }));
  const associations = Object.values(zone.hostnameAssociations);
  // One item per (certificate, hostname) pair, as association-shaped lists are; a certificate
  // nothing uses still appears once.
  return zone.hostnameCertificates.flatMap((cert) => {
    const users = associations.filter((association) => association.cert_id === cert.id);
    return users.length === 0 ? [asAssociationShaped(cert, undefined)] : users.map((user) => asAssociationShaped(cert, user));
  });
}

export function answerRoute(state: SimState, match: RouteMatch, path: string, query: URLSearchParams): JsonReply {
  const { template, params } = match;
  if (template === ROUTE_TEMPLATES.zoneList) return answerZoneList(state, query);
  const zone = findZone(state, params.zone_id ?? "");
  if (!zone) return notFound(path);

  switch (template) {
    case ROUTE_TEMPLATES.zoneItem:
      return ok(zoneObject(zone));
    case ROUTE_TEMPLATES.trustStoreList:
    case ROUTE_TEMPLATES.trustStoreItem:
      if (zone.entitlements?.trustStore === false) return forbidden(ACM_REQUIRED);
      return template === ROUTE_TEMPLATES.trustStoreList ? pagedList(zone.trustStore, query) : itemOrNotFound(byId(zone.trustStore, params.id ?? ""), path);
    case ROUTE_TEMPLATES.hostnameCertificateList:
      // A SinglePage list: no paging parameters and, as in the fixture, no result_info.
      return ok(hostnameCertificateList(zone));
    case ROUTE_TEMPLATES.hostnameCertificateItem:
      return itemOrNotFound(byId(zone.hostnameCertificates, params.id ?? ""), path);
    case ROUTE_TEMPLATES.hostnameAssociation: {
      const hostname = params.hostname ?? "";
      // hasOwn: a hostname such as "constructor" must not find Object.prototype members.
      const association = Object.hasOwn(zone.hostnameAssociations, hostname) ? zone.hostnameAssociations[hostname] : undefined;
      if (association) return ok({ ...association });
      return { status: 404, body: failureEnvelope(ERROR_CODES.unknownRoute, `No hostname association found for ${hostname}`) };
    }
    case ROUTE_TEMPLATES.zoneAopCertificateList:
    case ROUTE_TEMPLATES.zoneAopCertificateItem:
    case ROUTE_TEMPLATES.zoneAopSettings:
      return answerZoneAopRoute(zone, template, params, path);
    case ROUTE_TEMPLATES.customHostnameList:
    case ROUTE_TEMPLATES.customHostnameItem:
      return answerCustomHostnameRoute(zone, template, params, path, query);
    case ROUTE_TEMPLATES.customCertificateList:
    case ROUTE_TEMPLATES.customCertificateItem:
    case ROUTE_TEMPLATES.certificatePackList:
    case ROUTE_TEMPLATES.certificatePackItem:
      return answerEdgeCertificateRoute(zone, template, params, path, query);
  }
}
