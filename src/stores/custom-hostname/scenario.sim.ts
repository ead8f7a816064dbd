// Declarative custom hostnames (SSL for SaaS, docs/cloudflare-api.md §3.6): "a managed hostname stuck in
// validation_timed_out with 10 days left" becomes the `ssl` object Cloudflare would serve.
// Managed certificates have no PEM, so they cost nothing to build; custom-uploaded ones do.
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { derivedFingerprint, derivedHexId, derivedUuid, randomUUID } from "../../../dev/simulator/object-ids.js";
import { apiExpiry, daysFrom, decimalSerial, uploadTimes, type ApiExpiryClaim, type ScenarioMinter } from "../../../dev/simulator/scenario-minting.js";
import { caIssuerName, type CertificateAuthority } from "../../../dev/simulator/shared-shapes.js";
import type { CustomHostnameItem, CustomHostnameSsl, ManagedCertificate } from "./shape.sim.js";

export interface CustomHostnameSpec {
  hostname: string;
  /** A 36-character UUID; random when absent. */
  id?: string;
  /** The hostname's verification status; default "active". */
  status?: string;
  /** `ssl.status`; default "active". */
  sslStatus?: string;
  /** "managed": CA-issued, `ssl.certificates[]` without PEM. "custom": an uploaded PEM in `ssl.custom_certificate`. */
  kind: "managed" | "custom";
  /** Managed: the earliest `ssl.certificates[].expires_on`. Custom: the PEM's notAfter. Days from now. */
  daysLeft: number;
  /** Custom only: what `ssl.expires_on` claims; default the PEM's own notAfter. */
  apiExpiresOn?: ApiExpiryClaim;
  verificationErrors?: string[];
  /** Served as `ssl.validation_errors[].message`. */
  validationErrors?: string[];
  /** Managed only; default "google". */
  certificateAuthority?: CertificateAuthority;
  /** Custom only: reuse one PEM per distinct daysLeft instead of minting one for this hostname. */
  sharedPem?: boolean;
}

/** Managed certificates live 90 days; one is never issued in the future. */
function issuedOn(expiresOn: Date, now: Date): Date {
  return new Date(Math.min(daysFrom(expiresOn, -90).getTime(), daysFrom(now, -1).getTime()));
}

/**
 * Cloudflare issues an ECDSA and an RSA certificate. The RSA one is listed second but expires a
 * day earlier, so a client that reads only `certificates[0]` reports the wrong expiry.
 */
function managedCertificates(hostnameId: string, authority: CertificateAuthority, daysLeft: number, now: Date): ManagedCertificate[] {
  const variants = [
    { signature: "ECDSAWithSHA256", daysLeft: daysLeft + 1 },
    { signature: "SHA256WithRSA", daysLeft },
  ];
  return variants.map((variant, index) => {
    const id = derivedHexId(`${hostnameId}/certificates/${index}`);
    const expiresOn = daysFrom(now, variant.daysLeft);
    return {
      id,
      issuer: caIssuerName(authority),
      serial_number: derivedHexId(`${id}/serial`),
      signature: variant.signature,
      issued_on: rfc3339Seconds(issuedOn(expiresOn, now).getTime()),
      expires_on: rfc3339Seconds(expiresOn.getTime()),
      fingerprint_sha256: derivedFingerprint(id),
    };
  });
}

async function customUploadedFields(spec: CustomHostnameSpec, minter: ScenarioMinter): Promise<Partial<CustomHostnameSsl>> {
  const minted = spec.sharedPem
    ? await minter.sharedServerCertificate(spec.daysLeft)
    : await minter.serverCertificate(spec.hostname, [spec.hostname], spec.daysLeft);
  return {
    custom_certificate: minted.pem,
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, minter.now),
    issuer: minted.issuerCommonName,
    serial_number: decimalSerial(minted.serialHex),
    signature: minted.signature,
    uploaded_on: rfc3339Seconds(uploadTimes(minted.notBefore, minter.now).uploadedOn.getTime()),
    hosts: [spec.hostname],
  };
}

export async function buildCustomHostname(spec: CustomHostnameSpec, minter: ScenarioMinter): Promise<CustomHostnameItem> {
  if (spec.kind === "managed" && spec.apiExpiresOn !== undefined) {
    throw new Error(`custom hostname ${spec.hostname}: apiExpiresOn applies to custom-uploaded certificates only (a managed one has no PEM to contradict)`);
  }
  const { now } = minter;
  const id = spec.id ?? randomUUID();
  const sslStatus = spec.sslStatus ?? "active";
  const ssl: CustomHostnameSsl = {
    id: derivedUuid(`${id}/ssl`),
    status: sslStatus,
    method: "txt",
    type: "dv",
    bundle_method: "ubiquitous",
    wildcard: false,
    settings: { min_tls_version: "1.2" },
  };
  if (spec.validationErrors?.length) ssl.validation_errors = spec.validationErrors.map((message) => ({ message }));
  if (sslStatus === "pending_validation") {
    ssl.validation_records = [{ status: "pending", txt_name: `_acme-challenge.${spec.hostname}`, txt_value: derivedHexId(`${id}/dcv`) }];
  }
  if (spec.kind === "managed") {
    const authority = spec.certificateAuthority ?? "google";
    ssl.certificate_authority = authority;
    ssl.certificates = managedCertificates(id, authority, spec.daysLeft, now);
  } else {
    Object.assign(ssl, await customUploadedFields(spec, minter));
  }

  const item: CustomHostnameItem = {
    id,
    hostname: spec.hostname,
    status: spec.status ?? "active",
    created_at: rfc3339Seconds(daysFrom(now, -180).getTime()),
    ownership_verification: { type: "txt", name: `_cf-custom-hostname.${spec.hostname}`, value: derivedUuid(`${id}/ownership`) },
    ssl,
  };
  if (spec.verificationErrors?.length) item.verification_errors = [...spec.verificationErrors];
  return item;
}

export interface BulkCustomHostnameOptions {
  /** Hostnames are `host-0001.<domain>`, `host-0002.<domain>`, … */
  domain: string;
  /** Overrides for the hostname at `index` (from 0), e.g. to make every tenth one custom-uploaded. */
  customize?: (index: number) => Partial<CustomHostnameSpec>;
}

/**
 * `count` custom hostnames for paging and load tests: managed and active by default, with 30 to
 * 89 days left, and ids derived from domain and index (stable across builds). Custom-uploaded
 * ones share one PEM per distinct daysLeft unless `customize` says otherwise.
 */
export function bulkCustomHostnames(count: number, options: BulkCustomHostnameOptions): CustomHostnameSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const base: CustomHostnameSpec = {
      id: derivedUuid(`bulk/${options.domain}/${index}`),
      hostname: `host-${String(index + 1).padStart(4, "0")}.${options.domain}`,
      kind: "managed",
      daysLeft: 30 + (index % 60),
    };
    const spec = { ...base, ...options.customize?.(index) };
    if (spec.kind === "custom" && spec.sharedPem === undefined) spec.sharedPem = true;
    return spec;
  });
}
