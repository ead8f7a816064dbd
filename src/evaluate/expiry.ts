import type { CertificateRecord } from "../inventory/certificate-record.js";

export interface Thresholds {
  warning_days: number;
  critical_days: number;
}

export type ExpirySeverity = "ok" | "warning" | "critical";

export interface ExpiryEvaluation {
  /** The leaf's notAfter from the PEM; null when there is no parsable PEM (never a guess). */
  expiresAt: number | null;
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
  if (!record.parsed) return { expiresAt: null, daysLeft: null, expired: false, severity: null };
  const expiresAt = record.parsed.notAfter;
  const daysLeft = (expiresAt - now) / DAY_MS;
  const expired = now >= expiresAt;
  let severity: ExpirySeverity = "ok";
  if (expired || daysLeft < thresholds.critical_days) severity = "critical";
  else if (daysLeft < thresholds.warning_days) severity = "warning";
  return { expiresAt, daysLeft, expired, severity };
}
