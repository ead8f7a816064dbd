// The JSON shapes of a custom hostname (SSL for SaaS). Field names are Cloudflare's, so a test
// mutates exactly what the API would send.
import type { CertificateAuthority, CertificateStatus, ValidationError, ValidationRecord } from "../../../dev/simulator/shared-shapes.js";
import type { OpenString } from "../../../dev/simulator/zone.js";

/** The 16-value custom hostname (verification) status enum. */
export type CustomHostnameStatus =
  | "active"
  | "pending"
  | "active_redeploying"
  | "moved"
  | "pending_deletion"
  | "deleted"
  | "pending_blocked"
  | "pending_migration"
  | "pending_provisioned"
  | "test_pending"
  | "test_active"
  | "test_active_apex"
  | "test_blocked"
  | "test_failed"
  | "provisioned"
  | "blocked";

/** An item of a managed custom hostname's `ssl.certificates[]` (the Go SDK and live responses only). */
export interface ManagedCertificate {
  /** 32 hex characters. */
  id: string;
  issuer: string;
  /** Hex, as the fixture has it. */
  serial_number: string;
  signature: string;
  issued_on: string;
  expires_on: string;
  fingerprint_sha256: string;
}

/** The `ssl` object of a custom hostname: its certificate pack, managed or custom-uploaded. */
export interface CustomHostnameSsl {
  /** A 36-character UUID (the schema demands exactly 36). */
  id: string;
  status: OpenString<CertificateStatus>;
  method: "http" | "txt" | "email";
  type: "dv";
  /** Managed (CA-issued) hostnames only. */
  certificate_authority?: CertificateAuthority;
  bundle_method: "ubiquitous" | "optimal" | "force";
  wildcard: boolean;
  settings: { min_tls_version?: "1.0" | "1.1" | "1.2" | "1.3"; http2?: "on" | "off"; tls_1_3?: "on" | "off" };
  /** Present only when there are errors. */
  validation_errors?: ValidationError[];
  /** Present only while the certificate awaits validation. */
  validation_records?: ValidationRecord[];
  /** Managed hostnames: the issued certificates (no PEM); the expiry is their earliest `expires_on`. */
  certificates?: ManagedCertificate[];
  // Custom-uploaded hostnames: the uploaded certificate and its metadata.
  custom_certificate?: string;
  expires_on?: string;
  issuer?: string;
  /** Decimal. */
  serial_number?: string;
  signature?: string;
  uploaded_on?: string;
  hosts?: string[];
}

/** An item of `GET /zones/:zone_id/custom_hostnames` . */
export interface CustomHostnameItem {
  /** A 36-character UUID. */
  id: string;
  hostname: string;
  status: OpenString<CustomHostnameStatus>;
  created_at: string;
  /** Present only when there are errors. */
  verification_errors?: string[];
  ownership_verification: { type: "txt"; name: string; value: string };
  ssl: CustomHostnameSsl;
}
