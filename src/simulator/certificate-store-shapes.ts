// The JSON shapes of the certificate stores beyond the trust store and hostname AOP: zone-level
// AOP certificates, custom hostnames, custom certificates and certificate packs (api.md §3.3,
// §3.6–§3.8). Field names are Cloudflare's, so a test mutates exactly what the API would send.
import type { AopStatus } from "./state.js";

// `(string & {})` keeps editor completion for the known values while still letting a test serve
// an unknown status on purpose (the daemon must survive one).
export type OpenString<Known extends string> = Known | (string & {});

/** The 21-value enum shared by `ssl.status` of custom hostnames and certificate packs (§3.6). */
export type CertificateStatus =
  | "initializing"
  | "pending_validation"
  | "deleted"
  | "pending_issuance"
  | "pending_deployment"
  | "pending_deletion"
  | "pending_expiration"
  | "expired"
  | "active"
  | "initializing_timed_out"
  | "validation_timed_out"
  | "issuance_timed_out"
  | "deployment_timed_out"
  | "deletion_timed_out"
  | "pending_cleanup"
  | "staging_deployment"
  | "staging_active"
  | "deactivating"
  | "inactive"
  | "backup_issued"
  | "holding_deployment";

/** The 16-value custom hostname (verification) status enum (§3.6). */
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

/** The 5-value custom (legacy/SNI) certificate status enum (§3.7). */
export type CustomCertificateStatus = "active" | "expired" | "deleted" | "pending" | "initializing";

export type CertificateAuthority = "google" | "lets_encrypt" | "ssl_com" | "digicert";

/** An item of `GET /zones/:zone_id/origin_tls_client_auth` (§3.3); ids are 32 hex characters. */
export interface ZoneAopCertItem {
  id: string;
  certificate: string;
  issuer: string;
  signature: string;
  status: OpenString<AopStatus>;
  expires_on: string;
  uploaded_on: string;
  /** Served in list items only, and only when set (the get leaves it out, as the fixture does). */
  enabled?: boolean;
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

/** An item of a managed custom hostname's `ssl.certificates[]` ([GO0] and live responses only). */
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

/** An item of `GET /zones/:zone_id/custom_hostnames` (§3.6). */
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

/** An item of `GET /zones/:zone_id/custom_certificates` (§3.7): metadata only, normally no PEM. */
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

/** An item of `GET /zones/:zone_id/ssl/certificate_packs` (§3.8); there is no pack-level expiry. */
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
