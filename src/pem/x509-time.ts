import { quoted } from "./printable.js";

/**
 * Reads an X.509 validity time (RFC 5280 §4.1.2.5) from its raw ASN.1 text, refusing what the
 * calendar does not have. JavaScript's Date quietly rolls month 13 into the next year and reads
 * years below 100 as 19xx, so a broken certificate would otherwise get a plausible wrong date.
 */
export type AsnTimeKind = "UTCTime" | "GeneralizedTime";

const FORMS: Record<AsnTimeKind, { pattern: RegExp; form: string }> = {
  UTCTime: { pattern: /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/, form: "YYMMDDHHMMSSZ" },
  GeneralizedTime: { pattern: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/, form: "YYYYMMDDHHMMSSZ" },
};

/**
 * The earliest year accepted. UTCTime cannot say anything earlier, no CA issues GeneralizedTime
 * dates before it, and below 100 Date.UTC would shift the year by 1900.
 */
export const EARLIEST_YEAR = 1950;

export class InvalidTimeError extends Error {}

/** Epoch ms of the time; throws InvalidTimeError whose message names the impossible part. */
export function parseAsnTime(kind: AsnTimeKind, text: string): number {
  const { pattern, form } = FORMS[kind];
  const parts = pattern.exec(text);
  if (!parts) throw new InvalidTimeError(`${kind} ${quoted(text)} is not in the form ${form}`);
  const [yearText, month, day, hour, minute, second] = parts.slice(1).map((p) => p!) as [string, string, string, string, string, string];
  const year = kind === "UTCTime" ? utcTimeYear(Number(yearText)) : Number(yearText);
  if (year < EARLIEST_YEAR) throw new InvalidTimeError(`year ${yearText}`);
  checkRange("month", month, 1, 12);
  checkRange("day", day, 1, daysInMonth(year, Number(month)));
  checkRange("hour", hour, 0, 23);
  checkRange("minute", minute, 0, 59);
  // openssl refuses a leap second too; Date would roll it into the next minute.
  checkRange("second", second, 0, 59);
  return Date.UTC(year, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
}

/** RFC 5280: YY of 50 or more is 19YY, less than 50 is 20YY. */
function utcTimeYear(twoDigits: number): number {
  return twoDigits >= 50 ? 1900 + twoDigits : 2000 + twoDigits;
}

function checkRange(name: string, text: string, min: number, max: number): void {
  const value = Number(text);
  if (value < min || value > max) throw new InvalidTimeError(`${name} ${text}`);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
