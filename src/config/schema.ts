import { z } from "zod";
import { isHostname } from "./hostname.js";
import { parseListen } from "./listen.js";
import { isValidSchedule, SCHEDULE_EXPECTED } from "./schedule.js";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = (typeof LOG_FORMATS)[number];

export type CloudflareAuth = { kind: "token"; token: string } | { kind: "key"; key: string; email: string };

/** The validated configuration the daemon runs on. */
export interface Config {
  /** The path it was loaded from. */
  file: string;
  cloudflare: {
    auth: CloudflareAuth;
    /** No trailing slash. */
    base_url: string;
    timeout_seconds: number;
    max_requests_per_5m: number;
    max_retries: number;
    retry_after_cap_seconds: number;
    concurrency: number;
  };
  zones: { id: string; name: string; hostnames: string[] }[];
  schedule: string;
  thresholds: { warning_days: number; critical_days: number };
  /** host/port are parsed from listen, with IPv6 brackets removed ("[::]" → "::"). */
  server: { listen: string; host: string; port: number };
  log: { level: LogLevel; format: LogFormat };
}

/** Every secret value in the config, so the logger can scrub them from anything it writes. */
export function secretsOf(config: Config): string[] {
  const auth = config.cloudflare.auth;
  return auth.kind === "token" ? [auth.token] : [auth.key];
}

export const DEFAULTS = {
  timeout_seconds: 30,
  max_requests_per_5m: 600,
  max_retries: 4,
  retry_after_cap_seconds: 300,
  concurrency: 4,
  schedule: "*/5 * * * *",
  warning_days: 30,
  critical_days: 7,
  listen: "0.0.0.0:9798",
  level: "info",
  format: "json",
} as const;

/**
 * `${VAR}` always yields a string, so numeric settings also take a plain decimal string; without
 * this a number could never come from the environment. Anything else is left for the type error.
 */
function fromDecimalString(value: unknown): unknown {
  return typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

function integer(min: number, max: number | undefined, fallback: number) {
  const expected = max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
  let schema = z.number({ error: expected }).int({ error: expected }).min(min, { error: expected });
  if (max !== undefined) schema = schema.max(max, { error: expected });
  return z.preprocess(fromDecimalString, schema).optional().default(fallback);
}

const timeoutSeconds = (() => {
  const expected = "a number of seconds greater than 0 and at most 300";
  const schema = z.number({ error: expected }).gt(0, { error: expected }).max(300, { error: expected });
  return z.preprocess(fromDecimalString, schema).optional().default(DEFAULTS.timeout_seconds);
})();

/** Validated here for type only; base-url.ts and credentials.ts apply the env fallbacks. */
const optionalString = (expected: string) => z.string({ error: expected }).optional();

const cloudflareShape = {
  api_token: optionalString("an API token string"),
  api_key: optionalString("a global API key string"),
  api_email: optionalString("the account email as a string"),
  base_url: optionalString("an http(s) URL"),
  timeout_seconds: timeoutSeconds,
  max_requests_per_5m: integer(1, 1200, DEFAULTS.max_requests_per_5m),
  max_retries: integer(0, 10, DEFAULTS.max_retries),
  retry_after_cap_seconds: integer(1, 3600, DEFAULTS.retry_after_cap_seconds),
  concurrency: integer(1, 32, DEFAULTS.concurrency),
};

const ZONE_ID = "32 lowercase hex characters";
const HOSTNAME = "a DNS hostname such as app.example.com (no wildcard, no trailing dot)";

const zoneShape = {
  id: z.string({ error: ZONE_ID }).regex(/^[0-9a-f]{32}$/, { error: ZONE_ID }),
  name: z.string({ error: "a non-empty zone name" }).min(1, { error: "a non-empty zone name" }).optional(),
  hostnames: z
    .array(
      // Cloudflare stores hostnames in lowercase; accepting any case keeps duplicates detectable.
      z
        .string({ error: HOSTNAME })
        .refine((name) => isHostname(name.toLowerCase()), { error: HOSTNAME })
        .transform((name) => name.toLowerCase()),
      { error: "a list of hostnames" },
    )
    .optional()
    .default([]),
};

const DAYS = "a whole number of days greater than 0";
const days = (fallback: number) =>
  z
    .preprocess(fromDecimalString, z.number({ error: DAYS }).int({ error: DAYS }).min(1, { error: DAYS }))
    .optional()
    .default(fallback);

const thresholdsShape = {
  warning_days: days(DEFAULTS.warning_days),
  critical_days: days(DEFAULTS.critical_days),
};

const serverShape = {
  listen: z
    .string({ error: 'host:port, e.g. "0.0.0.0:9798" or "[::]:9798"' })
    .superRefine((listen, ctx) => {
      const parsed = parseListen(listen);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.expected });
    })
    .optional()
    .default(DEFAULTS.listen),
};

const logShape = {
  level: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(", ")}` }).optional().default(DEFAULTS.level),
  format: z.enum(LOG_FORMATS, { error: `one of ${LOG_FORMATS.join(", ")}` }).optional().default(DEFAULTS.format),
};

const rootShape = {
  cloudflare: z.strictObject(cloudflareShape, { error: "a mapping of Cloudflare settings" }).prefault({}),
  zones: z
    .array(z.strictObject(zoneShape, { error: "a mapping with id, name, hostnames" }), {
      error: "a list of at least one zone",
    })
    .min(1, { error: "a list of at least one zone" }),
  schedule: z
    .string({ error: SCHEDULE_EXPECTED })
    .refine(isValidSchedule, { error: SCHEDULE_EXPECTED })
    .transform((expression) => expression.trim())
    .optional()
    .default(DEFAULTS.schedule),
  thresholds: z
    .strictObject(thresholdsShape, { error: "a mapping with warning_days and critical_days" })
    .superRefine((t, ctx) => {
      // Zod also runs this after a range error; only compare numbers that are themselves valid.
      const valid = (n: number) => Number.isInteger(n) && n > 0;
      if (valid(t.warning_days) && valid(t.critical_days) && t.critical_days >= t.warning_days) {
        ctx.addIssue({
          code: "custom",
          path: ["critical_days"],
          message: `fewer days than warning_days (${t.warning_days})`,
          params: { found: t.critical_days },
        });
      }
    })
    .prefault({}),
  server: z.strictObject(serverShape, { error: "a mapping with listen" }).prefault({}),
  log: z.strictObject(logShape, { error: "a mapping with level and format" }).prefault({}),
};

/** The file's shape, before credentials, env fallbacks and derived fields are filled in. */
export const rawConfigSchema = z.strictObject(rootShape, { error: "a mapping of settings" });
export type RawConfig = z.infer<typeof rawConfigSchema>;

/**
 * The keys each mapping allows, for "unknown key" messages. Indexed by path with list indexes
 * written as `[]`, e.g. `zones[]`.
 */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  "": Object.keys(rootShape),
  cloudflare: Object.keys(cloudflareShape),
  "zones[]": Object.keys(zoneShape),
  thresholds: Object.keys(thresholdsShape),
  server: Object.keys(serverShape),
  log: Object.keys(logShape),
};
