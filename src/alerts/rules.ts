import type { Thresholds } from "../config/schema.js";
import { evaluateExpiry } from "../evaluate/expiry.js";
import { countValidCAs } from "../evaluate/trust-store.js";
import type { CertificateRecord } from "../inventory/certificate-record.js";
import type { SourceHealth } from "../inventory/inventory.js";
import { alertFingerprint, type Alert, type AlertName, type Severity } from "./alert.js";
import { classifyStatus } from "./status-class.js";
import { describeSource, displayName, durationWords, relativeDays, rfc3339, utc } from "./wording.js";

export interface RuleSettings {
  pendingGraceMs: number;
  sourceDownAfterMs: number;
  /** The alerts runbook; each alert links to `#<alertname lowercased>`. */
  runbookUrl: string;
}

export interface RuleInputs {
  records: CertificateRecord[];
  health: SourceHealth[];
  thresholdsFor: (zoneId: string) => Thresholds;
  /** When the record's current status was first seen (for the pending grace). */
  statusSince: (record: CertificateRecord) => number;
  settings: RuleSettings;
  now: number;
}

const DAY_MS = 86_400_000;

/** Every alert that holds at `now`. A pure function of its inputs. */
export function evaluateAlerts(inputs: RuleInputs): Alert[] {
  const alerts: Alert[] = [];
  const hostnamesByCert = associationsByCertificate(inputs.records);
  const listedCertificates = new Set(inputs.records.filter((r) => r.source === "aop_hostname_cert").map(certKey));
  for (const record of inputs.records) {
    if (record.status !== null && classifyStatus(record.status) === "gone") continue;
    alerts.push(...notActive(record, inputs));
    // An association carries its certificate's PEM; the certificate record alerts on it once.
    if (record.source === "aop_hostname" && listedCertificates.has(certKey(record))) continue;
    alerts.push(...certificateAlerts(record, inputs, hostnamesByCert.get(certKey(record)) ?? []));
  }
  alerts.push(...trustStoreAlerts(inputs), ...sourceDownAlerts(inputs));
  return alerts;
}

function certificateAlerts(record: CertificateRecord, inputs: RuleInputs, usedBy: string[]): Alert[] {
  const { now } = inputs;
  const thresholds = inputs.thresholdsFor(record.zoneId);
  const name = displayName(record);
  const what = `${describeSource(record.source)} ${name} in zone ${record.zoneName}`;
  const context = contextLine(record, usedBy);
  if (record.parseError !== null) {
    return [
      make(record, "CertificateUnparsable", "warning", inputs, {
        summary: `Certificate ${name} (${record.zoneName}) cannot be parsed`,
        description: `The PEM of the ${what} does not parse: ${record.parseError}. certwatch cannot tell when it expires.${context}`,
        expires_at: "",
      }),
    ];
  }
  if (!record.parsed) return [];
  const parsed = record.parsed;
  const alerts: Alert[] = [];
  const expiry = evaluateExpiry(record, thresholds, now);
  const when = `${utc(parsed.notAfter)} (${relativeDays(parsed.notAfter, now)})`;
  if (expiry.expired) {
    alerts.push(
      make(record, "CertificateExpired", "critical", inputs, {
        summary: `Certificate ${name} (${record.zoneName}) has expired`,
        description: `The ${what} expired on ${when}, according to its PEM.${context}`,
        expires_at: rfc3339(parsed.notAfter),
      }),
    );
  } else if (expiry.severity === "critical" || expiry.severity === "warning") {
    const band = expiry.severity === "critical" ? `under ${thresholds.critical_days} days` : `under ${thresholds.warning_days} days`;
    alerts.push(
      make(record, "CertificateExpiringSoon", expiry.severity, inputs, {
        summary: `Certificate ${name} (${record.zoneName}) expires ${relativeDays(parsed.notAfter, now)}`,
        description: `The ${what} expires on ${when}: ${band} left.${context}`,
        expires_at: rfc3339(parsed.notAfter),
      }),
    );
  }
  const weakest = parsed.chain
    .slice(1)
    .filter((member) => member.notAfter < parsed.notAfter && member.notAfter - now < thresholds.warning_days * DAY_MS)
    .sort((a, b) => a.notAfter - b.notAfter)[0];
  if (weakest) {
    alerts.push(
      make(record, "ChainCertificateExpiringSoon", "warning", inputs, {
        summary: `A chain certificate of ${name} (${record.zoneName}) expires ${relativeDays(weakest.notAfter, now)}`,
        description: `In the bundle of the ${what}, "${weakest.subjectCN}" (issued by "${weakest.issuerCN}") expires on ${utc(weakest.notAfter)} (${relativeDays(weakest.notAfter, now)}), before the leaf (${utc(parsed.notAfter)}).${context}`,
        expires_at: rfc3339(weakest.notAfter),
      }),
    );
  }
  if (record.apiExpiresOn !== null && Math.abs(record.apiExpiresOn - parsed.notAfter) > DAY_MS) {
    alerts.push(
      make(record, "CertificateExpiryMismatch", "warning", inputs, {
        summary: `Cloudflare's expiry for ${name} (${record.zoneName}) disagrees with the certificate`,
        description: `The API says the ${what} expires on ${utc(record.apiExpiresOn)}, but its PEM says ${when}. certwatch trusts the PEM.${context}`,
        expires_at: rfc3339(parsed.notAfter),
      }),
    );
  }
  return alerts;
}

/** At most one CertificateNotActive per record: the most urgent reason wins. */
function notActive(record: CertificateRecord, inputs: RuleInputs): Alert[] {
  const name = displayName(record);
  const what = `${describeSource(record.source)} ${name} in zone ${record.zoneName}`;
  const summary = (state: string) => `${name} (${record.zoneName}, ${record.source}) is ${state}`;
  const expiresAt = record.parsed ? rfc3339(record.parsed.notAfter) : "";
  const status = record.status;
  const statusClass = status === null ? "healthy" : classifyStatus(status);
  if (status !== null && statusClass === "failed") {
    return [
      make(record, "CertificateNotActive", "critical", inputs, {
        summary: summary(status),
        description: `Cloudflare reports the ${what} as "${status}": a failed state that will not recover on its own.`,
        expires_at: expiresAt,
      }),
    ];
  }
  if (record.source === "aop_hostname" && statusClass !== "missing" && record.attributes.enabled !== true && record.attributes.cert_status === "active") {
    const state = record.attributes.enabled === false ? "disabled" : "voided (enabled: null)";
    return [
      make(record, "CertificateNotActive", "warning", inputs, {
        summary: summary(`an AOP association that is ${state}`),
        description: `The ${what} has an active certificate but the association is ${state}, so Cloudflare does not present the client certificate to the origin for ${record.hostname}.`,
        expires_at: expiresAt,
      }),
    ];
  }
  if (statusClass === "missing") {
    return [
      make(record, "CertificateNotActive", "warning", inputs, {
        summary: `${name} (${record.zoneName}) has no AOP association`,
        description: `${record.hostname} is configured to be watched, but Cloudflare has no Authenticated Origin Pulls association for it: no client certificate is presented to its origin.`,
        expires_at: "",
      }),
    ];
  }
  if (status !== null && statusClass === "transitional") {
    const since = inputs.statusSince(record);
    if (inputs.now - since > inputs.settings.pendingGraceMs) {
      return [
        make(record, "CertificateNotActive", "warning", inputs, {
          summary: summary(`stuck in "${status}"`),
          description: `Cloudflare has reported the ${what} as "${status}" since ${utc(since)} (${durationWords(inputs.now - since)}), longer than the ${durationWords(inputs.settings.pendingGraceMs)} a change normally takes.`,
          expires_at: expiresAt,
        }),
      ];
    }
  }
  return [];
}

function trustStoreAlerts(inputs: RuleInputs): Alert[] {
  const alerts: Alert[] = [];
  for (const slot of inputs.health) {
    if (slot.source !== "trust_store" || slot.lastSuccessAt === null) continue;
    const store = inputs.records.filter(
      (r) => r.zoneId === slot.zoneId && r.source === "trust_store" && !(r.status !== null && classifyStatus(r.status) === "gone"),
    );
    if (store.length === 0 || countValidCAs(store, inputs.now) > 0) continue;
    const labels = { zone: slot.zoneName, zone_id: slot.zoneId, source: "trust_store", cert_id: "", hostname: "" };
    const listing = store
      .map((r) => `${displayName(r)} (${r.status ?? "no status"}, ${r.parsed ? `valid ${utc(r.parsed.notBefore)} to ${utc(r.parsed.notAfter)}` : "PEM unreadable"})`)
      .join("; ");
    alerts.push(
      build("TrustStoreNoValidCA", "critical", labels, inputs.settings, {
        summary: `No valid CA left in the Custom Origin Trust Store of ${slot.zoneName}`,
        description: `None of the ${store.length} CAs in the trust store of zone ${slot.zoneName} is both active and inside its validity period: ${listing}. With Full (strict), Cloudflare cannot verify the origin and connections to it fail.`,
        expires_at: "",
      }),
    );
  }
  return alerts;
}

function sourceDownAlerts(inputs: RuleInputs): Alert[] {
  const alerts: Alert[] = [];
  for (const slot of inputs.health) {
    if (slot.up) continue;
    const since = slot.lastSuccessAt ?? slot.failingSince ?? slot.lastAttemptAt;
    if (inputs.now - since < inputs.settings.sourceDownAfterMs) continue;
    const labels = { zone: slot.zoneName, zone_id: slot.zoneId, source: slot.source, cert_id: "", hostname: "" };
    const last = slot.lastSuccessAt === null ? "not since certwatch started" : `last at ${utc(slot.lastSuccessAt)}`;
    alerts.push(
      build("SourceDown", "warning", labels, inputs.settings, {
        summary: `certwatch cannot read ${slot.source} for ${slot.zoneName}`,
        description: `Polling ${describeSource(slot.source)}s of zone ${slot.zoneName} has failed for ${durationWords(inputs.now - since)} (${last}); last error: ${slot.lastError?.reason ?? "unknown"}: ${slot.lastError?.message ?? ""}. Its last known certificates keep their alerts meanwhile.`,
        expires_at: "",
      }),
    );
  }
  return alerts;
}

function make(record: CertificateRecord, alertname: AlertName, severity: Severity, inputs: RuleInputs, annotations: Omit<Alert["annotations"], "runbook">): Alert {
  const labels = { zone: record.zoneName, zone_id: record.zoneId, source: record.source, cert_id: record.certId, hostname: record.hostname };
  return build(alertname, severity, labels, inputs.settings, annotations);
}

function build(
  alertname: AlertName,
  severity: Severity,
  where: Omit<Alert["labels"], "alertname" | "severity">,
  settings: RuleSettings,
  annotations: Omit<Alert["annotations"], "runbook">,
): Alert {
  const labels = { alertname, severity, ...where };
  return { fingerprint: alertFingerprint(labels), labels, annotations: { ...annotations, runbook: `${settings.runbookUrl}#${alertname.toLowerCase()}` } };
}

function contextLine(record: CertificateRecord, usedBy: string[]): string {
  const parts = [`cert_id ${record.certId || "-"}`];
  if (record.parsed) parts.push(`subject "${record.parsed.subjectCN}", issuer "${record.parsed.issuerCN}", serial ${record.parsed.serialHex}`);
  if (usedBy.length) parts.push(`used by ${usedBy.join(", ")}`);
  return ` (${parts.join("; ")})`;
}

function certKey(record: CertificateRecord): string {
  return `${record.zoneId}/${record.certId}`;
}

function associationsByCertificate(records: CertificateRecord[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const r of records) {
    if (r.source !== "aop_hostname" || !r.certId) continue;
    map.set(certKey(r), [...(map.get(certKey(r)) ?? []), r.hostname]);
  }
  return map;
}

