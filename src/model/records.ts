import type { ParsedCertificate } from "./parsed-certificate.js";
import type { TargetScope } from "./poll-target.js";
import type { SourceName } from "./source-name.js";

/**
 * What a source reports for one certificate object, in Cloudflare's terms but normalized:
 * ids and hostnames as strings ("" where they do not apply), dates as epoch ms or null.
 */
export interface SourceItem {
  certId: string;
  hostname: string;
  /** The status that `certwatch_cert_status` reports for this record. */
  status: string | null;
  /** The API's claim of expiry, epoch ms, when it sent one. */
  apiExpiresOn: number | null;
  /** PEM text as the API sent it, or null when this object carries none. */
  pem: string | null;
  /** The API's own issuer string (not the PEM's), for display. */
  apiIssuer: string | null;
  /** Extra per-resource facts, e.g. the AOP association's `enabled` and `cert_status`. */
  attributes: Record<string, string | boolean | null>;
}

/** A SourceItem placed in its zone and source, with its PEM parsed. Built by the inventory. */
export interface CertificateRecord extends SourceItem {
  /** The zone's id, or the account's when `scope` is "account" (placement.ts turns these into labels). */
  zoneId: string;
  zoneName: string;
  /** Absent for a zone's record. */
  scope?: TargetScope;
  source: SourceName;
  parsed: ParsedCertificate | null;
  parseError: string | null;
}

/** The identity of a record inside the inventory; stable across cycles. */
export function recordKey(r: Pick<CertificateRecord, "zoneId" | "source" | "certId" | "hostname">): string {
  return `${r.zoneId}\u0000${r.source}\u0000${r.certId}\u0000${r.hostname}`;
}
