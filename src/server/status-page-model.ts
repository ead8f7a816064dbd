// What the status page shows, decided without any HTML: which certificates, in what order, in
// what state, with which alerts, after the query string's filters, one page at a time.
// `status-page.ts` renders it. The whole inventory is ranked once per change (status-page-rows.ts);
// a request filters the ranked rows and evaluates only the rows of its page against the clock.
import type { DiscoveryHealth } from "../scheduler/discovery-health.js";
import { severityRank, type Alert } from "../alerts/alert.js";
import { evaluateExpiry, type Thresholds } from "../evaluate/expiry.js";
import { placementTitle, targetIdOfLabels, type CertificateRecord, type SourceName } from "../model/index.js";
import { SOURCE_NAMES } from "../stores/registry.js";
import type { CredentialsState, SourceHealth } from "../inventory/inventory.js";
import type { EvaluatedRecord } from "../report/certificate-table.js";
import { listHealth, type HealthListing } from "./status-page-health-listing.js";
import { rankRows, type CertificateState, type RankedRow, type RankedRows, type RowAlert, type StatusPageRowCache } from "./status-page-rows.js";

export { CERTIFICATE_STATES, StatusPageRowCache, type CertificateState, type RowAlert } from "./status-page-rows.js";

/** Certificate rows per page: a page of 200 stays well under 200 KB of HTML. */
export const PAGE_SIZE = 200;

export interface StatusPageCertificate extends EvaluatedRecord {
  /** The zone's thresholds the evaluation used. */
  thresholds: Thresholds;
}

/** Everything the page shows; built by the daemon at request time, rendered by `renderStatusPage`. */
export interface StatusPageModel {
  version: string;
  /** When the last poll cycle finished; null before the first. */
  lastCycleAt: number | null;
  /** Every certificate, ranked, with its state and alerts. */
  ranked: RankedRows;
  health: SourceHealth[];
  thresholdsFor: (zoneId: string) => Thresholds;
  /** Set while Cloudflare rejects the API credentials for every zone: the page leads with it. */
  credentialsRejected: { zones: number; message: string } | null;
  /** Set while zone discovery's listing fails: zones added since are not watched yet. */
  discoveryFailing: { since: number; message: string } | null;
  /** Firing alerts about no zone (certwatch's own API token), critical first; ZoneDiscoveryDown has its own banner. */
  accountAlerts: Alert[];
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
  /** Reuses the ranking while neither the records nor the alerts changed; ranked afresh without. */
  rowCache?: StatusPageRowCache;
}

export function statusPageModel(input: StatusPageInput): StatusPageModel {
  return {
    version: input.version,
    lastCycleAt: input.lastCycleAt,
    ranked: input.rowCache ? input.rowCache.rank(input.records, input.firing) : rankRows(input.records, input.firing),
    health: input.health,
    thresholdsFor: input.thresholdsFor,
    credentialsRejected:
      input.credentials?.valid === false ? { zones: input.credentials.rejectedZones, message: input.credentials.message ?? "" } : null,
    discoveryFailing:
      input.discovery && !input.discovery.up ? { since: input.discovery.failingSince ?? input.discovery.lastAttemptAt, message: input.discovery.lastError?.message ?? "" } : null,
    accountAlerts: input.firing
      .filter((a) => targetIdOfLabels(a.labels) === "" && a.labels.alertname !== "ZoneDiscoveryDown")
      .sort((a, b) => severityRank(b.labels.severity) - severityRank(a.labels.severity)),
  };
}

/** What the query string asks for; null means "all". Values are kept verbatim (and escaped on output). */
export interface StatusPageFilter {
  zone: string | null;
  source: string | null;
  state: string | null;
}

/** The filters and the page asked for (`?zone=…&source=…&state=…&page=N`). */
export interface StatusPageQuery extends StatusPageFilter {
  /** 1-based, default 1; a page past the last shows the last. */
  page?: number;
}

export const NO_FILTER: StatusPageQuery = { zone: null, source: null, state: null, page: 1 };

export function parseStatusPageFilter(query: URLSearchParams): StatusPageQuery {
  const value = (name: string) => query.get(name) || null;
  return { zone: value("zone"), source: value("source"), state: value("state"), page: parsePage(query.get("page")) };
}

/** Anything but a positive integer is page 1: a hand-edited URL still shows something. */
function parsePage(raw: string | null): number {
  if (raw === null || !/^\d{1,9}$/.test(raw)) return 1;
  return Math.max(1, Number(raw));
}

export function isFiltered(filter: StatusPageFilter): boolean {
  return filter.zone !== null || filter.source !== null || filter.state !== null;
}

export interface Row {
  certificate: StatusPageCertificate;
  state: CertificateState;
  alerts: readonly RowAlert[];
}

export interface PageInfo {
  /** The page shown (the one asked for, brought into 1..count). */
  number: number;
  /** Pages the filtered rows fill; at least 1. */
  count: number;
  /** 1-based positions of the first and last row shown among the filtered rows; 0 and 0 when none. */
  from: number;
  to: number;
}

export interface StatusPageView {
  /** Every certificate, whatever the filter. */
  total: number;
  /** Rows per state, over all certificates (not only the shown ones). */
  counts: ReadonlyMap<CertificateState, number>;
  /** Rows the filter keeps, over all pages. */
  matching: number;
  page: PageInfo;
  /** This page's rows, evaluated against the clock. */
  shown: Row[];
  /** Source health the filter keeps, by zone then source, cut short on a large account. */
  health: HealthListing;
  /** Alerts not about a known certificate (SourceDown, TrustStoreNoValidCA), by zone and source. */
  bySource: ReadonlyMap<string, readonly Alert[]>;
  /** What the filter form offers. */
  zoneNames: string[];
  sources: SourceName[];
}

export function statusPageView(model: StatusPageModel, query: StatusPageQuery, now: number): StatusPageView {
  const { ranked } = model;
  const matches = (row: RankedRow) =>
    (query.zone === null || placementTitle(row.record) === query.zone) &&
    (query.source === null || row.record.source === query.source) &&
    (query.state === null || row.state === query.state);
  const kept = isFiltered(query) ? ranked.rows.filter(matches) : ranked.rows;
  const page = pageOf(kept.length, query.page ?? 1);
  const shown = kept.slice(Math.max(0, page.from - 1), page.to).map((row) => evaluated(row, model.thresholdsFor, now));
  const zoneNames = sortedZoneNames(ranked, model.health);
  const present = new Set<string>([...ranked.sources, ...model.health.map((h) => h.source)]);
  return {
    total: ranked.rows.length,
    counts: ranked.counts,
    matching: kept.length,
    page,
    shown,
    health: listHealth(model.health, query, zoneNames, ranked.bySource),
    bySource: ranked.bySource,
    zoneNames,
    sources: SOURCE_NAMES.filter((s) => present.has(s)),
  };
}

function pageOf(rows: number, asked: number): PageInfo {
  const count = Math.max(1, Math.ceil(rows / PAGE_SIZE));
  const number = Math.min(asked, count);
  const from = rows === 0 ? 0 : (number - 1) * PAGE_SIZE + 1;
  return { number, count, from, to: Math.min(rows, number * PAGE_SIZE) };
}

function evaluated(row: RankedRow, thresholdsFor: (zoneId: string) => Thresholds, now: number): Row {
  const thresholds = thresholdsFor(row.record.zoneId);
  return { certificate: { record: row.record, thresholds, evaluation: evaluateExpiry(row.record, thresholds, now) }, state: row.state, alerts: row.alerts };
}

function sortedZoneNames(ranked: RankedRows, health: SourceHealth[]): string[] {
  const names = new Set(ranked.zoneNames);
  for (const h of health) names.add(placementTitle(h));
  // Code-unit order, not localeCompare: the same everywhere, and it keeps ICU's collation data (~2 MB) out of memory.
  return [...names].sort();
}
