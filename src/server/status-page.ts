// `GET /`: server-rendered HTML pages of every certificate, soonest expiry first, 200 to a page,
// with the source health and the last cycle. No script, no external asset: it reads the same in curl, in
// a browser with JavaScript off, and behind a strict Content-Security-Policy. Everything shown
// that comes from Cloudflare (zone names, hostnames, subjects, error texts) or from the query
// string is treated as hostile and escaped.
import { utcMinute } from "../clock/rfc3339.js";
import { certificateRow } from "../report/certificate-table.js";
import { renderHealth } from "./status-page-health.js";
import { ago, breakable, esc, renderAlerts, timeTag } from "./status-page-html.js";
import {
  CERTIFICATE_STATES,
  isFiltered,
  NO_FILTER,
  statusPageView,
  type CertificateState,
  type Row,
  type StatusPageModel,
  type StatusPageQuery,
  type StatusPageView,
} from "./status-page-model.js";
import { renderPager } from "./status-page-pager.js";
import { STATUS_PAGE_STYLE, STATUS_PAGE_STYLE_HASH } from "./status-page-style.js";

export { esc } from "./status-page-html.js";
export {
  CERTIFICATE_STATES,
  NO_FILTER,
  PAGE_SIZE,
  parseStatusPageFilter,
  statusPageModel,
  StatusPageRowCache,
  type StatusPageFilter,
  type StatusPageInput,
  type StatusPageModel,
  type StatusPageQuery,
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

export function renderStatusPage(model: StatusPageModel, now: number, query: StatusPageQuery = NO_FILTER): string {
  const view = statusPageView(model, query, now);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(pageTitle(view.counts, view.total))}</title>
<style>${STATUS_PAGE_STYLE}</style>
</head>
<body>
${renderCredentialsBanner(model)}
${renderDiscoveryBanner(model, now)}
${renderAccountBanners(model)}
${renderHeader(model, now, view.counts, view.total)}
${renderFilterForm(view, query)}
<main>
<h2 id="certificates-heading">Certificates</h2>
${renderCertificates(view, model, query)}
<h2 id="sources-heading">Source health</h2>
${renderHealth(view.health, view.bySource, now)}
</main>
<footer>Rendered ${esc(utcMinute(now))} UTC by certwatch ${esc(model.version)}. All times are UTC. Days left is fractional; the state is the worst alert firing on the certificate.</footer>
</body>
</html>
`;
}

function pageTitle(counts: ReadonlyMap<CertificateState, number>, total: number): string {
  const bad = (["critical", "warning"] as const).filter((s) => (counts.get(s) ?? 0) > 0).map((s) => `${counts.get(s)} ${s}`);
  if (total === 0) return "certwatch";
  return `certwatch: ${bad.length ? bad.join(", ") : "all ok"}`;
}

function renderHeader(model: StatusPageModel, now: number, counts: ReadonlyMap<CertificateState, number>, total: number): string {
  // Zones reach the inventory as they are read, so the first sweep can show certificates before it ends.
  const cycle =
    model.lastCycleAt !== null
      ? `<p class="cycle">Last cycle: ${timeTag(model.lastCycleAt)} UTC (${esc(ago(model.lastCycleAt, now))})</p>`
      : total > 0
        ? `<p class="cycle none">First sweep still running: below are the zones read so far.</p>`
        : `<p class="cycle none">No poll cycle yet: certificates appear after the first one.</p>`;
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
  return `<p class="banner banner-critical" id="discovery-failing" role="alert"><strong>Zone discovery (GET /zones, and GET /accounts with discover.accounts) has failed since ${timeTag(failing.since)} UTC (${esc(ago(failing.since, now))}):</strong> ${esc(failing.message)}. The zones found before are still watched; zones added to the account since are not.</p>`;
}

/** certwatch's own API token (and any other alert about no zone): above the table, which holds only certificates of zones. */
function renderAccountBanners(model: StatusPageModel): string {
  return model.accountAlerts
    .map((a) => {
      const muted = a.silenced ? ` (silenced until ${esc(a.silenced.until)})` : "";
      return `<p class="banner banner-${a.labels.severity}" data-alertname="${esc(a.labels.alertname)}" role="alert"><strong>${esc(a.annotations.summary)}${muted}:</strong> ${esc(a.annotations.description)}</p>`;
    })
    .join("\n");
}

/** A plain GET form with no page field: a new filter starts at page 1. */
function renderFilterForm(view: StatusPageView, query: StatusPageQuery): string {
  return `<form class="filters" method="get" action="/" aria-label="Filter certificates">
${select("zone", "Zone", "all zones", view.zoneNames, query.zone)}
${select("source", "Source", "all sources", view.sources, query.source)}
${select("state", "State", "all states", CERTIFICATE_STATES, query.state)}
<button type="submit">Filter</button>
<a href="/">Reset</a>
</form>`;
}

function select(name: string, label: string, all: string, values: readonly string[], selected: string | null): string {
  // A value asked for in the URL but not on offer stays visible (and selected), so the form tells the truth.
  const options = selected !== null && !values.includes(selected) ? [...values, selected] : values;
  const rendered = options.map((v) => `<option${valueAttribute(v)}${v === selected ? " selected" : ""}>${esc(v)}</option>`);
  return `<label>${label} <select name="${name}"><option value=""${selected === null ? " selected" : ""}>${all}</option>${rendered.join("")}</select></label>`;
}

/**
 * An option without a value submits its text, whitespace trimmed and collapsed: leaving the value
 * out when that gives the same string halves a zone list of 1,000 zones (the page stays under
 * 200 KB). A name that whitespace would change keeps its value attribute.
 */
function valueAttribute(value: string): string {
  return value.replace(/[\t\n\f\r ]+/g, " ").trim() === value ? "" : ` value="${esc(value)}"`;
}

function renderCertificates(view: StatusPageView, model: StatusPageModel, query: StatusPageQuery): string {
  const { total, matching, page, shown } = view;
  if (total === 0) {
    const why = model.lastCycleAt === null ? "the first poll cycle has not finished yet" : "no source reported any certificate";
    return `<p class="empty" id="no-certificates">No certificates in the inventory: ${why}.</p>`;
  }
  // The bands are said once, on the column, and again only on a row whose zone has its own:
  // 200 copies of the same title would be a tenth of the page.
  const usual = mostCommonBands(shown);
  const body = shown.length
    ? shown.map((row) => renderCertificateRow(row, usual)).join("\n")
    : `<tr><td colspan="9" class="empty">No certificate matches the filter.</td></tr>`;
  const daysLeftHead = usual === null ? `<th scope="col">Days left</th>` : `<th scope="col" title="${esc(usual)}">Days left</th>`;
  return `${renderPager(page, query, "top")}<div class="table-wrap">
<table id="certificates" aria-labelledby="certificates-heading">
<caption>${esc(caption(total, matching, page, isFiltered(query)))}</caption>
<thead><tr><th scope="col">Zone</th><th scope="col">Source</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Expires (UTC)</th>${daysLeftHead}<th scope="col">State</th><th scope="col">Alerts</th><th scope="col">Note</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
${renderPager(page, query, "bottom")}`;
}

function caption(total: number, matching: number, page: StatusPageView["page"], filtered: boolean): string {
  const range = `${page.from}–${page.to}`;
  if (filtered) {
    return page.count > 1
      ? `Showing ${range} of ${matching} certificates (filtered from ${total}), soonest expiry first`
      : `Showing ${matching} of ${total} certificates (filtered), soonest expiry first`;
  }
  return page.count > 1 ? `Certificates ${range} of ${total}, soonest expiry first` : `${total} certificates, soonest expiry first`;
}

function bandsOf({ thresholds }: Row["certificate"]): string {
  return `warning under ${thresholds.warning_days} days, critical under ${thresholds.critical_days} days`;
}

function mostCommonBands(rows: Row[]): string | null {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const bands = bandsOf(row.certificate);
    counts.set(bands, (counts.get(bands) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [bands, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = bands;
  return best;
}

function renderCertificateRow({ certificate, state, alerts }: Row, usualBands: string | null): string {
  const { record, evaluation } = certificate;
  const text = certificateRow(certificate);
  const id = record.certId && record.certId !== text.name ? `<span class="secondary">${esc(record.certId)}</span>` : "";
  const expires = evaluation.expiresAt === null ? "-" : timeTag(evaluation.expiresAt);
  const bands = bandsOf(certificate);
  const bandsTitle = bands === usualBands ? "" : ` title="${esc(bands)}"`;
  return `<tr class="state-${state}" data-state="${state}">` +
    `<td>${esc(text.zone)}</td>` +
    `<td class="source">${esc(text.source)}</td>` +
    `<td class="name">${esc(text.name)}${id}</td>` +
    `<td>${breakable(text.status)}</td>` +
    `<td class="time">${expires}</td>` +
    `<td class="num days-left"${bandsTitle}>${esc(text.daysLeft)}</td>` +
    `<td class="state"><span class="badge badge-${state}">${state}</span></td>` +
    `<td>${renderAlerts(alerts)}</td>` +
    `<td class="note">${esc(text.note)}</td>` +
    `</tr>`;
}
