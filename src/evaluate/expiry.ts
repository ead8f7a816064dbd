import type { Thresholds } from "../config/schema.js";
import type { CertificateRecord } from "../model/index.js";

/** The expiry bands of a zone: config's schema defines them; the rules here read them. */
export type { Thresholds };

export type ExpirySeverity = "ok" | "warning" | "critical";

export interface ExpiryEvaluation {
  /**
   * The leaf's notAfter from the PEM; for an object Cloudflare exposes no PEM for (managed
   * certificates, packs), the API's `expires_on`. Null when a PEM exists but does not parse:
   * then there is no trustworthy date, and none is guessed.
   */
  expiresAt: number | null;
  /** True when `expiresAt` comes from the PEM, false when from the API, null without a date. */
  fromPem: boolean | null;
  daysLeft: number | null;
  expired: boolean;
  severity: ExpirySeverity | null;
}

export const DAY_MS = 86_400_000;

/**
 * Where a certificate stands against the thresholds at `now`. The bands do not overlap:
 * expired, else critical under `critical_days`, else warning under `warning_days`, else ok.
 */
export function evaluateExpiry(record: CertificateRecord, thresholds: Thresholds, now: number): ExpiryEvaluation {
  const date = expiryDate(record);
  if (!date) return { expiresAt: null, fromPem: null, daysLeft: null, expired: false, severity: null };
  const { expiresAt, fromPem } = date;
  const daysLeft = (expiresAt - now) / DAY_MS;
  const expired = now >= expiresAt;
  let severity: ExpirySeverity = "ok";
  if (expired || daysLeft < thresholds.critical_days) severity = "critical";
  else if (daysLeft < thresholds.warning_days) severity = "warning";
  return { expiresAt, fromPem, daysLeft, expired, severity };
}

type DatedRecord = Pick<CertificateRecord, "parsed" | "pem" | "apiExpiresOn">;

/**
 * Which date counts for this record: the leaf's notAfter from its PEM; for an object Cloudflare
 * exposes no PEM for, the API's `expires_on`; null when a PEM exists but does not parse (then
 * the API's claim is not trusted either) or no date is known. Alerts, the metrics'
 * certwatch_cert_expiry_timestamp_seconds, the table and the status page all judge by this.
 */
export function expiryDate(record: DatedRecord): { expiresAt: number; fromPem: boolean } | null {
  if (record.parsed) return { expiresAt: record.parsed.notAfter, fromPem: true };
  if (record.pem === null && record.apiExpiresOn !== null) return { expiresAt: record.apiExpiresOn, fromPem: false };
  return null;
}

/**
 * The date an alert names in its `expires_at` when it is not about the date itself: the one
 * that counts, else the API's claim even beside an unreadable PEM. Shown to on-call as the
 * best hint there is; never judged against the thresholds.
 */
export function statedExpiry(record: DatedRecord): number | null {
  return expiryDate(record)?.expiresAt ?? record.apiExpiresOn;
}

/** The API's `expires_on` when it disagrees with the PEM's notAfter by more than a day; null when they agree or either is missing. */
export function disagreeingApiExpiry(record: DatedRecord): number | null {
  if (!record.parsed || record.apiExpiresOn === null) return null;
  return Math.abs(record.apiExpiresOn - record.parsed.notAfter) > DAY_MS ? record.apiExpiresOn : null;
}

/** The order of the `certwatch check` table and the status page: soonest expiry first, undated (null) last, equal dates unordered. */
export function bySoonestExpiry(left: number | null, right: number | null): number {
  const a = left ?? Infinity;
  const b = right ?? Infinity;
  return a === b ? 0 : a - b;
}
