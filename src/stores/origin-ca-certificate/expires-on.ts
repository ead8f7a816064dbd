import { parseRfc3339 } from "../../clock/rfc3339.js";

/**
 * Go's `time.Time.String()` and its relatives: "2032-01-29 22:36:00 +0000 UTC", with optional
 * fractional seconds, an optional zone abbreviation (Go writes "+03" when a zone has none) and
 * the monotonic-clock suffix ("m=+0.000000001") Go appends to times read from the clock. The
 * offset is required: without it the instant is a guess.
 */
const GO_TIME_STRING = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)? ?([+-])(\d{2}):?(\d{2})(?: (?:[A-Za-z]{1,6}|[+-]\d{2}(?:\d{2})?))?(?: m=[+-]\d+(?:\.\d+)?)?$/;

/**
 * The Origin CA list's `expires_on` as epoch ms, or null when it is absent or in no form known
 * here. Its wire format is unconfirmed (docs/cloudflare-api.md §B1): the schema says
 * date-time, the Go SDK types it as a plain string, and the one value on record is Go's
 * `time.String()` form. Accepted:
 * RFC 3339 ("2032-01-29T22:36:00Z", fractions, any offset), Go's form
 * ("2032-01-29 22:36:00 +0000 UTC") and the bare-offset form ("2032-01-29 22:36:00 +0000").
 *
 * Never throws: a date that cannot be read leaves the item's expiry to its PEM, which wins over
 * this claim anyway (src/evaluate/expiry.ts).
 */
export function parseOriginCaExpiresOn(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text === "") return null;
  const rfc3339 = parseRfc3339(text);
  if (rfc3339 !== null) return rfc3339;
  const go = GO_TIME_STRING.exec(text);
  if (!go) return null;
  const [, date, time, fraction = "", sign, hours, minutes] = go;
  return parseRfc3339(`${date}T${time}${fraction}${sign}${hours}:${minutes}`);
}
