// The status page's source-health table: one row per (zone, source) it lists, with the
// source-level alerts (SourceDown, TrustStoreNoValidCA) that belong to no certificate.
import type { Alert } from "../alerts/alert.js";
import { placementTitle } from "../model/index.js";
import { slotKey } from "../inventory/inventory.js";
import type { HealthListing } from "./status-page-health-listing.js";
import { ago, esc, renderAlerts, timeTag } from "./status-page-html.js";

export function renderHealth({ rows, omitted }: HealthListing, bySource: ReadonlyMap<string, readonly Alert[]>, now: number): string {
  if (!rows.length && !omitted.quiet && !omitted.troubled) return `<p class="empty" id="no-sources">No source has been polled yet.</p>`;
  const body = rows.map((h) => {
    const state = h.up ? "up" : h.unavailable ? "unavailable" : "down";
    const since = !h.up && h.failingSince !== null ? `<span class="secondary">since ${timeTag(h.failingSince)} (${esc(ago(h.failingSince, now))})</span>` : "";
    const success = h.lastSuccessAt === null ? "never" : `${timeTag(h.lastSuccessAt)} <span class="secondary">${esc(ago(h.lastSuccessAt, now))}</span>`;
    const error = h.lastError ? `${esc(h.lastError.reason)}: ${esc(h.lastError.message)}` : "";
    const alerts = (bySource.get(slotKey(h.zoneId, h.source)) ?? []).map((alert) => ({ alert, inherited: false }));
    return `<tr class="health-${state}" data-health="${state}">` +
      `<td>${esc(placementTitle(h))}</td>` +
      `<td>${esc(h.source)}</td>` +
      `<td><span class="badge badge-${state}">${state}</span>${since}</td>` +
      `<td class="time">${success}</td>` +
      `<td class="note">${error}</td>` +
      `<td>${renderAlerts(alerts)}</td>` +
      `</tr>`;
  });
  const table = rows.length
    ? `<div class="table-wrap">
<table id="sources" aria-labelledby="sources-heading">
<thead><tr><th scope="col">Zone</th><th scope="col">Source</th><th scope="col">State</th><th scope="col">Last success (UTC)</th><th scope="col">Last error</th><th scope="col">Alerts</th></tr></thead>
<tbody>
${body.join("\n")}
</tbody>
</table>
</div>`
    : "";
  return `${table}${renderOmitted(omitted)}`;
}

function renderOmitted({ quiet, troubled }: HealthListing["omitted"]): string {
  if (!quiet && !troubled) return "";
  const parts = [
    ...(troubled ? [`${troubled} more with a problem`] : []),
    ...(quiet ? [`${quiet} up with no alert`] : []),
  ];
  return `<p class="omitted" id="sources-omitted">Not listed: ${parts.join(" and ")}. Choose a zone above to see all of its sources.</p>`;
}
