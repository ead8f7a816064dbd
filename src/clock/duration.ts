const UNIT_MS = {
  y: 365 * 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  h: 60 * 60 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
} as const;

/**
 * Prometheus' duration syntax (model.ParseDuration): one or more `<digits><unit>` parts, units
 * from largest to smallest, each at most once, e.g. "1h30m". A year is 365 days, a week 7.
 */
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS = ["y", "w", "d", "h", "m", "s", "ms"] as const;

/**
 * A Prometheus-style duration in milliseconds, or null when `text` is not one. Surrounding
 * whitespace is ignored (a value from `${VAR}` may carry a newline). Unlike Prometheus, a bare
 * "0" is not taken: a number without a unit is always refused, so "30" is never guessed at.
 */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match || match[0] === "") return null;
  let total = 0;
  UNITS.forEach((unit, i) => {
    const digits = match[i + 1];
    if (digits !== undefined) total += Number(digits) * UNIT_MS[unit];
  });
  return Number.isSafeInteger(total) ? total : null;
}

/** The other way round, to the minute (rounded up): 4_020_000 → "1h7m". For messages. */
export function formatDuration(ms: number): string {
  let left = Math.ceil(ms / UNIT_MS.m) * UNIT_MS.m;
  let text = "";
  for (const unit of ["d", "h", "m"] as const) {
    const n = Math.floor(left / UNIT_MS[unit]);
    if (n > 0) text += `${n}${unit}`;
    left -= n * UNIT_MS[unit];
  }
  return text || "0m";
}
