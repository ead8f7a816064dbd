import { dirname, resolve } from "node:path";
import { SOURCE_NAMES } from "../inventory/certificate-record.js";
import { resolveBaseUrl } from "./base-url.js";
import { resolveCredentials, zoneCredentialProblems } from "./credential-list.js";
import { interpolate } from "./interpolate.js";
import { parseListen } from "./listen.js";
import { describeValue, formatPath, type Problem } from "./problem.js";
import { rawConfigSchema, type AlertsConfig, type Config, type RawConfig, type SinkConfig, type ZoneConfig } from "./schema.js";
import { isRecord } from "./section.js";
import { mergeLabels } from "./labels.js";
import { silenceMatcherProblems } from "./silences.js";
import type { RawSink } from "./sinks.js";
import { duplicateProblems } from "./uniqueness.js";
import { zoneThresholdProblems } from "./zone-thresholds.js";
import { zonesRequiredProblems } from "./zones-required.js";
import { stalenessProblems } from "./staleness-budget.js";
import { zodProblems } from "./zod-problems.js";

export type Validated = { ok: true; config: Config } | { ok: false; problems: Problem[]; tree: unknown };

/**
 * From the parsed YAML tree to a Config. Every check runs regardless of the others so the user
 * sees all problems in one go; `tree` (after `${VAR}` substitution) is returned for scrubbing.
 */
export function validateTree(parsed: unknown, file: string, env: NodeJS.ProcessEnv): Validated {
  const { value: tree, problems: substitution, failedPaths } = interpolate(parsed, env);
  const result = rawConfigSchema.safeParse(nullsAsAbsent(tree));
  const cloudflare = isRecord(tree) ? tree["cloudflare"] : undefined;
  const per5m = result.success ? result.data.cloudflare.max_requests_per_5m : 0;
  const auth = resolveCredentials(cloudflare, env, per5m);
  const baseUrl = resolveBaseUrl(cloudflare, env);
  const checks = [
    ...(result.success ? [] : zodProblems(result.error.issues, tree)),
    ...zonesRequiredProblems(tree),
    ...duplicateProblems(tree),
    ...zoneThresholdProblems(tree),
    ...silenceMatcherProblems(tree),
    ...auth.problems,
    ...zoneCredentialProblems(tree, auth.credentials),
    ...baseUrl.problems,
  ];
  // A string whose variable is missing still holds "${VAR}"; saying that is no URL adds nothing.
  const problems = [...substitution, ...checks.filter((p) => !failedPaths.has(formatPath(p.path)))];
  const first = auth.credentials?.[0];
  if (problems.length > 0 || !result.success || !auth.credentials || !first || baseUrl.baseUrl === undefined) {
    return { ok: false, problems, tree };
  }
  const raw = result.data;
  const zones = raw.zones.map(zoneConfig(raw));
  const written = isRecord(tree) && typeof tree["max_staleness"] === "string" ? tree["max_staleness"] : undefined;
  const listForm = isRecord(cloudflare) && Array.isArray(cloudflare["credentials"]);
  const staleness = stalenessProblems(raw.max_staleness, written, zones, auth.credentials, listForm);
  if (staleness.length > 0) return { ok: false, problems: staleness, tree };
  const listen = parseListen(raw.server.listen);
  if (!listen.ok) {
    // Unreachable while the schema checks listen with the same parser; kept so types stay honest.
    const problem = { path: ["server", "listen"], expected: listen.expected, found: describeValue(raw.server.listen) };
    return { ok: false, problems: [problem], tree };
  }
  return {
    ok: true,
    config: {
      file,
      cloudflare: {
        auth: first.auth,
        credentials: auth.credentials,
        base_url: baseUrl.baseUrl,
        timeout_seconds: raw.cloudflare.timeout_seconds,
        max_requests_per_5m: first.max_requests_per_5m,
        max_retries: raw.cloudflare.max_retries,
        retry_after_cap_seconds: raw.cloudflare.retry_after_cap_seconds,
        concurrency: raw.cloudflare.concurrency,
        source_timeout_seconds: raw.cloudflare.source_timeout_seconds,
      },
      zones,
      discover: {
        enabled: raw.discover.enabled,
        account_id: raw.discover.account_id ?? null,
        name: raw.discover.name ?? null,
        statuses: [...new Set(raw.discover.statuses)],
      },
      schedule: raw.schedule,
      thresholds: { ...raw.thresholds },
      server: {
        listen: raw.server.listen,
        host: listen.host,
        port: listen.port,
        ...(raw.server.web_config_file === undefined ? {} : { web_config_file: resolve(dirname(file), raw.server.web_config_file) }),
      },
      log: { ...raw.log },
      alerts: alertsConfig(raw.alerts, listen),
      state_dir: raw.state_dir,
      max_staleness_ms: raw.max_staleness,
      labels: raw.labels,
    },
  };
}

/** A zone as the daemon uses it: thresholds merged, sources in their fixed order. */
function zoneConfig(raw: RawConfig): (zone: RawConfig["zones"][number]) => ZoneConfig {
  return (zone) => ({
    id: zone.id,
    name: zone.name ?? zone.id,
    hostnames: zone.hostnames,
    // zone-thresholds.ts has checked the merged pair.
    thresholds: {
      warning_days: zone.thresholds?.warning_days ?? raw.thresholds.warning_days,
      critical_days: zone.thresholds?.critical_days ?? raw.thresholds.critical_days,
    },
    // Listed or not, sources run in one fixed order (uniqueness.ts has refused duplicates).
    sources: SOURCE_NAMES.filter((source) => zone.sources?.includes(source) ?? true),
    sources_explicit: zone.sources !== undefined,
    custom_hostnames: { mode: zone.custom_hostnames.mode },
    ...(zone.credential === undefined ? {} : { credential: zone.credential }),
    ...labelsOf(mergeLabels(raw.labels, zone.labels)),
  });
}

/** Only a zone with labels carries the key, so configs without labels read as they always did. */
function labelsOf(labels: ZoneConfig["labels"]): Pick<ZoneConfig, "labels"> {
  return labels && Object.keys(labels).length > 0 ? { labels } : {};
}

function alertsConfig(alerts: RawConfig["alerts"], listen: { host: string; port: number }): AlertsConfig {
  return {
    repeat_interval_ms: alerts.repeat_interval,
    send_resolved: alerts.send_resolved,
    pending_grace_ms: alerts.pending_grace,
    source_down_after_ms: alerts.source_down_after,
    queue_max: alerts.queue_max,
    external_url: alerts.external_url ?? defaultExternalUrl(listen.host, listen.port),
    runbook_base_url: alerts.runbook_base_url,
    sinks: alerts.sinks.map(sinkConfig),
    silences: alerts.silences,
  };
}

/**
 * Where people reach the server, as far as the config knows: a wildcard address is no place to
 * send anyone, so it becomes localhost; set alerts.external_url for anything others can open.
 */
export function defaultExternalUrl(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}/`;
}

function sinkConfig(sink: RawSink): SinkConfig {
  const base = { name: sink.name, min_severity: sink.min_severity };
  switch (sink.type) {
    case "webhook":
      return { ...base, type: sink.type, url: sink.url, secret: sink.secret ?? null, headers: { ...sink.headers } };
    case "slack":
      return { ...base, type: sink.type, url: sink.url };
    case "pagerduty":
      return { ...base, type: sink.type, routing_key: sink.routing_key, url: sink.url };
    case "alertmanager":
      return { ...base, type: sink.type, url: sink.url };
  }
}

/**
 * An empty value (`key:` with nothing after it) means "not set", so a section whose lines are
 * all commented out falls back to defaults. Only mapping values: a null inside a list is an error.
 */
function nullsAsAbsent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullsAsAbsent);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = item === null ? undefined : nullsAsAbsent(item);
  return copy;
}
