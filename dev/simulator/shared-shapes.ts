// JSON shapes more than one store serves alike (custom hostnames and certificate packs).
import type { CERTIFICATE_STATUSES } from "../../src/stores/shared-statuses.js";

/** The 21-value enum shared by `ssl.status` of custom hostnames and certificate packs. */
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export type CertificateAuthority = "google" | "lets_encrypt" | "ssl_com" | "digicert";

/** How each CA names itself in `issuer`. */
const CA_ISSUER_NAMES: Record<CertificateAuthority, string> = {
  google: "GoogleTrustServices",
  lets_encrypt: "LetsEncrypt",
  ssl_com: "SSLCorp",
  digicert: "DigiCertInc",
};

export function caIssuerName(authority: CertificateAuthority): string {
  return CA_ISSUER_NAMES[authority];
}

export interface ValidationError {
  message: string;
}

/** A DCV record the CA checks while a certificate is pending validation. */
export interface ValidationRecord {
  status?: string;
  txt_name?: string;
  txt_value?: string;
  http_url?: string;
  http_body?: string;
  emails?: string[];
}
