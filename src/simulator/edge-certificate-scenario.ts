// Declarative edge certificates: custom (legacy/SNI) certificates (api.md §3.7) and certificate
// packs (§3.8). Neither carries a PEM in the API, so nothing is minted unless a custom
// certificate asks for one on purpose.
import type { CertificatePackItem, CustomCertificateItem, PackCertificate } from "./certificate-store-shapes.js";
import { caIssuerName } from "./custom-hostname-scenario.js";
import { derivedHexId, randomHexId, randomUUID } from "./object-ids.js";
import { daysFrom, SERVER_CA_NAME, uploadTimes, validityOf, type ScenarioMinter } from "./scenario-minting.js";
import { rfc3339 } from "./state.js";

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
    uploaded_on: rfc3339(uploadedOn),
    modified_on: rfc3339(updatedAt),
    expires_on: rfc3339(notAfter),
  };
  if (certificate !== undefined) item.certificate = certificate;
  return item;
}

export interface PackCertificateSpec {
  /** Default derived from the pack id and position (32 hex). */
  id?: string;
  daysLeft: number;
  /** Default "active". */
  status?: string;
}

export interface CertificatePackSpec {
  /** A UUID; random when absent. */
  id?: string;
  /** Default "advanced". */
  type?: string;
  /** Default "active". Only active packs are listed without `status=all`. */
  status?: string;
  hosts: string[];
  /** Listed in this order; alternately ECDSA and RSA. Empty for a pack never issued. */
  certificates: PackCertificateSpec[];
  validationErrors?: string[];
  /** Default "google". */
  certificateAuthority?: "google" | "lets_encrypt" | "ssl_com";
}

const PACK_VALIDITY_DAYS = 90;

interface PackContext {
  id: string;
  hosts: string[];
  issuer: string;
  zoneId: string;
  now: Date;
}

function buildPackCertificate(spec: PackCertificateSpec, index: number, pack: PackContext): PackCertificate {
  const { now } = pack;
  const expiresOn = daysFrom(now, spec.daysLeft);
  const uploadedOn = new Date(Math.min(daysFrom(expiresOn, -PACK_VALIDITY_DAYS).getTime(), daysFrom(now, -1).getTime()));
  return {
    id: spec.id ?? derivedHexId(`${pack.id}/certificates/${index}`),
    hosts: [...pack.hosts],
    status: spec.status ?? "active",
    issuer: pack.issuer,
    signature: index % 2 === 0 ? "ECDSAWithSHA256" : "SHA256WithRSA",
    bundle_method: "ubiquitous",
    zone_id: pack.zoneId,
    uploaded_on: rfc3339(uploadedOn),
    modified_on: rfc3339(uploadedOn),
    expires_on: rfc3339(expiresOn),
  };
}

export function buildCertificatePack(spec: CertificatePackSpec, zoneId: string, now: Date): CertificatePackItem {
  const id = spec.id ?? randomUUID();
  const authority = spec.certificateAuthority ?? "google";
  const context: PackContext = { id, hosts: spec.hosts, issuer: caIssuerName(authority), zoneId, now };
  const certificates = spec.certificates.map((cert, index) => buildPackCertificate(cert, index, context));
  const status = spec.status ?? "active";
  const pack: CertificatePackItem = {
    id,
    type: spec.type ?? "advanced",
    hosts: [...spec.hosts],
    status,
    certificate_authority: authority,
    validation_method: "txt",
    validity_days: PACK_VALIDITY_DAYS,
    cloudflare_branding: false,
    certificates,
  };
  if (certificates[0]) pack.primary_certificate = certificates[0].id;
  if (spec.validationErrors?.length) pack.validation_errors = spec.validationErrors.map((message) => ({ message }));
  if (status === "pending_validation") {
    pack.validation_records = spec.hosts.map((host) => ({
      status: "pending",
      txt_name: `_acme-challenge.${host.replace(/^\*\./, "")}`,
      txt_value: derivedHexId(`${id}/dcv/${host}`),
    }));
  }
  return pack;
}
