// What the status page shows, decided without any HTML: which certificates, in what order, in
// what state, with which alerts, after the query string's filters. `status-page.ts` renders it.
import type { DiscoveryHealth } from "../scheduler/discovery-health.js";
import { CERTIFICATE_CONTENT_ALERTS, severityRank, type Alert, type Severity } from "../alerts/alert.js";
import { evaluateExpiry, type Thresholds } from "../evaluate/expiry.js";
import { SOURCE_NAMES, type CertificateRecord } from "../inventory/certificate-record.js";
import type { CredentialsState, SourceHealth } from "../inventory/inventory.js";
import { bySoonestExpiry, recordAlertKey, type EvaluatedRecord } from "../report/certificate-table.js";

/** A certificate's state on the page, worst first. */
export const CERTIFICATE_STATES = ["critical", "warning", "unknown", "ok"] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

export interface StatusPageCertificate extends EvaluatedRecord {
  /** The zone's thresholds the evaluation used. */
  thresholds: Thresholds;
}

/** Everything the page shows; built by the daemon at request time, rendered by `renderStatusPage`. */
export interface StatusPageModel {
  version: string;
  /** When the last poll cycle finished; null before the first. */
  lastCycleAt: number | null;
  certificates: StatusPageCertificate[];
  /** Every firing alert: those about a certificate go to its row, the others (SourceDown, …) to their source. */
  firing: Alert[];
  health: SourceHealth[];
  /** Set while Cloudflare rejects the API credentials for every zone: the page leads with it. */
  credentialsRejected: { zones: number; message: string } | null;
  /** Set while zone discovery's listing fails: zones added since are not watched yet. */
  discoveryFailing: { since: number; message: string } | null;
}

export interface StatusPageInput {
  version: string;
  lastCycleAt: number | null;
  records: CertificateRecord[];
  health: SourceHealth[];
  /** The last cycle's verdict on the credentials; absent when unknown. */
  credentials?: CredentialsState;
  /** Zone discovery's last listing; absent or null while discovery is off. */
  discovery?: DiscoveryHealth | null;
  firing: Alert[];
  thresholdsFor: (zoneId: string) => Thresholds;
}

export function statusPageModel(input: StatusPageInput, now: number): StatusPageModel {
  return {
    version: input.version,
    lastCycleAt: input.lastCycleAt,
    certificates: input.records.map((record) => {
      const thresholds = input.thresholdsFor(record.zoneId);
      return { record, thresholds, evaluation: evaluateExpiry(record, thresholds, now) };
    }),
    firing: input.firing,
    health: input.health,
    credentialsRejected:
      input.credentials?.valid === false ? { zones: input.credentials.rejectedZones, message: input.credentials.message ?? "" } : null,
    discoveryFailing:
      input.discovery && !input.discovery.up ? { since: input.discovery.failingSince ?? input.discovery.lastAttemptAt, message: input.discovery.lastError?.message ?? "" } : null,
  };
}

/** What the query string asks for; null means "all". Values are kept verbatim (and escaped on output). */
export interface StatusPageFilter {
  zone: string | null;
  source: string | null;
  state: string | null;
}

export const NO_FILTER: StatusPageFilter = { zone: null, source: null, state: null };

export function parseStatusPageFilter(query: URLSearchParams): StatusPageFilter {
  const value = (name: string) => query.get(name) || null;
  return { zone: value("zone"), source: value("source"), state: value("state") };
}

export interface Row {
  certificate: StatusPageCertificate;
  state: CertificateState;
  alerts: RowAlert[];
}

/** `inherited`: raised on the certificate an AOP hostname association presents, not on the association. */
export interface RowAlert {
  alert: Alert;
  inherited: boolean;
}

export interface StatusPageView {
  /** Every certificate, soonest expiry first. */
  rows: Row[];
  /** The rows the filter keeps. */
  shown: Row[];
  /** Source health the filter keeps, by zone then source. */
  health: SourceHealth[];
  /** Alerts not about a known certificate (SourceDown, TrustStoreNoValidCA), by zone and source. */
  bySource: Map<string, Alert[]>;
  /** Rows per state, over all certificates (not only the shown ones). */
  counts: Map<CertificateState, number>;
}

export function statusPageView(model: StatusPageModel, filter: StatusPageFilter): StatusPageView {
  const { byRecord, bySource } = placeAlerts(model);
  const rows: Row[] = [...model.certificates].sort(bySoonestExpiry).map((certificate) => {
    const own = (byRecord.get(recordAlertKey(certificate.record)) ?? []).map((alert) => ({ alert, inherited: false }));
    const inherited = presentedCertificateAlerts(certificate.record, model.firing).map((alert) => ({ alert, inherited: true }));
    const alerts = [...own, ...inherited];
    return { certificate, alerts, state: stateOf(certificate, alerts.map((a) => a.alert)) };
  });
  const shown = rows.filter(
    (r) =>
      (filter.zone === null || r.certificate.record.zoneName === filter.zone) &&
      (filter.source === null || r.certificate.record.source === filter.source) &&
      (filter.state === null || r.state === filter.state),
  );
  const health = model.health
    .filter((h) => (filter.zone === null || h.zoneName === filter.zone) && (filter.source === null || h.source === filter.source))
    .sort((a, b) => a.zoneName.localeCompare(b.zoneName) || SOURCE_NAMES.indexOf(a.source) - SOURCE_NAMES.indexOf(b.source));
  const counts = new Map<CertificateState, number>(CERTIFICATE_STATES.map((s) => [s, rows.filter((r) => r.state === s).length]));

  return { rows, shown, health, bySource, counts };
}

/**
 * The worst firing alert decides (a critical alert is never hidden); a certificate with no date
 * to judge (unparsable PEM, no certificate yet) is "unknown" unless something critical fires.
 */
function stateOf(certificate: StatusPageCertificate, alerts: Alert[]): CertificateState {
  const worst = worstSeverity(alerts);
  if (worst === "critical") return "critical";
  if (certificate.evaluation.expiresAt === null || certificate.record.parseError !== null) return "unknown";
  return worst ?? "ok";
}

function worstSeverity(alerts: Alert[]): Severity | null {
  let worst: Severity | null = null;
  for (const { labels } of alerts) if (worst === null || severityRank(labels.severity) > severityRank(worst)) worst = labels.severity;
  return worst;
}

/** Alerts about a known record go to its row; the rest (source-level ones) to their (zone, source). */
function placeAlerts(model: StatusPageModel): { byRecord: Map<string, Alert[]>; bySource: Map<string, Alert[]> } {
  const recordKeys = new Set(model.certificates.map((c) => recordAlertKey(c.record)));
  const byRecord = new Map<string, Alert[]>();
  const bySource = new Map<string, Alert[]>();
  for (const alert of sortAlerts(model.firing)) {
    const { labels } = alert;
    const key = recordAlertKey({ zoneId: labels.zone_id, source: labels.source, certId: labels.cert_id, hostname: labels.hostname });
    const [map, mapKey] = recordKeys.has(key) ? [byRecord, key] : [bySource, sourceKey(labels.zone_id, labels.source)];
    const list = map.get(mapKey) ?? [];
    list.push(alert);
    map.set(mapKey, list);
  }
  return { byRecord, bySource };
}


/**
 * The engine raises the content alerts of a hostname certificate once, on its
 * `aop_hostname_cert` record, and not on the associations that present it (alerts/rules.ts);
 * an association row shows them too, so a hostname serving a certificate about to expire
 * never reads "ok". Status alerts are not inherited: an association has its own status.
 */
function presentedCertificateAlerts(record: CertificateRecord, firing: Alert[]): Alert[] {
  if (record.source !== "aop_hostname" || !record.certId) return [];
  return sortAlerts(
    firing.filter(
      ({ labels }) =>
        CERTIFICATE_CONTENT_ALERTS.has(labels.alertname) &&
        labels.source === "aop_hostname_cert" &&
        labels.zone_id === record.zoneId &&
        labels.cert_id === record.certId,
    ),
  );
}

function sortAlerts(alerts: Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) => severityRank(b.labels.severity) - severityRank(a.labels.severity) || a.labels.alertname.localeCompare(b.labels.alertname),
  );
}

export function sourceKey(zoneId: string, source: string): string {
  return `${zoneId}\u0000${source}`;
}

