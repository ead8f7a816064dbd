/**
 * The whole config file's schema, and the Config type the daemon runs on. The schema's output is
 * the config but for what only the environment and the file's location can say; resolveConfig
 * adds that, and Config is its return type. Sections live in cloudflare.ts, zones.ts, alerts.ts.
 */
import { homedir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { z } from "zod";
import { CREDENTIAL_KEYS, CLOUDFLARE_DEFAULTS, cloudflareSchema, cloudflareShape, type CredentialConfig } from "./cloudflare.js";
import { ALERT_DEFAULTS, alertsSchema, alertsShape, SILENCE_KEYS } from "./alerts.js";
import { cronSchedule } from "../scheduler/schedule-interval.js";
import { listenAddress } from "../server/listen-address.js";
import { duration, nonBlank, trimmed } from "../settings-file/fields.js";
import { sinkSecrets } from "../sinks/sink-schema.js";
import { SINK_KEYS } from "../sinks/index.js";
import {
  customHostnamesShape,
  discoverSchema,
  discoverShape,
  labelsSchema,
  resolveZone,
  THRESHOLD_DEFAULTS,
  thresholdsSchema,
  thresholdsShape,
  zoneShape,
  zoneThresholdsShape,
  type ZoneConfig,
} from "./zones.js";
import { accountShape, resolveAccount } from "./accounts.js";

export type { CloudflareAuth } from "../cloudflare/auth.js";
export type { CredentialConfig } from "./cloudflare.js";
export type { SilenceConfig } from "./alerts.js";
export type { DiscoverConfig, Thresholds, ZoneConfig } from "./zones.js";
export type { SinkConfig } from "../sinks/index.js";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export const LOG_FORMATS = ["json", "pretty"] as const;

export const DEFAULTS = {
  ...CLOUDFLARE_DEFAULTS,
  ...THRESHOLD_DEFAULTS,
  ...ALERT_DEFAULTS,
  schedule: "*/5 * * * *",
  listen: "0.0.0.0:9798",
  state_dir: "./data",
  max_staleness: "24h",
} as const;

/**
 * Kernel filesystems: a state file there is never durable, and writing into them can block
 * (a read-only /proc or /sys, device nodes under /dev), so certwatch refuses them up front.
 */
const KERNEL_DIRS = ["/proc", "/sys", "/dev"];
const KERNEL_EXPECTED = "a directory outside /proc, /sys and /dev (kernel filesystems cannot hold certwatch's state)";

/**
 * `state_dir`: `~` and `~/…` mean the home directory, as in a shell (YAML leaves them alone,
 * so without this certwatch would make a directory named `~`). Relative paths stay relative to
 * the working directory.
 */
function stateDir(fallback: string) {
  return nonBlank("a non-empty directory path")
    .transform((written, ctx) => {
      const path = written === "~" ? homedir() : written.startsWith("~/") ? join(homedir(), written.slice(2)) : written;
      const absolute = resolve(path);
      if (!KERNEL_DIRS.some((dir) => absolute === dir || absolute.startsWith(dir + sep))) return path;
      ctx.addIssue({ code: "custom", message: KERNEL_EXPECTED });
      return z.NEVER;
    })
    .optional()
    .default(fallback);
}

const serverShape = {
  /** host and port are parsed from it, IPv6 brackets removed ("[::]" → "::"). */
  listen: listenAddress(DEFAULTS.listen),
  /** The exporter-toolkit web config (TLS, basic auth); `--web.config.file` wins over it. */
  web_config_file: trimmed("the path of a web configuration file (TLS and basic auth, exporter-toolkit format)").optional(),
};

const logShape = {
  level: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(", ")}` }).optional().default("info"),
  format: z.enum(LOG_FORMATS, { error: `one of ${LOG_FORMATS.join(", ")}` }).optional().default("json"),
};

const rootShape = {
  cloudflare: cloudflareSchema,
  /** At least one unless discover.enabled; zonesRequiredProblems checks that on the raw tree. */
  zones: z
    .array(z.strictObject(zoneShape, { error: `a mapping with ${Object.keys(zoneShape).join(", ")}` }), { error: "a list of zones" })
    .optional()
    .default([]),
  /** Accounts whose account-level stores are watched (config/accounts.ts). */
  accounts: z
    .array(z.strictObject(accountShape, { error: `a mapping with ${Object.keys(accountShape).join(", ")}` }), { error: "a list of accounts" })
    .optional()
    .default([]),
  discover: discoverSchema,
  schedule: cronSchedule(DEFAULTS.schedule),
  thresholds: thresholdsSchema,
  server: z
    .strictObject(serverShape, { error: "a mapping with listen and/or web_config_file" })
    .transform(({ listen, web_config_file }) => ({ ...listen, ...(web_config_file === undefined ? {} : { web_config_file }) }))
    .prefault({}),
  log: z.strictObject(logShape, { error: "a mapping with level and format" }).prefault({}),
  alerts: alertsSchema,
  /** Where alert state and the notification outbox are kept (made if missing). */
  state_dir: stateDir(DEFAULTS.state_dir),
  /** The longest a (zone, source) pair may go unread when the budget makes sweeps take turns. */
  max_staleness: duration("5m", DEFAULTS.max_staleness),
  /** Added to every series and alert of every zone (discovered ones too); a zone's own win. */
  labels: labelsSchema,
};

/** The file's settings, with zones merged with the global thresholds and labels, and durations in ms. */
export const configFileSchema = z
  .strictObject(rootShape, { error: "a mapping of settings" })
  .transform(({ zones, accounts, alerts, max_staleness, ...rest }) => ({
    ...rest,
    zones: zones.map((zone) => resolveZone(zone, rest)),
    accounts: accounts.map((account) => resolveAccount(account, rest)),
    alerts: { ...alerts, external_url: alerts.external_url ?? defaultExternalUrl(rest.server.host, rest.server.port) },
    max_staleness_ms: max_staleness,
  }));
export type ConfigFile = z.output<typeof configFileSchema>;

/**
 * Where people reach the server, as far as the config knows: a wildcard address is no place to
 * send anyone, so it becomes localhost; set alerts.external_url for anything others can open.
 */
function defaultExternalUrl(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}/`;
}

/**
 * The config the daemon runs on: the file's settings plus what resolving against the environment
 * found (credentials, base URL) and paths made relative to the file instead of the working directory.
 */
export function resolveConfig(settings: ConfigFile, file: string, credentials: [CredentialConfig, ...CredentialConfig[]], baseUrl: string) {
  const [first] = credentials;
  const all: CredentialConfig[] = credentials;
  const { web_config_file, ...server } = settings.server;
  return {
    /** The path it was loaded from. */
    file,
    ...settings,
    cloudflare: {
      ...settings.cloudflare,
      /** The first (or only) credential's: what a zone without `credential` uses. */
      auth: first.auth,
      /** Each with its own client and request budget; the single-credential form is one named "default". */
      credentials: all,
      /** No trailing slash. */
      base_url: baseUrl,
      /** The first (or only) credential's budget. */
      max_requests_per_5m: first.max_requests_per_5m,
    },
    server: { ...server, ...(web_config_file === undefined ? {} : { web_config_file: resolve(dirname(file), web_config_file) }) },
  };
}
export type Config = ReturnType<typeof resolveConfig>;

/** Everything the config names to watch: its zones, then its accounts. */
export function configuredTargets(config: Pick<Config, "zones" | "accounts">): ZoneConfig[] {
  return [...config.zones, ...config.accounts];
}
export type AlertsConfig = Config["alerts"];

/** Every secret value in the config, so the logger can scrub them from anything it writes. */
export function secretsOf(config: Config): string[] {
  // cloudflare.auth is the first credential's.
  const cloudflare = config.cloudflare.credentials.map(({ auth }) => (auth.kind === "token" ? auth.token : auth.key));
  // Webhook secrets and auth headers, PagerDuty routing keys, Slack URLs.
  return [...new Set([...cloudflare, ...sinkSecrets(config.alerts.sinks)])];
}

/**
 * The keys each mapping allows, for "unknown key" messages. Indexed by path with list indexes
 * written as `[]`, e.g. `zones[]`. Sinks have one set per type, in SINK_KEYS.
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
  "accounts[]": Object.keys(accountShape),
  "accounts[].thresholds": Object.keys(zoneThresholdsShape),
  server: Object.keys(serverShape),
  log: Object.keys(logShape),
  alerts: Object.keys(alertsShape),
  "alerts.silences[]": SILENCE_KEYS,
  /** Every key some sink type takes; unknownKey (validate.ts) narrows this to the sink's own type. */
  "alerts.sinks[]": [...new Set(Object.values(SINK_KEYS).flat())],
};
