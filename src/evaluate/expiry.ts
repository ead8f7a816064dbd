import type { CertificateRecord } from "../inventory/certificate-record.js";

export interface Thresholds {
  warning_days: number;
  critical_days: number;
}

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

const DAY_MS = 86_400_000;

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

/** The date `evaluateExpiry` judges (leaf notAfter, else the API's claim when there is no PEM); null when none is trustworthy. */
export function expiryDate(record: CertificateRecord): { expiresAt: number; fromPem: boolean } | null {
  if (record.parsed) return { expiresAt: record.parsed.notAfter, fromPem: true };
  if (record.pem === null && record.apiExpiresOn !== null) return { expiresAt: record.apiExpiresOn, fromPem: false };
  return null;
}
