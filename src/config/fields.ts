import { z } from "zod";
import { normalizeBaseUrl } from "./base-url.js";
import { parseDuration } from "./duration.js";

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

export function integer(min: number, max: number | undefined, fallback: number) {
  const expected = max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
  let schema = z.number({ error: expected }).int({ error: expected }).min(min, { error: expected });
  if (max !== undefined) schema = schema.max(max, { error: expected });
  return z.preprocess(fromDecimalString, schema).optional().default(fallback);
}

export const boolean = (fallback: boolean) =>
  z.preprocess(fromBooleanString, z.boolean({ error: "true or false" })).optional().default(fallback);

export const DURATION_EXPECTED = "a duration like 30m or 1h30m (units ms, s, m, h, d, w, y)";

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

/** The URL as written, with any `user:password@` masked, for the "found" half of a message. */
export function maskUrlCredentials(text: string): string {
  return text.replace(CREDENTIALS_IN_URL, "$1<redacted>@");
}

export type UrlCheck = { ok: true; url: string } | { ok: false; found?: string };

/**
 * An absolute http(s) URL with no `user:password@`: fetch refuses those, and a password in a
 * URL would end up in logs. Kept as written (trimmed; query and all) unless `base` is set, in which case
 * query and fragment are refused too and trailing slashes dropped, so paths can be appended.
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
  if (url.username !== "" || url.password !== "") return { ok: false, found: maskUrlCredentials(text) };
  if (!base) return { ok: true, url: text };
  const normalized = normalizeBaseUrl(text);
  return normalized === undefined ? { ok: false } : { ok: true, url: normalized };
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

/** A string with something other than whitespace in it. */
export function nonBlank(expected: string) {
  return z.string({ error: expected }).refine((text) => text.trim() !== "", { error: expected });
}
