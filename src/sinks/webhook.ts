import { createHmac } from "node:crypto";
import { z } from "zod";
import type { Notification } from "../alerts/alert.js";
import { httpUrl, nonBlank } from "../settings-file/fields.js";
import { labelSet } from "./label-set.js";
import { rfc3339 } from "../clock/rfc3339.js";
import { NOTIFICATION_ID_HEADER, type NotificationGroup, type OutgoingRequest, type RenderContext, type SinkRenderer } from "./sink.js";
import { commonSinkShape, SINK_URL_EXPECTED } from "./sink-schema.js";

export const SIGNATURE_HEADER = "X-Certwatch-Signature";

/**
 * Headers certwatch or the HTTP client set themselves: this renderer writes Content-Type and the
 * signature, and fetch owns the framing ones. The config refuses them; the renderer skips them
 * (and the notification id, which delivery sets) in a config built in code.
 */
const RESERVED_HEADERS = ["Content-Type", SIGNATURE_HEADER, "Content-Length", "Host", "Transfer-Encoding", "Connection"];
const OWN_HEADERS = new Set([...RESERVED_HEADERS, NOTIFICATION_ID_HEADER].map((name) => name.toLowerCase()));

/** RFC 9110 token characters, which is what undici accepts as a header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_NAME_EXPECTED = "a header name of letters, digits and !#$%&'*+-.^_`|~";
const HEADER_VALUE_EXPECTED = "a header value string without line breaks";
const RESERVED_EXPECTED = `a header certwatch does not set itself (not ${RESERVED_HEADERS.join(", ")})`;
const isReserved = (name: string) => RESERVED_HEADERS.some((reserved) => reserved.toLowerCase() === name.toLowerCase());

// Key order is the order "unknown key" messages list them in.
export const webhookSinkShape = {
  name: commonSinkShape.name,
  type: z.literal("webhook"),
  url: httpUrl(SINK_URL_EXPECTED),
  /** Absent: requests go unsigned. */
  secret: nonBlank("a non-empty signing secret (or no secret key at all)")
    .optional()
    .transform((secret) => secret ?? null),
  headers: z
    .record(
      z.string().regex(HEADER_NAME, { error: HEADER_NAME_EXPECTED }).refine((name) => !isReserved(name), { error: RESERVED_EXPECTED }),
      z.string({ error: HEADER_VALUE_EXPECTED }).refine((value) => !/[\r\n\0]/.test(value), { error: HEADER_VALUE_EXPECTED }),
      { error: "a mapping of header names to values" },
    )
    .optional()
    .default({}),
  min_severity: commonSinkShape.min_severity,
};
export const webhookSinkSchema = z.strictObject(webhookSinkShape);
export type WebhookSinkConfig = z.output<typeof webhookSinkSchema>;

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
  const groupLabels: Record<string, string> = { zone: group.zone, zone_id: group.zoneId };
  if (group.accountId !== undefined) Object.assign(groupLabels, { account: group.account ?? "", account_id: group.accountId });
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
    if (!OWN_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  headers["content-type"] = "application/json";
  if (config.secret !== null) headers[SIGNATURE_HEADER] = signBody(body, config.secret);
  return { url: config.url, headers, body, notificationId };
}
