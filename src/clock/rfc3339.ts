/**
 * Epoch milliseconds as RFC 3339 in UTC ("2024-05-01T12:00:00.000Z"): the timestamp form the
 * Alertmanager API and webhook payload, and PagerDuty's `payload.timestamp`, all take.
 */
export function rfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** The same instant to the whole second ("2024-05-01T12:00:00Z"): how Cloudflare writes most timestamps. */
export function rfc3339Seconds(epochMs: number): string {
  return rfc3339(epochMs).replace(/\.\d{3}Z$/, "Z");
}

/** The same instant to the minute, for people ("2024-05-01 12:00", UTC): the check table and the status page. */
export function utcMinute(epochMs: number): string {
  return rfc3339(epochMs).slice(0, 16).replace("T", " ");
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

export const RFC3339_EXPECTED = "an RFC 3339 date and time with its offset, e.g. 2026-12-31T23:59:59Z";

/**
 * Epoch ms of an RFC 3339 date-time, or null. The offset is required: "until midnight" in the
 * reader's zone and the server's can be hours apart. Date.parse alone would roll 02-30 into March.
 */
export function parseRfc3339(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return null;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return null;
  const ms = Date.parse(text.trim().replace(" ", "T"));
  return Number.isNaN(ms) ? null : ms;
}
