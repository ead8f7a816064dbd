// Certificate packs as a scenario declares them and the API serves them. No pack carries a PEM,
// so nothing is minted.
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { derivedHexId, randomUUID } from "../../../dev/simulator/object-ids.js";
import { daysFrom } from "../../../dev/simulator/scenario-minting.js";
import { caIssuerName, type CertificateStatus, type ValidationError, type ValidationRecord } from "../../../dev/simulator/shared-shapes.js";
import type { OpenString } from "../../../dev/simulator/zone.js";

export type CertificatePackType =
  | "universal"
  | "advanced"
  | "total_tls"
  | "sni_custom"
  | "legacy_custom"
  | "mh_custom"
  | "managed_hostname"
  | "keyless";

/** An item of a certificate pack's `certificates[]`; `status` is a free-form string in the SDK. */
export interface PackCertificate {
  id: string;
  hosts: string[];
  status: string;
  issuer: string;
  signature: string;
  bundle_method: string;
  zone_id: string;
  uploaded_on: string;
  modified_on: string;
  expires_on: string;
}

/** An item of `GET /zones/:zone_id/ssl/certificate_packs`; there is no pack-level expiry. */
export interface CertificatePackItem {
  /** A 36-character UUID. */
  id: string;
  type: OpenString<CertificatePackType>;
  hosts: string[];
  status: OpenString<CertificateStatus>;
  certificate_authority: "google" | "lets_encrypt" | "ssl_com";
  validation_method: "txt" | "http" | "email";
  validity_days: 14 | 30 | 90 | 365;
  cloudflare_branding: boolean;
  /** The id of the first certificate; absent while the pack has none. */
  primary_certificate?: string;
  /** Present only when there are errors. */
  validation_errors?: ValidationError[];
  /** Present only while the pack awaits validation. */
  validation_records?: ValidationRecord[];
  certificates: PackCertificate[];
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
    uploaded_on: rfc3339Seconds(uploadedOn.getTime()),
    modified_on: rfc3339Seconds(uploadedOn.getTime()),
    expires_on: rfc3339Seconds(expiresOn.getTime()),
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
