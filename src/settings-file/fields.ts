/**
 * The value-level pieces settings schemas are built from (certwatch.yaml's sections and its sinks):
 * numbers, flags, durations, URLs, hostnames. Each carries its own "expected" wording, which is
 * what the user reads when a value is refused.
 */
import { z } from "zod";
import { parseDuration } from "../clock/duration.js";

/**
 * `${VAR}` always yields a string, so numeric settings also take a plain decimal string; without
 * this a number could never come from the environment. Anything else is left for the type error.
 */
export function fromDecimalString(value: unknown): unknown {
  return typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** The same for booleans: exactly "true" or "false" (what `${VAR}` gives for a flag). */
export function fromBooleanString(value: unknown): unknown {
  return value === "true" ? true : value === "false" ? false : value;
}

export function wholeNumber(min: number, max: number) {
  const expected = `an integer from ${min} to ${max}`;
  const schema = z.number({ error: expected }).int({ error: expected }).min(min, { error: expected }).max(max, { error: expected });
  return z.preprocess(fromDecimalString, schema);
}

export const integer = (min: number, max: number, fallback: number) => wholeNumber(min, max).optional().default(fallback);

/** Seconds above 0 and at most `max`, fractions allowed. */
export function seconds(max: number, fallback: number) {
  const expected = `a number of seconds greater than 0 and at most ${max}`;
  const schema = z.number({ error: expected }).gt(0, { error: expected }).max(max, { error: expected });
  return z.preprocess(fromDecimalString, schema).optional().default(fallback);
}

export const boolean = (fallback: boolean) =>
  z.preprocess(fromBooleanString, z.boolean({ error: "true or false" })).optional().default(fallback);

/** A string with something other than whitespace in it. */
export function nonBlank(expected: string) {
  return z.string({ error: expected }).refine((text) => text.trim() !== "", { error: expected });
}

/** nonBlank, trimmed: for names and paths, where surrounding whitespace is never meant. */
export const trimmed = (expected: string) => nonBlank(expected).transform((text) => text.trim());

const DURATION_EXPECTED = "a duration like 30m or 1h30m (units ms, s, m, h, d, w, y)";

/**
 * A Prometheus-style duration, to milliseconds. A bare number is refused rather than read in
 * some unit: `30` could as well mean seconds as minutes. `min` is written as a duration too.
 */
export function duration(min: string, fallback: string) {
  const minMs = parseDuration(min) ?? 0;
  return z
    .string({ error: DURATION_EXPECTED })
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === null) ctx.addIssue({ code: "custom", message: DURATION_EXPECTED });
      else if (ms < minMs) ctx.addIssue({ code: "custom", message: `a duration of at least ${min}` });
      else return ms;
      return z.NEVER;
    })
    .prefault(fallback);
}

const CREDENTIALS_IN_URL = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/;

export type UrlCheck = { ok: true; url: string } | { ok: false; found?: string };

/**
 * An absolute http(s) URL with no `user:password@`: fetch refuses those, and a password in a
 * URL would end up in logs (so the "found" masks it). Kept as written (trimmed; query and all)
 * unless `base` is set, in which case query and fragment are refused too and trailing slashes
 * dropped, since clients append paths ("/zones/...", "/api/v2/alerts") to it.
 */
export function checkHttpUrl(written: string, base = false): UrlCheck {
  const text = written.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false };
  if (url.username !== "" || url.password !== "") return { ok: false, found: text.replace(CREDENTIALS_IN_URL, "$1<redacted>@") };
  if (!base) return { ok: true, url: text };
  if (url.search !== "" || url.hash !== "") return { ok: false };
  return { ok: true, url: text.replace(/\/+$/, "") };
}

/** A string schema accepting what checkHttpUrl accepts, giving the URL it returns. */
export function httpUrl(expected: string, base = false, extra?: (url: string) => string | undefined) {
  return z.string({ error: expected }).transform((text, ctx) => {
    const checked = checkHttpUrl(text, base);
    if (checked.ok) {
      const problem = extra?.(checked.url);
      if (problem === undefined) return checked.url;
      ctx.addIssue({ code: "custom", message: problem });
    } else {
      ctx.addIssue({ code: "custom", message: expected, ...(checked.found === undefined ? {} : { params: { found: checked.found } }) });
    }
    return z.NEVER;
  });
}

const HOSTNAME_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A DNS hostname in letter-digit-hyphen form (RFC 1123), lowercase: labels of 1-63 characters,
 * 253 in total, no trailing dot, no wildcard. The last label may not be all digits, so a
 * mistyped IPv4 address such as 300.1.1.1 is not taken for a name.
 */
export function isHostname(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split(".");
  if (!labels.every((label) => HOSTNAME_LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? "");
}
