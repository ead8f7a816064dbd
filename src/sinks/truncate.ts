export const ELLIPSIS = "…";

/**
 * `text` cut to at most `max` UTF-16 code units, ending in "…" when cut. Never splits a surrogate
 * pair, so an emoji is kept whole or dropped. Counting code units is the strict reading of
 * receivers' "characters" limits (Slack, PagerDuty): a string within it is within any other count.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
