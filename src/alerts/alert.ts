import { createHash } from "node:crypto";
import { isPresentableCertificate } from "../evaluate/presented-certificate.js";

export const ALERT_NAMES = [
  "CertificateExpired",
  "CertificateExpiringSoon",
  "ChainCertificateExpiringSoon",
  "CertificateNotActive",
  "TrustStoreNoValidCA",
  "CertificateExpiryMismatch",
  "CertificateUnparsable",
  "SourceDown",
  "ZoneDiscoveryDown",
  "ApiTokenExpiringSoon",
  "ApiTokenNotActive",
] as const;
export type AlertName = (typeof ALERT_NAMES)[number];

/**
 * Alerts about what a certificate is (its dates, chain, PEM), not about the object holding it.
 * An AOP association presents its certificate, so it shares these with the certificate record.
 */
export const CERTIFICATE_CONTENT_ALERTS: ReadonlySet<AlertName> = new Set<AlertName>([
  "CertificateExpired",
  "CertificateExpiringSoon",
  "ChainCertificateExpiringSoon",
  "CertificateExpiryMismatch",
  "CertificateUnparsable",
]);

/**
 * A content alert of a certificate that AOP associations present (evaluate/presented-certificate.ts):
 * raised once, on the certificate, and shown on every association presenting it as well (the
 * check table, the status page), so a hostname serving a certificate about to expire never reads
 * "ok". Status alerts are not shared: an association has a status of its own.
 */
export function isPresentedContentAlert(labels: Pick<BuiltInAlertLabels, "alertname" | "source">): boolean {
  return isPresentableCertificate(labels.source) && CERTIFICATE_CONTENT_ALERTS.has(labels.alertname);
}

export const SEVERITIES = ["warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return severity === "critical" ? 2 : 1;
}

/** The worse of two severities; a missing one loses to any. */
export function worseSeverity(current: Severity | null | undefined, next: Severity): Severity {
  return current && severityRank(current) >= severityRank(next) ? current : next;
}

/** The labels certwatch itself gives every alert; configured labels come after them. */
export const ALERT_LABEL_NAMES = ["alertname", "severity", "zone", "zone_id", "account", "account_id", "source", "cert_id", "hostname"] as const;

export interface BuiltInAlertLabels {
  alertname: AlertName;
  severity: Severity;
  zone: string;
  zone_id: string;
  /** Only on an account's alerts (its zone labels are then empty). */
  account?: string;
  account_id?: string;
  source: string;
  cert_id: string;
  hostname: string;
}

/** Plus the configured labels of the alert's zone (`labels`, `zones[].labels`); config load refuses built-in names. */
export type AlertLabels = BuiltInAlertLabels & { readonly [custom: string]: string };

export interface AlertAnnotations {
  summary: string;
  description: string;
  /** RFC 3339, or "" when the alert is not about a date. */
  expires_at: string;
  /** The alert's section of the runbook (the annotation Prometheus and Alertmanager users know). */
  runbook_url: string;
  /** Deprecated: the same link as runbook_url, kept for one more release. */
  runbook: string;
  /** The certificate pack a `certificate_pack` record belongs to. */
  pack_id?: string;
}

/** A condition that holds now, as the rules see it. */
export interface Alert {
  fingerprint: string;
  labels: AlertLabels;
  annotations: AlertAnnotations;
  /**
   * The certificate's subject CN when the alert is about a parsed one. Silences match on it; it
   * is not a label, so payloads and fingerprints stay what they were before silences existed.
   */
  subjectCn?: string;
  /** Set while a silence mutes the alert: it stays firing in certwatch but no sink hears of it. */
  silenced?: SilenceMark;
}

/** Which silence mutes an alert, as the status page and `certwatch check` show it. */
export interface SilenceMark {
  /** RFC 3339, as written in the config. */
  until: string;
  comment: string;
}

/**
 * Identity of an alert across cycles and restarts: what it is about, not how bad it is, so a
 * severity change is the same alert getting worse.
 */
export function alertFingerprint(labels: Pick<AlertLabels, "alertname" | "zone_id" | "account_id" | "source" | "cert_id" | "hostname">): string {
  // An account's alert is keyed by its account id where a zone's has its zone id; a zone's key is what it always was.
  const where = labels.zone_id === "" && labels.account_id ? `account:${labels.account_id}` : labels.zone_id;
  const key = [labels.alertname, where, labels.source, labels.cert_id, labels.hostname].join("\u0000");
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

export type NotificationReason = "new" | "severity_change" | "repeat" | "resolved";

/** One alert event to tell a sink about. */
export interface Notification {
  status: "firing" | "resolved";
  reason: NotificationReason;
  alert: Alert;
  /** Epoch ms the alert started firing. */
  startsAt: number;
  /** Epoch ms it resolved; null while firing. */
  endsAt: number | null;
}
