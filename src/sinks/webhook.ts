import { createHmac } from "node:crypto";
import type { Notification } from "../alerts/alert.js";
import type { SinkConfig } from "../config/schema.js";
import { labelSet } from "./label-set.js";
import { rfc3339 } from "../clock/rfc3339.js";
import { NOTIFICATION_ID_HEADER, type NotificationGroup, type OutgoingRequest, type RenderContext, type SinkRenderer } from "./sink.js";

export type WebhookSinkConfig = Extract<SinkConfig, { type: "webhook" }>;

export const SIGNATURE_HEADER = "X-Certwatch-Signature";

/** Go's zero time.Time, which Alertmanager writes as `endsAt` while an alert fires. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";

/** One alert of an Alertmanager webhook payload (webhook_config, version "4"). */
export interface AlertmanagerWebhookAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/**
 * Alertmanager's webhook payload, version "4", field for field and in its documented order,
 * plus certwatch's `notificationId` (the same on every resend; receivers for Alertmanager ignore it).
 */
export interface AlertmanagerWebhookPayload {
  version: "4";
  groupKey: string;
  truncatedAlerts: number;
  status: "firing" | "resolved";
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: AlertmanagerWebhookAlert[];
  notificationId: string;
}

/** Headers the renderer owns; a configured header of the same name (any case) is ignored. */
const RESERVED_HEADERS = new Set(["content-type", SIGNATURE_HEADER.toLowerCase(), NOTIFICATION_ID_HEADER.toLowerCase()]);

/**
 * Sends each group as an Alertmanager webhook payload, so receivers written for Alertmanager work
 * unchanged. With a secret, `X-Certwatch-Signature: sha256=<hex>` is the HMAC-SHA256 of the exact
 * body string sent.
 */
export function createWebhookRenderer(config: WebhookSinkConfig): SinkRenderer {
  return {
    resendsFiring: false,
    render(group, context) {
      if (group.notifications.length === 0) return [];
      return [webhookRequest(config, JSON.stringify(webhookPayload(group, context)), group.id)];
    },
  };
}

export function webhookPayload(group: NotificationGroup, context: RenderContext): AlertmanagerWebhookPayload {
  const alerts = group.notifications.map((n) => webhookAlert(n, context));
  const groupLabels = { zone: group.zone, zone_id: group.zoneId };
  return {
    version: "4",
    groupKey: groupKey(groupLabels),
    truncatedAlerts: 0,
    status: alerts.some((a) => a.status === "firing") ? "firing" : "resolved",
    receiver: group.sink,
    groupLabels,
    commonLabels: commonPairs(alerts.map((a) => a.labels)),
    commonAnnotations: commonPairs(alerts.map((a) => a.annotations)),
    externalURL: context.externalUrl,
    alerts,
    notificationId: group.id,
  };
}

/** `sha256=<hex>`: HMAC-SHA256 of `body` (as UTF-8, the bytes sent) keyed with `secret`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

function webhookAlert(n: Notification, context: RenderContext): AlertmanagerWebhookAlert {
  return {
    status: n.status,
    labels: labelSet(n.alert.labels),
    annotations: { ...n.alert.annotations },
    startsAt: rfc3339(n.startsAt),
    endsAt: n.status === "firing" ? ZERO_TIME : rfc3339(n.endsAt ?? context.now),
    generatorURL: context.externalUrl,
    fingerprint: n.alert.fingerprint,
  };
}

/** Alertmanager's form: the route's key ("{}" for the root), ":", the group labels sorted by name. */
function groupKey(groupLabels: Record<string, string>): string {
  const pairs = Object.keys(groupLabels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(groupLabels[name])}`);
  return `{}:{${pairs.join(", ")}}`;
}

/** The name/value pairs every set has, with the same value. */
function commonPairs(sets: Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = sets;
  const common: Record<string, string> = {};
  if (!first) return common;
  for (const [name, value] of Object.entries(first)) {
    if (rest.every((set) => set[name] === value)) common[name] = value;
  }
  return common;
}

function webhookRequest(config: WebhookSinkConfig, body: string, notificationId: string): OutgoingRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers)) {
    if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  headers["content-type"] = "application/json";
  if (config.secret !== null) headers[SIGNATURE_HEADER] = signBody(body, config.secret);
  return { url: config.url, headers, body, notificationId };
}
