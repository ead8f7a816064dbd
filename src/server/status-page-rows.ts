// Every certificate of the status page in its order (soonest expiry first), each with its state
// and the alerts shown on it. Ranking touches every record and every firing alert, so it runs
// once per change of either and every request in between reuses it: a request then costs one
// filter pass and the rendering of its own page. Nothing here depends on the clock: the order
// is by date, and the state comes from the firing alerts, which the engine has already judged.
import { ALERT_NAMES, isPresentedContentAlert, severityRank, worseSeverity, type Alert, type Severity } from "../alerts/alert.js";
import { bySoonestExpiry, expiryDate } from "../evaluate/expiry.js";
import { presentsHostnameCertificate } from "../evaluate/presented-certificate.js";
import { placementTitle, targetIdOfLabels, type CertificateRecord } from "../model/index.js";
import { slotKey } from "../inventory/inventory.js";
import { LabelTupleIndex } from "./label-tuple-index.js";

/** A certificate's state on the page, worst first. */
export const CERTIFICATE_STATES = ["critical", "warning", "unknown", "ok"] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

/** `inherited`: raised on the certificate an AOP hostname association presents, not on the association. */
export interface RowAlert {
  alert: Alert;
  inherited: boolean;
}

export interface RankedRow {
  record: CertificateRecord;
  /** The sort key: the date the expiry is judged by; null without a trustworthy one. */
  expiresAt: number | null;
  state: CertificateState;
  alerts: readonly RowAlert[];
}

export interface RankedRows {
  /** Soonest expiry first, undated last; records of equal date keep the inventory's order. */
  rows: readonly RankedRow[];
  /** Rows per state, over every certificate. */
  counts: ReadonlyMap<CertificateState, number>;
  /** Zone names and sources with at least one certificate (the filter form offers them). */
  zoneNames: ReadonlySet<string>;
  sources: ReadonlySet<string>;
  /** Alerts not about a known certificate (SourceDown, TrustStoreNoValidCA), by slotKey. */
  bySource: ReadonlyMap<string, readonly Alert[]>;
}

/**
 * Keeps the last ranking and hands it out again while the records and the firing alerts are
 * the same objects. Records are never changed in place (a poll replaces them) and neither are
 * alerts, so comparing items by identity is both cheap and exact. The ranking is held weakly:
 * it references the records it ranked, and a poll that replaced them must not leave a second
 * inventory alive (100,000 custom hostnames) until someone next opens the page. A collected
 * ranking only means the next request ranks again.
 */
export class StatusPageRowCache {
  private last: WeakRef<RankingEntry> | null = null;

  rank(records: readonly CertificateRecord[], firing: readonly Alert[]): RankedRows {
    const last = this.last?.deref();
    if (last && sameItems(last.records, records) && sameItems(last.firing, firing)) return last.ranked;
    // Copies: the caller may reuse its arrays, and the comparison must see what was ranked.
    const entry: RankingEntry = { records: [...records], firing: [...firing], ranked: rankRows(records, firing) };
    this.last = new WeakRef(entry);
    return entry.ranked;
  }
}

interface RankingEntry {
  records: readonly CertificateRecord[];
  firing: readonly Alert[];
  ranked: RankedRows;
}

export function rankRows(records: readonly CertificateRecord[], firing: readonly Alert[]): RankedRows {
  const sorted = sortAlerts(firing);
  const byRecord = new LabelTupleIndex<Alert>();
  const byPresented = new LabelTupleIndex<Alert>();
  const groupOf = sorted.map((alert) => {
    const { source, cert_id, hostname } = alert.labels;
    const zone_id = targetIdOfLabels(alert.labels);
    // Filed by (zone, cert id), the identity an association shares with the certificate it presents.
    if (isPresentedContentAlert(alert.labels)) byPresented.add([zone_id, cert_id], alert);
    return byRecord.add([zone_id, source, cert_id, hostname], alert);
  });
  const claimed = new Set<readonly Alert[]>();
  const rows = records.map((record): RankedRow => {
    const own = byRecord.get(record.zoneId, record.source, record.certId, record.hostname);
    if (own) claimed.add(own);
    const presented = presentsHostnameCertificate(record) ? byPresented.get(record.zoneId, record.certId) : undefined;
    const alerts = own || presented ? rowAlerts(own ?? [], presented ?? []) : NO_ALERTS;
    const expiresAt = expiryDate(record)?.expiresAt ?? null;
    return { record, expiresAt, alerts, state: stateOf(record, expiresAt, alerts) };
  });
  rows.sort((a, b) => bySoonestExpiry(a.expiresAt, b.expiresAt));
  const counts = new Map<CertificateState, number>(CERTIFICATE_STATES.map((s) => [s, 0]));
  for (const row of rows) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  // Alerts about no known record (SourceDown, TrustStoreNoValidCA, …) go to their (zone, source).
  const bySource = new Map<string, Alert[]>();
  sorted.forEach((alert, i) => {
    if (claimed.has(groupOf[i]!)) return;
    const key = slotKey(targetIdOfLabels(alert.labels), alert.labels.source);
    const group = bySource.get(key);
    if (group) group.push(alert);
    else bySource.set(key, [alert]);
  });
  return {
    rows,
    counts,
    zoneNames: new Set(records.map((r) => placementTitle(r))),
    sources: new Set(records.map((r) => r.source)),
    bySource,
  };
}

function rowAlerts(own: readonly Alert[], presented: readonly Alert[]): RowAlert[] {
  return [...own.map((alert) => ({ alert, inherited: false })), ...presented.map((alert) => ({ alert, inherited: true }))];
}

const NO_ALERTS: readonly RowAlert[] = Object.freeze([]);

/**
 * The worst firing alert decides (a critical alert is never hidden); a certificate with no date
 * to judge (unparsable PEM, no certificate yet) is "unknown" unless something critical fires.
 */
function stateOf(record: CertificateRecord, expiresAt: number | null, alerts: readonly RowAlert[]): CertificateState {
  let worst: Severity | null = null;
  for (const { alert } of alerts) worst = worseSeverity(worst, alert.labels.severity);
  if (worst === "critical") return "critical";
  if (expiresAt === null || record.parseError !== null) return "unknown";
  return worst ?? "ok";
}

/** Worst first, then by name. Names come from a fixed list, so they are ranked once, not compared per pair. */
function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) => severityRank(b.labels.severity) - severityRank(a.labels.severity) || nameRank(a.labels.alertname) - nameRank(b.labels.alertname),
  );
}

const NAME_RANKS = new Map<string, number>([...ALERT_NAMES].sort().map((name, index) => [name, index]));

function nameRank(name: string): number {
  return NAME_RANKS.get(name) ?? NAME_RANKS.size;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
