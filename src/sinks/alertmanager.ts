import { z } from "zod";
import { httpUrl } from "../settings-file/fields.js";
import { labelSet } from "./label-set.js";
import { rfc3339 } from "../clock/rfc3339.js";
import type { NotificationGroup, OutgoingRequest, QueuedNotification, RenderContext, SinkRenderer } from "./sink.js";
import { commonSinkShape } from "./sink-schema.js";

/** The base URL only: the renderer appends /api/v2/alerts, so a URL already ending in /api/... would double it. */
const noApiPath = (url: string): string | undefined =>
  /\/api\/v[12](\/alerts)?$/.test(url) ? "the Alertmanager base URL without /api/..., e.g. http://alertmanager:9093" : undefined;

export const alertmanagerSinkShape = {
  name: commonSinkShape.name,
  type: z.literal("alertmanager"),
  url: httpUrl("an Alertmanager base URL such as http://alertmanager:9093 (http(s), no credentials, query or fragment)", true, noApiPath),
  min_severity: commonSinkShape.min_severity,
};
export const alertmanagerSinkSchema = z.strictObject(alertmanagerSinkShape);
export type AlertmanagerSinkConfig = z.output<typeof alertmanagerSinkSchema>;

/** One element of the body of Alertmanager's `POST /api/v2/alerts` (its PostableAlert). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

/**
 * Pushes alerts to Alertmanager's API v2, as Prometheus does. Alertmanager resolves an alert by
 * itself once its `endsAt` passes, so every firing alert is sent again each cycle
 * (`resendsFiring`) with `endsAt` pushed `firingTimeoutMs` ahead; a resolved one is sent with the
 * time it resolved.
 */
export function createAlertmanagerRenderer(config: AlertmanagerSinkConfig): SinkRenderer {
  const url = `${config.url.replace(/\/+$/, "")}/api/v2/alerts`;
  return {
    resendsFiring: true,
    render(group, context) {
      if (group.notifications.length === 0) return [];
      return [alertmanagerRequest(url, postableAlerts(group, context), group.id)];
    },
  };
}

/** Each alert carries the request's id as annotation `notification_id` (Alertmanager has no other place for it). */
export function postableAlerts(group: NotificationGroup, context: RenderContext): PostableAlert[] {
  return group.notifications.map((n) => postableAlert(n, group.id, context));
}

function postableAlert(n: QueuedNotification, notificationId: string, context: RenderContext): PostableAlert {
  const endsAt = n.status === "firing" ? context.now + context.firingTimeoutMs : (n.endsAt ?? context.now);
  return {
    labels: labelSet(n.alert.labels),
    annotations: { ...n.alert.annotations, notification_id: notificationId },
    startsAt: rfc3339(n.startsAt),
    endsAt: rfc3339(endsAt),
    generatorURL: context.externalUrl,
  };
}

function alertmanagerRequest(url: string, alerts: PostableAlert[], notificationId: string): OutgoingRequest {
  return { url, headers: { "content-type": "application/json" }, body: JSON.stringify(alerts), notificationId };
}
