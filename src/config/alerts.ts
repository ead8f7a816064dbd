/**
 * The `alerts:` section: timing, the outbox, links, the sinks (each type's schema lives beside its
 * renderer in src/sinks) and silences, with the checks across sinks and silences.
 */
import { z } from "zod";
import { RUNBOOK_URL } from "../alerts/runbook.js";
import { parseRfc3339, RFC3339_EXPECTED } from "../clock/rfc3339.js";
import { sinkSchema, SINK_TYPES } from "../sinks/index.js";
import { boolean, duration, httpUrl, integer, trimmed } from "../settings-file/fields.js";
import { describeValue, isRecord, repeats, valueAt, type Problem } from "../settings-file/problems.js";

export const ALERT_DEFAULTS = {
  repeat_interval: "4h",
  send_resolved: true,
  pending_grace: "1h",
  source_down_after: "30m",
  queue_max: 10000,
} as const;

/** What a matcher may name besides the configured labels (`labels`, `zones[].labels`). */
export const SILENCE_MATCHER_KEYS = ["alertname", "zone", "account", "source", "hostname", "cert_id", "subject_cn"] as const;
const MATCHERS = `a mapping of at least one of ${SILENCE_MATCHER_KEYS.join(", ")} (or a configured label) to a value or glob`;

const silenceShape = {
  /** Keys are checked against the configured labels by silenceMatcherProblems. */
  matchers: z
    .record(z.string(), z.string({ error: "a value or glob (* any characters, ? one) as a string" }), { error: MATCHERS })
    .refine((matchers) => Object.keys(matchers).length > 0, { error: MATCHERS }),
  /** As written (for people) and in epoch ms (for the clock). */
  until: z.string({ error: RFC3339_EXPECTED }).transform((text, ctx) => {
    const ms = parseRfc3339(text);
    if (ms === null) ctx.addIssue({ code: "custom", message: RFC3339_EXPECTED });
    return { text: text.trim(), ms: ms ?? 0 };
  }),
  comment: trimmed("a comment saying why the alerts are muted (who asked, a ticket)"),
};
export const SILENCE_KEYS = Object.keys(silenceShape);
const silenceSchema = z.strictObject(silenceShape, { error: `a mapping with ${SILENCE_KEYS.join(", ")}` });

/** A silence as the engine uses it: alerts matching it are not sent until `until`. */
export type SilenceConfig = z.output<typeof silenceSchema>;

const BASE_URL_EXPECTED = "an http(s) URL without credentials, query or fragment";

export const alertsShape = {
  repeat_interval: duration("1m", ALERT_DEFAULTS.repeat_interval),
  send_resolved: boolean(ALERT_DEFAULTS.send_resolved),
  pending_grace: duration("0s", ALERT_DEFAULTS.pending_grace),
  source_down_after: duration("1m", ALERT_DEFAULTS.source_down_after),
  /** Most notifications kept in the outbox per sink; the oldest are dropped (and counted) past it. */
  queue_max: integer(1, 1_000_000, ALERT_DEFAULTS.queue_max),
  /** Base of links in notifications (the status page). Absent: derived from server.listen by the root schema. */
  external_url: httpUrl(BASE_URL_EXPECTED, true)
    .transform((url) => `${url}/`)
    .optional(),
  /** Each alert's `runbook_url` is `<this>#<alertname lowercased>`. */
  runbook_base_url: httpUrl(BASE_URL_EXPECTED, true).optional().default(RUNBOOK_URL),
  sinks: z
    .array(sinkSchema, { error: `a list of sinks, each with name and type (${SINK_TYPES.join(", ")})` })
    .optional()
    .default([]),
  /** Expired ones are kept, and ignored. */
  silences: z.array(silenceSchema, { error: "a list of silences, each with matchers, until and comment" }).optional().default([]),
};

/** Durations come out in milliseconds, and say so in their names. */
export const alertsSchema = z
  .strictObject(alertsShape, { error: "a mapping of alert settings" })
  .transform(({ repeat_interval, pending_grace, source_down_after, ...rest }) => ({
    repeat_interval_ms: repeat_interval,
    pending_grace_ms: pending_grace,
    source_down_after_ms: source_down_after,
    ...rest,
  }))
  .prefault({});

/**
 * Duplicate sink names (metrics, logs and the outbox are keyed by them), and header names a sink
 * repeats in another case: HTTP header names are case-insensitive, and fetch would join the values.
 */
export function duplicateSinkProblems(tree: unknown): Problem[] {
  const sinks = valueAt(tree, ["alerts", "sinks"]);
  if (!Array.isArray(sinks)) return [];
  const names = repeats(sinks.map((sink) => (isRecord(sink) ? sink["name"] : undefined)), (name) => name, (s, first) => ({
    path: ["alerts", "sinks", s, "name"],
    expected: `a sink name not already used by alerts.sinks[${first}]`,
  }));
  return names.concat(
    sinks.flatMap((sink, s) => {
      const headers = isRecord(sink) && isRecord(sink["headers"]) ? Object.keys(sink["headers"]) : [];
      return repeats(headers, (header) => header.toLowerCase(), (i, first) => ({
        path: ["alerts", "sinks", s, "headers", headers[i] ?? ""],
        expected: `a header not already set as ${JSON.stringify(headers[first])} (names are case-insensitive)`,
      }));
    }),
  );
}

/**
 * A matcher naming a label no alert can carry would never match, and the silence would look
 * like it works: refused, on the raw tree because the allowed names come from the labels sections.
 */
export function silenceMatcherProblems(tree: unknown): Problem[] {
  if (!isRecord(tree) || !isRecord(tree["alerts"]) || !Array.isArray(tree["alerts"]["silences"])) return [];
  const targets = [tree["zones"], tree["accounts"]].flatMap((list) => (Array.isArray(list) ? list : []));
  const labelSections = [tree["labels"], ...targets.map((target) => (isRecord(target) ? target["labels"] : undefined))];
  const configured = labelSections.flatMap((labels) => (isRecord(labels) ? Object.keys(labels) : []));
  const allowed = new Set<string>([...SILENCE_MATCHER_KEYS, ...configured]);
  return tree["alerts"]["silences"].flatMap((silence, i): Problem[] => {
    const matchers = isRecord(silence) ? silence["matchers"] : undefined;
    if (!isRecord(matchers)) return [];
    return Object.keys(matchers)
      .filter((key) => !allowed.has(key))
      .map((key) => ({
        path: ["alerts", "silences", i, "matchers", key],
        expected: `one of ${[...allowed].join(", ")} (the configured labels count)`,
        found: describeValue(key),
      }));
  });
}
