// Custom (legacy/SNI) certificates as the simulator serves them: a page-based list (optionally
// filtered by status) and get by id. The API sends metadata only; nothing is minted unless a
// spec asks for a PEM on purpose.
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { randomHexId } from "../../../dev/simulator/object-ids.js";
import { byId, itemOrNotFound, pagedList } from "../../../dev/simulator/reply.js";
import { SERVER_CA_NAME, uploadTimes, validityOf, type ScenarioMinter } from "../../../dev/simulator/scenario-minting.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";
import type { OpenString } from "../../../dev/simulator/zone.js";

/** The 5-value custom (legacy/SNI) certificate status enum. */
export type CustomCertificateStatus = "active" | "expired" | "deleted" | "pending" | "initializing";

/** An item of `GET /zones/:zone_id/custom_certificates`: metadata only, normally no PEM. */
export interface CustomCertificateItem {
  /** 32 hex characters. */
  id: string;
  zone_id: string;
  hosts: string[];
  issuer: string;
  signature: string;
  status: OpenString<CustomCertificateStatus>;
  bundle_method: "ubiquitous" | "optimal" | "force";
  priority: number;
  uploaded_on: string;
  modified_on: string;
  expires_on: string;
  /** Not in the API as documented; a scenario may add one to test clients that read it when present. */
  certificate?: string;
}

export interface CustomCertificateSpec {
  /** 32 hex; random when absent. */
  id?: string;
  hosts: string[];
  /** expires_on = now + daysLeft; negative means already expired. */
  daysLeft: number;
  /** Default "active"; an expired certificate is only "expired" if the spec says so. */
  status?: string;
  /** Add a `certificate` PEM field, which the documented API never sends, to test clients that read it when present. */
  withPem?: boolean;
  /** Default the spec's position in the zone, from 1. */
  priority?: number;
}

export async function buildCustomCertificate(
  spec: CustomCertificateSpec,
  position: number,
  zoneId: string,
  minter: ScenarioMinter,
): Promise<CustomCertificateItem> {
  const { now } = minter;
  const firstHost = spec.hosts[0];
  if (firstHost === undefined) throw new Error("custom certificate: hosts must name at least one host");
  let issuer = SERVER_CA_NAME;
  let signature = "ECDSAWithSHA256";
  let { notBefore, notAfter } = validityOf(spec.daysLeft, undefined, now);
  let certificate: string | undefined;
  if (spec.withPem) {
    const minted = await minter.serverCertificate(firstHost, spec.hosts, spec.daysLeft);
    ({ notBefore, notAfter, pem: certificate, signature } = minted);
    issuer = minted.issuerCommonName;
  }
  const { uploadedOn, updatedAt } = uploadTimes(notBefore, now);
  const item: CustomCertificateItem = {
    id: spec.id ?? randomHexId(),
    zone_id: zoneId,
    hosts: [...spec.hosts],
    issuer,
    signature,
    status: spec.status ?? "active",
    bundle_method: "ubiquitous",
    priority: spec.priority ?? position,
    uploaded_on: rfc3339Seconds(uploadedOn.getTime()),
    modified_on: rfc3339Seconds(updatedAt.getTime()),
    expires_on: rfc3339Seconds(notAfter.getTime()),
  };
  if (certificate !== undefined) item.certificate = certificate;
  return item;
}

const routes = {
  customCertificateList: "/zones/:zone_id/custom_certificates",
  customCertificateItem: "/zones/:zone_id/custom_certificates/:custom_certificate_id",
} as const;

export const customCertificateSimulator = defineStoreSimulator({
  routes,
  async build(spec: { customCertificates?: CustomCertificateSpec[] }, { zoneId, minter }): Promise<{ customCertificates: CustomCertificateItem[] }> {
    const customCertificates = await Promise.all((spec.customCertificates ?? []).map((item, index) => buildCustomCertificate(item, index + 1, zoneId, minter)));
    return { customCertificates };
  },
  answer(zone, { template, params, path, query }) {
    if (template === routes.customCertificateItem) return itemOrNotFound(byId(zone.customCertificates, params.custom_certificate_id ?? ""), path);
    // What the unfiltered list includes is undocumented: here, everything.
    const status = query.get("status");
    return pagedList(status === null ? zone.customCertificates : zone.customCertificates.filter((cert) => cert.status === status), query);
  },
});
