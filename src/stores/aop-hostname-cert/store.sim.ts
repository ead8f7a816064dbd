// Per-hostname AOP certificates as the simulator serves them: a single-page list in either of the
// two item shapes the sources disagree on, and get by id. The hostname associations are built and
// kept here too: the association-shaped list is made of them.
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { randomUUID } from "../../../dev/simulator/object-ids.js";
import { byId, itemOrNotFound, ok } from "../../../dev/simulator/reply.js";
import { apiExpiry, decimalSerial, mintForApi, uploadTimes, type CertSpec } from "../../../dev/simulator/scenario-minting.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";
import type { MintedCertificate } from "../../../dev/simulator/mint.js";
import type { OpenString } from "../../../dev/simulator/zone.js";
import { buildAssociation, type AssociationSpec, type HostnameAssociation } from "../aop-hostname/store.sim.js";
import type { AOP_STATUSES } from "../shared-statuses.js";

type AopStatus = (typeof AOP_STATUSES)[number];

/** An item of `GET /zones/:zone_id/origin_tls_client_auth/hostnames/certificates` in the SDK's shape. */
export interface HostnameCertItem {
  id: string;
  certificate: string;
  issuer: string;
  serial_number: string;
  signature: string;
  status: OpenString<AopStatus>;
  expires_on: string;
  uploaded_on: string;
}

/**
 * How the hostname-certificate list serialises its items. The sources disagree: "sdk" serves
 * HostnameCertItem as is; "association" serves the association-like shape (cert_id,
 * cert_status, cert_uploaded_on, ...) with no id/status/uploaded_on.
 */
export type HostnameCertListShape = "sdk" | "association";

/** A list item in the association shape: the certificate seen through an association. */
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

export interface HostnameCertZoneData {
  hostnameCertificates: HostnameCertItem[];
  hostnameCertListShape: HostnameCertListShape;
  /** Keyed by hostname. */
  hostnameAssociations: Record<string, HostnameAssociation>;
}

export interface HostnameCertZoneSpec {
  hostnameCertificates?: CertSpec[];
  /** Default "sdk". */
  hostnameCertListShape?: HostnameCertListShape;
  associations?: AssociationSpec[];
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

function hostnameCertificateList(zone: HostnameCertZoneData): unknown[] {
  if (zone.hostnameCertListShape === "sdk") return zone.hostnameCertificates.map((cert) => ({ ...cert }));
  const associations = Object.values(zone.hostnameAssociations);
  // One item per (certificate, hostname) pair, as association-shaped lists are; a certificate
  // nothing uses still appears once.
  return zone.hostnameCertificates.flatMap((cert) => {
    const users = associations.filter((association) => association.cert_id === cert.id);
    return users.length === 0 ? [asAssociationShaped(cert, undefined)] : users.map((user) => asAssociationShaped(cert, user));
  });
}

async function buildHostnameCertItem(spec: CertSpec, now: Date, clientCa: MintedCertificate): Promise<HostnameCertItem> {
  const minted = await mintForApi(spec, now, clientCa);
  return {
    id: spec.id ?? randomUUID(),
    certificate: minted.certificate,
    issuer: minted.issuer,
    serial_number: decimalSerial(minted.serialHex),
    signature: minted.signature,
    status: spec.status ?? "active",
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, now),
    uploaded_on: rfc3339Seconds(uploadTimes(minted.notBefore, now).uploadedOn.getTime()),
  };
}

function linkAssociations(spec: HostnameCertZoneSpec, zoneName: string, certificates: HostnameCertItem[], now: Date): Record<string, HostnameAssociation> {
  const certByKey = new Map<string, HostnameCertItem>();
  (spec.hostnameCertificates ?? []).forEach((certSpec, index) => certByKey.set(certSpec.key ?? certSpec.cn, certificates[index]!));

  const hostnameAssociations: Record<string, HostnameAssociation> = {};
  for (const association of spec.associations ?? []) {
    const cert = certByKey.get(association.cert);
    if (!cert) throw new Error(`zone ${zoneName}: association ${association.hostname} refers to unknown certificate "${association.cert}"`);
    hostnameAssociations[association.hostname] = buildAssociation(association, cert, now);
  }
  return hostnameAssociations;
}

const routes = {
  hostnameCertificateList: "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates",
  hostnameCertificateItem: "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates/:id",
} as const;

export const aopHostnameCertSimulator = defineStoreSimulator({
  routes,
  async build(spec: HostnameCertZoneSpec, { zoneName, minter }): Promise<HostnameCertZoneData> {
    const { now, clientCa } = minter;
    const hostnameCertificates = await Promise.all((spec.hostnameCertificates ?? []).map((item) => buildHostnameCertItem(item, now, clientCa)));
    return {
      hostnameCertificates,
      hostnameCertListShape: spec.hostnameCertListShape ?? "sdk",
      hostnameAssociations: linkAssociations(spec, zoneName, hostnameCertificates, now),
    };
  },
  answer(zone, { template, params, path }) {
    // A SinglePage list: no paging parameters and, as in the fixture, no result_info.
    if (template === routes.hostnameCertificateList) return ok(hostnameCertificateList(zone));
    return itemOrNotFound(byId(zone.hostnameCertificates, params.id ?? ""), path);
  },
});
