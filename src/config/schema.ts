import { SOURCE_NAMES, type SourceName } from "../inventory/certificate-record.js";
import { z } from "zod";
import { RUNBOOK_URL } from "../alerts/runbook.js";
import { CREDENTIAL_KEYS, credentialsSchema, type CredentialConfig } from "./credential-list.js";
import { boolean, duration, fromDecimalString, httpUrl, integer, nonBlank } from "./fields.js";
import { isHostname } from "./hostname.js";
import { labelsSchema, type LabelSet } from "./labels.js";
import { parseListen } from "./listen.js";
import { isValidSchedule, SCHEDULE_EXPECTED } from "./schedule.js";
import { sinkSecrets } from "./secrets.js";
import { SILENCE_KEYS, silencesSchema, type SilenceConfig } from "./silences.js";
import { SINK_KEYS, SINK_TYPES, sinkSchema } from "./sinks.js";
import { stateDir } from "./state-dir.js";

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
    /** The first (or only) credential's: what a zone without `credential` uses. */
    auth: CloudflareAuth;
    /** Every credential, each with its own client and request budget; the single-credential form is one named "default". */
    credentials: CredentialConfig[];
    /** No trailing slash. */
    base_url: string;
    timeout_seconds: number;
    /** The first (or only) credential's budget. */
    max_requests_per_5m: number;
    max_retries: number;
    retry_after_cap_seconds: number;
    concurrency: number;
    /** The most one source's poll of one zone may take, retries included; then it fails with reason `timeout`. */
    source_timeout_seconds: number;
  };
  zones: ZoneConfig[];
  schedule: string;
  thresholds: Thresholds;
  /**
   * host/port are parsed from listen, with IPv6 brackets removed ("[::]" → "::").
   * web_config_file: the exporter-toolkit web config (TLS, basic auth), resolved against the config file's directory; absent: none.
   */
  server: { listen: string; host: string; port: number; web_config_file?: string };
  log: { level: LogLevel; format: LogFormat };
  alerts: AlertsConfig;
  /** Where alert state and the notification outbox are kept (made if missing). */
  state_dir: string;
  discover: DiscoverConfig;
  /** The longest a (zone, source) pair may go unread when the budget makes sweeps take turns. */
  max_staleness_ms: number;
  /** Added to every series and alert of every zone (discovered ones too); a zone's own win. */
  labels: LabelSet;
}

export interface Thresholds {
  warning_days: number;
  critical_days: number;
}

export interface ZoneConfig {
  id: string;
  name: string;
  hostnames: string[];
  /** The zone's own thresholds when set, else the global ones (already merged). */
  thresholds: Thresholds;
  /** Which sources run for the zone (default: all, in SOURCE_NAMES order). */
  sources: SourceName[];
  /** True when the config lists `sources` for the zone: an unavailable source then still alerts. */
  sources_explicit: boolean;
  custom_hostnames: { mode: "per_hostname" | "summary" };
  /** The credential that reads the zone (its name); absent: the first one. */
  credential?: string;
  /** The global labels merged with the zone's own; absent: none. */
  labels?: LabelSet;
}

export interface DiscoverConfig {
  enabled: boolean;
  /** Only zones of this account (32 hex), or every zone the token can see. */
  account_id: string | null;
  /** Cloudflare's `name` filter for GET /zones (e.g. "example.com", "contains:shop"). */
  name: string | null;
  /** Only listed zones with one of these statuses are watched (a zone whose listing has no status is watched). */
  statuses: ZoneStatus[];
}

/** The zone statuses of GET /zones (api.md §3.1). */
export const ZONE_STATUSES = ["active", "pending", "initializing", "moved"] as const;
export type ZoneStatus = (typeof ZONE_STATUSES)[number];

export type SinkSeverity = "warning" | "critical";

interface SinkBase {
  name: string;
  /** Notifications below this severity are not sent to the sink (resolves follow their alert). */
  min_severity: SinkSeverity;
}
export type SinkConfig =
  | (SinkBase & { type: "webhook"; url: string; secret: string | null; headers: Record<string, string> })
  | (SinkBase & { type: "slack"; url: string })
  | (SinkBase & { type: "pagerduty"; routing_key: string; url: string })
  | (SinkBase & { type: "alertmanager"; url: string });

export interface AlertsConfig {
  /** All durations in milliseconds. */
  repeat_interval_ms: number;
  send_resolved: boolean;
  pending_grace_ms: number;
  source_down_after_ms: number;
  /** Most notifications kept in the outbox per sink; the oldest are dropped (and counted) past it. */
  queue_max: number;
  /** Base of links in notifications (the status page); default http://<server.listen>/ */
  external_url: string;
  /** The runbook page; each alert's `runbook_url` is `<this>#<alertname lowercased>`. */
  runbook_base_url: string;
  sinks: SinkConfig[];
  /** Alerts matching one of these are not sent until its `until`; expired ones are ignored. */
  silences: SilenceConfig[];
}

/** Every secret value in the config, so the logger can scrub them from anything it writes. */
export function secretsOf(config: Config): string[] {
  const cloudflare = [config.cloudflare.auth, ...config.cloudflare.credentials.map((c) => c.auth)].map((auth) => (auth.kind === "token" ? auth.token : auth.key));
  // Webhook secrets and auth headers, PagerDuty routing keys, Slack URLs.
  return [...new Set([...cloudflare, ...sinkSecrets(config.alerts.sinks)])];
}

export const DEFAULTS = {
  timeout_seconds: 30,
  max_requests_per_5m: 600,
  max_retries: 4,
  retry_after_cap_seconds: 300,
  concurrency: 4,
  source_timeout_seconds: 120,
  schedule: "*/5 * * * *",
  warning_days: 30,
  critical_days: 7,
  listen: "0.0.0.0:9798",
  level: "info",
  format: "json",
  repeat_interval: "4h",
  send_resolved: true,
  pending_grace: "1h",
  source_down_after: "30m",
  queue_max: 10000,
  state_dir: "./data",
  custom_hostnames_mode: "per_hostname",
  discover_enabled: false,
  discover_statuses: ["active"],
  max_staleness: "24h",
} as const;

export const CUSTOM_HOSTNAME_MODES = ["per_hostname", "summary"] as const satisfies readonly ZoneConfig["custom_hostnames"]["mode"][];

/** Seconds above 0 and at most `max`, fractions allowed. */
const seconds = (max: number, fallback: number) => {
  const expected = `a number of seconds greater than 0 and at most ${max}`;
  const schema = z.number({ error: expected }).gt(0, { error: expected }).max(max, { error: expected });
  return z.preprocess(fromDecimalString, schema).optional().default(fallback);
};

/** Validated here for type only; base-url.ts and credentials.ts apply the env fallbacks. */
const optionalString = (expected: string) => z.string({ error: expected }).optional();

const cloudflareShape = {
  api_token: optionalString("an API token string"),
  api_key: optionalString("a global API key string"),
  api_email: optionalString("the account email as a string"),
  /** Several credentials instead of the three keys above: credential-list.ts. */
  credentials: credentialsSchema,
  base_url: optionalString("an http(s) URL"),
  timeout_seconds: seconds(300, DEFAULTS.timeout_seconds),
  max_requests_per_5m: integer(1, 1200, DEFAULTS.max_requests_per_5m),
  max_retries: integer(0, 10, DEFAULTS.max_retries),
  retry_after_cap_seconds: integer(1, 3600, DEFAULTS.retry_after_cap_seconds),
  concurrency: integer(1, 32, DEFAULTS.concurrency),
  source_timeout_seconds: seconds(3600, DEFAULTS.source_timeout_seconds),
};

const ZONE_ID = "32 lowercase hex characters";
const SOURCES = `a list of at least one of ${SOURCE_NAMES.join(", ")}`;
const HOSTNAME = "a DNS hostname such as app.example.com (no wildcard, no trailing dot)";

const DAYS = "a whole number of days greater than 0";
const dayCount = z.preprocess(fromDecimalString, z.number({ error: DAYS }).int({ error: DAYS }).min(1, { error: DAYS }));

const thresholdsShape = {
  warning_days: dayCount.optional().default(DEFAULTS.warning_days),
  critical_days: dayCount.optional().default(DEFAULTS.critical_days),
};

/** A zone's own thresholds: each falls back to the global one (zone-thresholds.ts checks the merge). */
const zoneThresholdsShape = {
  warning_days: dayCount.optional(),
  critical_days: dayCount.optional(),
};

/** How a zone's custom hostnames are exported: one series each, or counts by status (alerts stay per hostname). */
const customHostnamesShape = {
  mode: z
    .enum(CUSTOM_HOSTNAME_MODES, { error: `one of ${CUSTOM_HOSTNAME_MODES.join(", ")}` })
    .optional()
    .default(DEFAULTS.custom_hostnames_mode),
};

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
  thresholds: z
    .strictObject(zoneThresholdsShape, { error: "a mapping with warning_days and/or critical_days" })
    .optional(),
  /** Absent: every source (validate.ts fills it, in SOURCE_NAMES order). Duplicates: uniqueness.ts. */
  sources: z
    .array(z.enum(SOURCE_NAMES, { error: `one of ${SOURCE_NAMES.join(", ")}` }), { error: SOURCES })
    .min(1, { error: SOURCES })
    .optional(),
  custom_hostnames: z.strictObject(customHostnamesShape, { error: "a mapping with mode" }).prefault({}),
  /** Checked against the credentials in credential-list.ts. */
  credential: nonBlank("the name of a credential in cloudflare.credentials")
    .transform((name) => name.trim())
    .optional(),
  labels: labelsSchema,
};

const ACCOUNT_ID = "an account id of 32 lowercase hex characters";

const discoverShape = {
  enabled: boolean(DEFAULTS.discover_enabled),
  account_id: z.string({ error: ACCOUNT_ID }).regex(/^[0-9a-f]{32}$/, { error: ACCOUNT_ID }).optional(),
  /** Passed to Cloudflare as is (trimmed): "example.com", "contains:shop", "starts_with:dev". */
  name: nonBlank('a non-empty zone name filter, e.g. "example.com" or "contains:shop"')
    .transform((name) => name.trim())
    .optional(),
  statuses: z
    .array(z.enum(ZONE_STATUSES, { error: `one of ${ZONE_STATUSES.join(", ")}` }), { error: `a list of zone statuses (${ZONE_STATUSES.join(", ")})` })
    .min(1, { error: `a list of at least one zone status (${ZONE_STATUSES.join(", ")})` })
    .optional()
    .default([...DEFAULTS.discover_statuses]),
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
  /** Read by src/web/load-web-config.ts at startup; `--web.config.file` wins over it. */
  web_config_file: nonBlank("the path of a web configuration file (TLS and basic auth, exporter-toolkit format)")
    .transform((path) => path.trim())
    .optional(),
};

const logShape = {
  level: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(", ")}` }).optional().default(DEFAULTS.level),
  format: z.enum(LOG_FORMATS, { error: `one of ${LOG_FORMATS.join(", ")}` }).optional().default(DEFAULTS.format),
};

const alertsShape = {
  repeat_interval: duration("1m", DEFAULTS.repeat_interval),
  send_resolved: boolean(DEFAULTS.send_resolved),
  pending_grace: duration("0s", DEFAULTS.pending_grace),
  source_down_after: duration("1m", DEFAULTS.source_down_after),
  queue_max: integer(1, 1_000_000, DEFAULTS.queue_max),
  /** Absent: derived from server.listen in validate.ts. */
  external_url: httpUrl("an http(s) URL without credentials, query or fragment", true)
    .transform((url) => `${url}/`)
    .optional(),
  runbook_base_url: httpUrl("an http(s) URL without credentials, query or fragment", true).optional().default(RUNBOOK_URL),
  sinks: z
    .array(sinkSchema, { error: `a list of sinks, each with name and type (${SINK_TYPES.join(", ")})` })
    .optional()
    .default([]),
  silences: silencesSchema,
};

const rootShape = {
  cloudflare: z.strictObject(cloudflareShape, { error: "a mapping of Cloudflare settings" }).prefault({}),
  /** At least one unless discover.enabled; zones-required.ts checks that on the raw tree. */
  zones: z
    .array(z.strictObject(zoneShape, { error: `a mapping with ${Object.keys(zoneShape).join(", ")}` }), {
      error: "a list of zones",
    })
    .optional()
    .default([]),
  discover: z.strictObject(discoverShape, { error: `a mapping with ${Object.keys(discoverShape).join(", ")}` }).prefault({}),
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
  server: z.strictObject(serverShape, { error: "a mapping with listen and/or web_config_file" }).prefault({}),
  log: z.strictObject(logShape, { error: "a mapping with level and format" }).prefault({}),
  alerts: z.strictObject(alertsShape, { error: "a mapping of alert settings" }).prefault({}),
  state_dir: stateDir(DEFAULTS.state_dir),
  /** Checked against the request budget in staleness-budget.ts. */
  max_staleness: duration("5m", DEFAULTS.max_staleness),
  labels: labelsSchema,
};

/** The file's shape, before credentials, env fallbacks and derived fields are filled in. */
export const rawConfigSchema = z.strictObject(rootShape, { error: "a mapping of settings" });
export type RawConfig = z.infer<typeof rawConfigSchema>;

/**
 * The keys each mapping allows, for "unknown key" messages. Indexed by path with list indexes
 * written as `[]`, e.g. `zones[]`. Sinks have one set per type, in sinks.ts's SINK_KEYS.
 */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  "": Object.keys(rootShape),
  cloudflare: Object.keys(cloudflareShape),
  "cloudflare.credentials[]": CREDENTIAL_KEYS,
  "zones[]": Object.keys(zoneShape),
  "zones[].custom_hostnames": Object.keys(customHostnamesShape),
  discover: Object.keys(discoverShape),
  thresholds: Object.keys(thresholdsShape),
  "zones[].thresholds": Object.keys(zoneThresholdsShape),
  server: Object.keys(serverShape),
  log: Object.keys(logShape),
  alerts: Object.keys(alertsShape),
  "alerts.silences[]": SILENCE_KEYS,
  /** Every key some sink type takes; zod-problems.ts narrows this to the sink's own type. */
  "alerts.sinks[]": [...new Set(Object.values(SINK_KEYS).flat())],
};
