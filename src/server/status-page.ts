// `GET /`: one server-rendered HTML page of every certificate, soonest expiry first, with the
// source health and the last cycle. No script, no external asset: it reads the same in curl, in
// a browser with JavaScript off, and behind a strict Content-Security-Policy. Everything shown
// that comes from Cloudflare (zone names, hostnames, subjects, error texts) or from the query
// string is treated as hostile and escaped.
import type { Alert } from "../alerts/alert.js";
import { SOURCE_NAMES } from "../inventory/certificate-record.js";
import type { SourceHealth } from "../inventory/inventory.js";
import { certificateRow } from "../report/certificate-table.js";
import { STATUS_PAGE_STYLE, STATUS_PAGE_STYLE_HASH } from "./status-page-style.js";
import {
  CERTIFICATE_STATES,
  NO_FILTER,
  sourceKey,
  statusPageView,
  type CertificateState,
  type Row,
  type RowAlert,
  type StatusPageFilter,
  type StatusPageModel,
} from "./status-page-model.js";

export {
  CERTIFICATE_STATES,
  NO_FILTER,
  parseStatusPageFilter,
  statusPageModel,
  type StatusPageFilter,
  type StatusPageInput,
  type StatusPageModel,
} from "./status-page-model.js";

/** Response headers of the page: nothing may load or run but the hashed inline style. */
export const STATUS_PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": [
    "default-src 'none'",
    `style-src ${STATUS_PAGE_STYLE_HASH}`,
    "script-src 'none'",
    "img-src 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; "),
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

export function renderStatusPage(model: StatusPageModel, now: number, filter: StatusPageFilter = NO_FILTER): string {
  const { rows, shown, health, bySource, counts } = statusPageView(model, filter);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(pageTitle(counts, model.certificates.length))}</title>
<style>${STATUS_PAGE_STYLE}</style>
</head>
<body>
${renderCredentialsBanner(model)}
${renderDiscoveryBanner(model, now)}
${renderHeader(model, now, counts, rows.length)}
${renderFilterForm(model, filter)}
<main>
<h2 id="certificates-heading">Certificates</h2>
${renderCertificates(shown, rows.length, model, filter)}
<h2 id="sources-heading">Source health</h2>
${renderHealth(health, bySource, now)}
</main>
<footer>Rendered ${esc(utcMinute(now))} UTC by certwatch ${esc(model.version)}. All times are UTC. Days left is fractional; the state is the worst alert firing on the certificate.</footer>
</body>
</html>
`;
}

function pageTitle(counts: Map<CertificateState, number>, total: number): string {
  const bad = (["critical", "warning"] as const).filter((s) => (counts.get(s) ?? 0) > 0).map((s) => `${counts.get(s)} ${s}`);
  if (total === 0) return "certwatch";
  return `certwatch: ${bad.length ? bad.join(", ") : "all ok"}`;
}

function renderHeader(model: StatusPageModel, now: number, counts: Map<CertificateState, number>, total: number): string {
  const cycle =
    model.lastCycleAt === null
      ? `<p class="cycle none">No poll cycle yet: certificates appear after the first one.</p>`
      : `<p class="cycle">Last cycle: ${timeTag(model.lastCycleAt)} UTC (${esc(ago(model.lastCycleAt, now))})</p>`;
  const links = CERTIFICATE_STATES.map(
    (s) => `<li><a class="count count-${s}" href="/?state=${s}"><strong>${counts.get(s) ?? 0}</strong> ${s}</a></li>`,
  );
  links.push(`<li><a class="count" href="/"><strong>${total}</strong> total</a></li>`);
  return `<header>
<h1>certwatch <span class="version">${esc(model.version)}</span></h1>
${cycle}
<ul class="counts" aria-label="Certificates by state">${links.join("")}</ul>
<p class="links"><a href="/metrics">/metrics</a></p>
</header>`;
}

function renderCredentialsBanner(model: StatusPageModel): string {
  const rejected = model.credentialsRejected;
  if (!rejected) return "";
  const where = rejected.zones === 1 ? "for the 1 zone" : `for all ${rejected.zones} zones`;
  return `<p class="banner banner-critical" id="credentials-rejected" role="alert"><strong>Cloudflare rejected the API token ${esc(where)}:</strong> ${esc(rejected.message)}. Nothing below is current: it is what certwatch last read before. Check <code>cloudflare.api_token</code> (or the key and email) and the token's permissions.</p>`;
}

function renderDiscoveryBanner(model: StatusPageModel, now: number): string {
  const failing = model.discoveryFailing;
  if (!failing) return "";
  return `<p class="banner banner-critical" id="discovery-failing" role="alert"><strong>Zone discovery (GET /zones) has failed since ${timeTag(failing.since)} UTC (${esc(ago(failing.since, now))}):</strong> ${esc(failing.message)}. The zones found before are still watched; zones added to the account since are not.</p>`;
}

function renderFilterForm(model: StatusPageModel, filter: StatusPageFilter): string {
  const zones = unique([...model.certificates.map((c) => c.record.zoneName), ...model.health.map((h) => h.zoneName)]).sort((a, b) => a.localeCompare(b));
  const present = new Set<string>([...model.certificates.map((c) => c.record.source), ...model.health.map((h) => h.source)]);
  const sources = SOURCE_NAMES.filter((s) => present.has(s));
  return `<form class="filters" method="get" action="/" aria-label="Filter certificates">
${select("zone", "Zone", "all zones", zones, filter.zone)}
${select("source", "Source", "all sources", sources, filter.source)}
${select("state", "State", "all states", CERTIFICATE_STATES, filter.state)}
<button type="submit">Filter</button>
<a href="/">Reset</a>
</form>`;
}

function select(name: string, label: string, all: string, values: readonly string[], selected: string | null): string {
  // A value asked for in the URL but not on offer stays visible (and selected), so the form tells the truth.
  const options = selected !== null && !values.includes(selected) ? [...values, selected] : values;
  const rendered = options.map((v) => `<option value="${esc(v)}"${v === selected ? " selected" : ""}>${esc(v)}</option>`);
  return `<label>${label} <select name="${name}"><option value=""${selected === null ? " selected" : ""}>${all}</option>${rendered.join("")}</select></label>`;
}

function renderCertificates(rows: Row[], total: number, model: StatusPageModel, filter: StatusPageFilter): string {
  if (total === 0) {
    const why = model.lastCycleAt === null ? "the first poll cycle has not finished yet" : "no source reported any certificate";
    return `<p class="empty" id="no-certificates">No certificates in the inventory: ${why}.</p>`;
  }
  const filtered = filter.zone !== null || filter.source !== null || filter.state !== null;
  const caption = filtered ? `Showing ${rows.length} of ${total} certificates (filtered), soonest expiry first` : `${total} certificates, soonest expiry first`;
  const body = rows.length
    ? rows.map(renderCertificateRow).join("\n")
    : `<tr><td colspan="9" class="empty">No certificate matches the filter.</td></tr>`;
  return `<div class="table-wrap">
<table id="certificates" aria-labelledby="certificates-heading">
<caption>${esc(caption)}</caption>
<thead><tr><th scope="col">Zone</th><th scope="col">Source</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Expires (UTC)</th><th scope="col">Days left</th><th scope="col">State</th><th scope="col">Alerts</th><th scope="col">Note</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}

function renderCertificateRow({ certificate, state, alerts }: Row): string {
  const { record, evaluation, thresholds } = certificate;
  const text = certificateRow(certificate);
  const id = record.certId && record.certId !== text.name ? `<span class="secondary">${esc(record.certId)}</span>` : "";
  const expires = evaluation.expiresAt === null ? "-" : `<time datetime="${esc(new Date(evaluation.expiresAt).toISOString())}">${esc(text.expires)}</time>`;
  const bands = `warning under ${thresholds.warning_days} days, critical under ${thresholds.critical_days} days`;
  return `<tr class="state-${state}" data-state="${state}">` +
    `<td>${esc(text.zone)}</td>` +
    `<td class="source">${esc(text.source)}</td>` +
    `<td class="name">${esc(text.name)}${id}</td>` +
    `<td>${breakable(text.status)}</td>` +
    `<td class="time">${expires}</td>` +
    `<td class="num days-left" title="${esc(bands)}">${esc(text.daysLeft)}</td>` +
    `<td class="state"><span class="badge badge-${state}">${state}</span></td>` +
    `<td>${renderAlerts(alerts)}</td>` +
    `<td class="note">${esc(text.note)}</td>` +
    `</tr>`;
}

function renderAlerts(alerts: RowAlert[]): string {
  if (!alerts.length) return "";
  const items = alerts.map(({ alert: { labels, annotations }, inherited }) => {
    const via = inherited ? ` <span class="via">(on its certificate)</span>` : "";
    const severity = `<span class="sev sev-${esc(labels.severity)}">${esc(labels.severity)}</span>`;
    return `<li title="${esc(annotations.summary)}"><span class="alertname">${esc(labels.alertname)} ${severity}</span>${via}</li>`;
  });
  return `<ul class="alerts">${items.join("")}</ul>`;
}

function renderHealth(health: SourceHealth[], bySource: Map<string, Alert[]>, now: number): string {
  if (!health.length) return `<p class="empty" id="no-sources">No source has been polled yet.</p>`;
  const rows = health.map((h) => {
    const state = h.up ? "up" : h.unavailable ? "unavailable" : "down";
    const since = !h.up && h.failingSince !== null ? `<span class="secondary">since ${timeTag(h.failingSince)} (${esc(ago(h.failingSince, now))})</span>` : "";
    const success = h.lastSuccessAt === null ? "never" : `${timeTag(h.lastSuccessAt)} <span class="secondary">${esc(ago(h.lastSuccessAt, now))}</span>`;
    const error = h.lastError ? `${esc(h.lastError.reason)}: ${esc(h.lastError.message)}` : "";
    return `<tr class="health-${state}" data-health="${state}">` +
      `<td>${esc(h.zoneName)}</td>` +
      `<td>${esc(h.source)}</td>` +
      `<td><span class="badge badge-${state}">${state}</span>${since}</td>` +
      `<td class="time">${success}</td>` +
      `<td class="note">${error}</td>` +
      `<td>${renderAlerts((bySource.get(sourceKey(h.zoneId, h.source)) ?? []).map((alert) => ({ alert, inherited: false })))}</td>` +
      `</tr>`;
  });
  return `<div class="table-wrap">
<table id="sources" aria-labelledby="sources-heading">
<thead><tr><th scope="col">Zone</th><th scope="col">Source</th><th scope="col">State</th><th scope="col">Last success (UTC)</th><th scope="col">Last error</th><th scope="col">Alerts</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</div>`;
}

function timeTag(ms: number): string {
  return `<time datetime="${esc(new Date(ms).toISOString())}">${esc(utcMinute(ms))}</time>`;
}

function utcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

function ago(then: number, now: number): string {
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 0) return "in the future";
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Escaped, with a line-break opportunity after each underscore (`deployment_<wbr>timed_<wbr>out`). */
function breakable(value: string): string {
  return esc(value).replaceAll("_", "_<wbr>");
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** HTML-escapes text for element content and double-quoted attributes. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
