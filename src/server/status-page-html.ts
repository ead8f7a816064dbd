// Small HTML pieces the status page's sections share. Everything shown that comes from
// Cloudflare or from the query string goes through `esc`.
import { rfc3339, utcMinute } from "../clock/rfc3339.js";
import type { RowAlert } from "./status-page-rows.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** HTML-escapes text for element content and double-quoted attributes. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Escaped, with a line-break opportunity after each underscore (`deployment_<wbr>timed_<wbr>out`). */
export function breakable(value: string): string {
  return esc(value).replaceAll("_", "_<wbr>");
}

export function timeTag(ms: number): string {
  return `<time datetime="${esc(rfc3339(ms))}">${esc(utcMinute(ms))}</time>`;
}

export function ago(then: number, now: number): string {
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 0) return "in the future";
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

export function renderAlerts(alerts: readonly RowAlert[]): string {
  if (!alerts.length) return "";
  const items = alerts.map(({ alert: { labels, annotations, silenced }, inherited }) => {
    const via = inherited ? ` <span class="via">(on its certificate)</span>` : "";
    // Muted, not gone: the certificate's state still counts the alert; only sinks do not hear of it.
    const muted = silenced ? ` <span class="silenced" title="${esc(`until ${silenced.until}: ${silenced.comment}`)}">silenced</span>` : "";
    const severity = `<span class="sev sev-${esc(labels.severity)}">${esc(labels.severity)}</span>`;
    return `<li title="${esc(annotations.summary)}"><span class="alertname">${esc(labels.alertname)} ${severity}</span>${muted}${via}</li>`;
  });
  return `<ul class="alerts">${items.join("")}</ul>`;
}
