import type { Severity } from "../alerts/alert.js";
import { z } from "zod";
import { httpUrl, trimmed } from "../settings-file/fields.js";
import { rfc3339 } from "../clock/rfc3339.js";
import { truncate } from "./truncate.js";
import type { OutgoingRequest, QueuedNotification, RenderContext, SinkRenderer } from "./sink.js";
import { commonSinkShape, SINK_URL_EXPECTED } from "./sink-schema.js";

/** The Events API v2 endpoint, the default `url`. */
export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

export const pagerDutySinkShape = {
  name: commonSinkShape.name,
  type: z.literal("pagerduty"),
  routing_key: trimmed("a non-empty routing key (the integration key of an Events API v2 integration)"),
  url: httpUrl(SINK_URL_EXPECTED).optional().default(PAGERDUTY_EVENTS_URL),
  min_severity: commonSinkShape.min_severity,
};
export const pagerDutySinkSchema = z.strictObject(pagerDutySinkShape);
export type PagerDutySinkConfig = z.output<typeof pagerDutySinkSchema>;

/** Events API v2: `payload.summary` may be at most 1024 characters. */
export const PAGERDUTY_MAX_SUMMARY = 1024;

/** PagerDuty accepts critical, error, warning and info; ours map onto the two that match. */
export type PagerDutySeverity = "critical" | "error" | "warning" | "info";
const SEVERITY: Record<Severity, PagerDutySeverity> = { critical: "critical", warning: "warning" };

export function pagerDutySeverity(severity: Severity): PagerDutySeverity {
  return SEVERITY[severity];
}

/** An Events API v2 trigger event. */
export interface PagerDutyTrigger {
  routing_key: string;
  event_action: "trigger";
  dedup_key: string;
  payload: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp: string;
    component?: string;
    group: string;
    class: string;
    custom_details: { labels: Record<string, string>; annotations: Record<string, string>; notification_id: string };
  };
  links?: { href: string; text: string }[];
  client: string;
  client_url: string;
}

/** An Events API v2 resolve event: only the key, the action and the alert's dedup_key. */
export interface PagerDutyResolve {
  routing_key: string;
  event_action: "resolve";
  dedup_key: string;
}

/**
 * One Events API v2 event per notification (the API takes single events). `dedup_key` is the
 * alert's fingerprint, so a repeat or severity change updates the open PagerDuty alert and a
 * resolve closes it. Each event is its own request, so its id is the notification's own.
 */
export function createPagerDutyRenderer(config: PagerDutySinkConfig): SinkRenderer {
  return {
    resendsFiring: false,
    render(group, context) {
      return group.notifications.map((n) => pagerDutyRequest(config.url, pagerDutyEvent(config.routing_key, n, context), n.id));
    },
  };
}

export function pagerDutyEvent(routingKey: string, n: QueuedNotification, context: RenderContext): PagerDutyTrigger | PagerDutyResolve {
  const { labels, annotations, fingerprint } = n.alert;
  if (n.status === "resolved") return { routing_key: routingKey, event_action: "resolve", dedup_key: fingerprint };
  const component = labels.hostname || labels.cert_id;
  return {
    routing_key: routingKey,
    event_action: "trigger",
    dedup_key: fingerprint,
    payload: {
      summary: truncate(annotations.summary || labels.alertname, PAGERDUTY_MAX_SUMMARY),
      source: labels.zone || labels.account || "certwatch",
      severity: pagerDutySeverity(labels.severity),
      // When certwatch first saw the problem; a repeat or severity change keeps it.
      timestamp: rfc3339(n.startsAt),
      ...(component ? { component } : {}),
      group: labels.zone || labels.account || "",
      class: labels.alertname,
      custom_details: { labels: { ...labels }, annotations: { ...annotations }, notification_id: n.id },
    },
    ...(annotations.runbook_url ? { links: [{ href: annotations.runbook_url, text: "Runbook" }] } : {}),
    client: "certwatch",
    client_url: context.externalUrl,
  };
}

function pagerDutyRequest(url: string, event: PagerDutyTrigger | PagerDutyResolve, notificationId: string): OutgoingRequest {
  // A resolve event has no room for it in the body: the header carries it.
  return { url, headers: { "content-type": "application/json" }, body: JSON.stringify(event), notificationId };
}
