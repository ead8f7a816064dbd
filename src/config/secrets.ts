import { isRecord } from "./section.js";

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
export function isAuthHeader(name: string): boolean {
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
