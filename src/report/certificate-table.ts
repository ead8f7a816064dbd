import { isPresentedContentAlert, worseSeverity, type Alert, type Severity } from "../alerts/alert.js";
import { displayName } from "../alerts/wording.js";
import { utcMinute } from "../clock/rfc3339.js";
import { bySoonestExpiry, disagreeingApiExpiry, evaluateExpiry, type ExpiryEvaluation, type Thresholds } from "../evaluate/expiry.js";
import { presentedCertificateKey, presentsHostnameCertificate } from "../evaluate/presented-certificate.js";
import { placementTitle, recordKey, targetIdOfLabels, type CertificateRecord, type SourceName } from "../model/index.js";

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

/**
 * One row per record, soonest expiry first; records without a date come last. With `alerts`,
 * a row's severity is the worst alert firing on that record ("ok" when none), as on-call sees
 * it; without, it is the expiry band alone.
 */
export function certificateRows(records: CertificateRecord[], thresholds: Thresholds, now: number, alerts?: Alert[]): CertificateRow[] {
  const worst = alerts ? worstSeverityByRecord(alerts) : null;
  return records
    .map((record) => ({ record, evaluation: evaluateExpiry(record, thresholds, now) }))
    .sort((a, b) => bySoonestExpiry(a.evaluation.expiresAt, b.evaluation.expiresAt))
    .map((item) => certificateRow(item, worst));
}

/** The display text of one record; `worst` (from the firing alerts) decides the severity column when given. */
export function certificateRow({ record, evaluation }: EvaluatedRecord, worst: WorstSeverities | null = null): CertificateRow {
  return {
    zone: placementTitle(record),
    source: record.source,
    name: displayName(record),
    status: record.status ?? "",
    expires: evaluation.expiresAt === null ? "-" : utcMinute(evaluation.expiresAt),
    daysLeft: evaluation.daysLeft === null ? "-" : evaluation.daysLeft.toFixed(1),
    severity: worst ? (worstFor(record, worst) ?? "ok") : (evaluation.severity ?? "-"),
    note: noteFor(record, evaluation),
  };
}

/** The worst firing severity per record (by recordKey), and per presented certificate for its content alerts. */
interface WorstSeverities {
  own: Map<string, Severity>;
  presented: Map<string, Severity>;
}

function worstSeverityByRecord(alerts: Alert[]): WorstSeverities {
  const worst: WorstSeverities = { own: new Map(), presented: new Map() };
  for (const { labels } of alerts) {
    const own = recordKey(recordLabels(labels));
    worst.own.set(own, worseSeverity(worst.own.get(own), labels.severity));
    if (!isPresentedContentAlert(labels)) continue;
    const presented = presentedCertificateKey(targetIdOfLabels(labels), labels.cert_id);
    worst.presented.set(presented, worseSeverity(worst.presented.get(presented), labels.severity));
  }
  return worst;
}

/**
 * The record an alert's labels name, for recordKey. The cast: an alert's `source` label is plain
 * text (a zone-wide alert's names no source), and recordKey only joins it into the key.
 */
function recordLabels(labels: Alert["labels"]): Parameters<typeof recordKey>[0] {
  return { zoneId: targetIdOfLabels(labels), source: labels.source as SourceName, certId: labels.cert_id, hostname: labels.hostname };
}

/** An AOP association row also carries its certificate's content alerts (the engine raises them once, on the certificate). */
function worstFor(record: CertificateRecord, worst: WorstSeverities): Severity | undefined {
  const own = worst.own.get(recordKey(record));
  const presented = presentsHostnameCertificate(record) ? worst.presented.get(presentedCertificateKey(record.zoneId, record.certId)) : undefined;
  return presented === undefined ? own : worseSeverity(own, presented);
}

function noteFor(record: CertificateRecord, evaluation: ExpiryEvaluation): string {
  if (record.parseError) return `PEM does not parse: ${record.parseError}`;
  if (!record.parsed) {
    if (evaluation.fromPem === false) return "date from the API (Cloudflare exposes no PEM)";
    return record.pem === null ? "no certificate" : "";
  }
  const notes: string[] = [];
  if (record.parsed.chainNotAfter < record.parsed.notAfter) {
    notes.push(`chain expires first (${new Date(record.parsed.chainNotAfter).toISOString().slice(0, 10)})`);
  }
  const apiClaim = disagreeingApiExpiry(record);
  if (apiClaim !== null) notes.push(`API says ${new Date(apiClaim).toISOString().slice(0, 10)}`);
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
