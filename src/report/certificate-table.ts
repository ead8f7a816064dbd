import { CERTIFICATE_CONTENT_ALERTS, severityRank, type Alert } from "../alerts/alert.js";
import { displayName } from "../alerts/wording.js";
import { evaluateExpiry, type ExpiryEvaluation, type Thresholds } from "../evaluate/expiry.js";
import type { CertificateRecord } from "../inventory/certificate-record.js";

export interface CertificateRow {
  zone: string;
  source: string;
  name: string;
  status: string;
  expires: string;
  daysLeft: string;
  severity: string;
  note: string;
}

/** A record with its expiry evaluated against its zone's thresholds. */
export interface EvaluatedRecord {
  record: CertificateRecord;
  evaluation: ExpiryEvaluation;
}

const DAY_MS = 86_400_000;

/**
 * One row per record, soonest expiry first; records without a date come last. With `alerts`,
 * a row's severity is the worst alert firing on that record ("ok" when none), as on-call sees
 * it; without, it is the expiry band alone.
 */
export function certificateRows(records: CertificateRecord[], thresholds: Thresholds, now: number, alerts?: Alert[]): CertificateRow[] {
  const worst = alerts ? worstSeverityByRecord(alerts) : null;
  return records
    .map((record) => ({ record, evaluation: evaluateExpiry(record, thresholds, now) }))
    .sort(bySoonestExpiry)
    .map((item) => certificateRow(item, worst));
}

/** The table's order (also the status page's): soonest expiry first, undated records last. */
export function bySoonestExpiry(a: { evaluation: Pick<ExpiryEvaluation, "expiresAt"> }, b: { evaluation: Pick<ExpiryEvaluation, "expiresAt"> }): number {
  const left = a.evaluation.expiresAt ?? Infinity;
  const right = b.evaluation.expiresAt ?? Infinity;
  return left === right ? 0 : left - right;
}

/** The display text of one record; `worst` (from the firing alerts) decides the severity column when given. */
export function certificateRow({ record, evaluation }: EvaluatedRecord, worst: Map<string, Alert["labels"]["severity"]> | null = null): CertificateRow {
  return {
    zone: record.zoneName,
    source: record.source,
    name: displayName(record),
    status: record.status ?? "",
    expires: evaluation.expiresAt === null ? "-" : new Date(evaluation.expiresAt).toISOString().slice(0, 16).replace("T", " "),
    daysLeft: evaluation.daysLeft === null ? "-" : evaluation.daysLeft.toFixed(1),
    severity: worst ? (worstFor(record, worst) ?? "ok") : (evaluation.severity ?? "-"),
    note: noteFor(record),
  };
}

/** Which record an alert is about: its labels name the record's zone, source, cert id and hostname. */
export function recordAlertKey(r: { zoneId: string; source: string; certId: string; hostname: string }): string {
  return `${r.zoneId}\u0000${r.source}\u0000${r.certId}\u0000${r.hostname}`;
}

type Severity = Alert["labels"]["severity"];

/** Worst severity per record key, and per certificate (`content\u0000zone\u0000cert`) for content alerts. */
function worstSeverityByRecord(alerts: Alert[]): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  const raise = (key: string, severity: Severity) => {
    const current = worst.get(key);
    if (!current || severityRank(severity) > severityRank(current)) worst.set(key, severity);
  };
  for (const { labels } of alerts) {
    raise(recordAlertKey({ zoneId: labels.zone_id, source: labels.source, certId: labels.cert_id, hostname: labels.hostname }), labels.severity);
    if (labels.source === "aop_hostname_cert" && CERTIFICATE_CONTENT_ALERTS.has(labels.alertname)) raise(contentKey(labels.zone_id, labels.cert_id), labels.severity);
  }
  return worst;
}

/** An AOP association row also carries its certificate's content alerts (the engine raises them once, on the certificate). */
function worstFor(record: CertificateRecord, worst: Map<string, Severity>): Severity | undefined {
  const own = worst.get(recordAlertKey(record));
  const presented = record.source === "aop_hostname" && record.certId ? worst.get(contentKey(record.zoneId, record.certId)) : undefined;
  if (!own || !presented) return own ?? presented;
  return severityRank(own) >= severityRank(presented) ? own : presented;
}

function contentKey(zoneId: string, certId: string): string {
  return ["content", zoneId, certId].join("\u0000");
}

function noteFor(record: CertificateRecord): string {
  if (record.parseError) return `PEM does not parse: ${record.parseError}`;
  if (!record.parsed) {
    if (record.pem !== null) return "";
    return record.apiExpiresOn !== null ? "date from the API (Cloudflare exposes no PEM)" : "no certificate";
  }
  const notes: string[] = [];
  if (record.parsed.chainNotAfter < record.parsed.notAfter) {
    notes.push(`chain expires first (${new Date(record.parsed.chainNotAfter).toISOString().slice(0, 10)})`);
  }
  if (record.apiExpiresOn !== null && Math.abs(record.apiExpiresOn - record.parsed.notAfter) > DAY_MS) {
    notes.push(`API says ${new Date(record.apiExpiresOn).toISOString().slice(0, 10)}`);
  }
  return notes.join("; ");
}

const HEADERS: Record<keyof CertificateRow, string> = {
  zone: "ZONE",
  source: "SOURCE",
  name: "NAME",
  status: "STATUS",
  expires: "EXPIRES (UTC)",
  daysLeft: "DAYS LEFT",
  severity: "SEVERITY",
  note: "NOTE",
};

export function renderTable(rows: CertificateRow[]): string {
  const columns = Object.keys(HEADERS) as Array<keyof CertificateRow>;
  const widths = columns.map((c) => Math.max(HEADERS[c].length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(columns.map((c) => HEADERS[c])), ...rows.map((r) => line(columns.map((c) => r[c])))].join("\n");
}
