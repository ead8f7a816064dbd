/**
 * What every sink's config has in common (name, min_severity), and which of a sink's values are
 * credentials. Each sink's own keys are in its module beside its renderer; index.ts joins them.
 */
import { z } from "zod";
import { isRecord } from "../settings-file/problems.js";

export const SINK_SEVERITIES = ["warning", "critical"] as const;
export type SinkSeverity = (typeof SINK_SEVERITIES)[number];

/** For a sink's `url` where nothing more specific is said. */
export const SINK_URL_EXPECTED = "an http(s) URL without user:password@";

const SINK_NAME = "a sink name of lowercase letters, digits, _ and -";

/** The keys every type has; key order is the order "unknown key" messages list them in. */
export const commonSinkShape = {
  name: z.string({ error: SINK_NAME }).regex(/^[a-z0-9_-]+$/, { error: SINK_NAME }),
  /** Notifications below this severity are not sent to the sink (resolves follow their alert). */
  min_severity: z
    .enum(SINK_SEVERITIES, { error: `one of ${SINK_SEVERITIES.join(", ")}` })
    .optional()
    .default("warning"),
};

/** Sink types whose `url` is an address only; anything else could be a credential. */
const PUBLIC_URL_SINK_TYPES: ReadonlySet<unknown> = new Set(["webhook", "pagerduty", "alertmanager"]);

/**
 * Whether a sink's `url` is a credential: a Slack incoming-webhook URL is all it takes to post
 * to the channel. A sink whose type is missing or misspelt might be Slack, so it counts too.
 */
export function sinkUrlIsSecret(sink: unknown): boolean {
  return !(isRecord(sink) && PUBLIC_URL_SINK_TYPES.has(sink["type"]));
}

/**
 * Header names whose values are credentials (Authorization, X-Api-Key, X-Auth-Token, Cookie,
 * X-Webhook-Secret, ...). Generous on purpose: scrubbing a harmless value costs little.
 */
function isAuthHeader(name: string): boolean {
  return /auth|api[-_]?key|token|secret|passw|cookie|credential/i.test(name);
}

/**
 * Every credential among `alerts.sinks`: webhook secrets and auth-looking header values,
 * PagerDuty routing keys, Slack URLs. Takes the validated sinks or the raw tree's list alike.
 */
export function sinkSecrets(sinks: unknown): string[] {
  if (!Array.isArray(sinks)) return [];
  const secrets: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === "string" && value !== "") secrets.push(value);
  };
  for (const sink of sinks) {
    if (!isRecord(sink)) continue;
    add(sink["secret"]);
    add(sink["routing_key"]);
    if (sinkUrlIsSecret(sink)) add(sink["url"]);
    const headers = sink["headers"];
    if (isRecord(headers)) {
      for (const [name, value] of Object.entries(headers)) if (isAuthHeader(name)) add(value);
    }
  }
  return secrets;
}
