// Turns a matched route plus the live state into the status and envelope Cloudflare would send.
import { couldNotRoute, ERROR_CODES, failureEnvelope, successEnvelope, type FailureEnvelope, type SuccessEnvelope } from "./envelope.js";
import { paginate, parsePageRequest } from "./pagination.js";
import { ROUTE_TEMPLATES, type RouteMatch } from "./routes.js";
import { findZone, type HostnameAssociation, type HostnameCertItem, type SimState, type SimZone } from "./state.js";

export interface JsonReply {
  status: number;
  body: SuccessEnvelope<unknown> | FailureEnvelope;
}

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

const ok = (body: SuccessEnvelope<unknown>): JsonReply => ({ status: 200, body });
const notFound = (body: FailureEnvelope): JsonReply => ({ status: 404, body });

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

function byId<T extends { id: string }>(items: readonly T[], id: string): T | undefined {
  return items.find((item) => item.id === id);
}

export function answerRoute(state: SimState, match: RouteMatch, path: string, query: URLSearchParams): JsonReply {
  const zone = findZone(state, match.params.zone_id ?? "");
  if (!zone) return notFound(couldNotRoute(path));
  const id = match.params.id ?? "";

  switch (match.template) {
    case ROUTE_TEMPLATES.trustStoreList: {
      const request = parsePageRequest(query);
      if (!request.ok) return { status: 400, body: failureEnvelope(ERROR_CODES.badRequest, `Invalid request: ${request.message}`) };
      const { result, resultInfo } = paginate(zone.trustStore, request.page, request.perPage);
      return ok(successEnvelope(result.map((item) => ({ ...item })), resultInfo));
    }
    case ROUTE_TEMPLATES.trustStoreItem: {
      const item = byId(zone.trustStore, id);
      return item ? ok(successEnvelope({ ...item })) : notFound(couldNotRoute(path));
    }
    case ROUTE_TEMPLATES.hostnameCertificateList:
      // A SinglePage list: no paging parameters and, as in the fixture, no result_info.
      return ok(successEnvelope(hostnameCertificateList(zone)));
    case ROUTE_TEMPLATES.hostnameCertificateItem: {
      const cert = byId(zone.hostnameCertificates, id);
      return cert ? ok(successEnvelope({ ...cert })) : notFound(couldNotRoute(path));
    }
    case ROUTE_TEMPLATES.hostnameAssociation: {
      const hostname = match.params.hostname ?? "";
      // hasOwn: a hostname such as "constructor" must not find Object.prototype members.
      const association = Object.hasOwn(zone.hostnameAssociations, hostname) ? zone.hostnameAssociations[hostname] : undefined;
      if (association) return ok(successEnvelope({ ...association }));
      return notFound(failureEnvelope(ERROR_CODES.unknownRoute, `No hostname association found for ${hostname}`));
    }
  }
}
