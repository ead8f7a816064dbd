import { alertFingerprint, type AlertLabels, type Notification, type Severity } from "../../src/alerts/alert.js";
import type { NotificationGroup, QueuedNotification, RenderContext } from "../../src/sinks/sink.js";

/** Hand-built notifications for the sink renderer tests; every time is fixed. */
export const NOW = Date.UTC(2025, 4, 1, 12, 0, 0);
export const STARTED = Date.UTC(2025, 4, 1, 9, 30, 0);
export const RESOLVED_AT = Date.UTC(2025, 4, 1, 11, 45, 0);
export const ZONE = "example.com";
export const ZONE_ID = "0123456789abcdef0123456789abcdef";

export const context: RenderContext = {
  now: NOW,
  externalUrl: "http://certwatch.internal:9798/",
  firingTimeoutMs: 15 * 60_000,
};

export interface NotificationSpec {
  status?: "firing" | "resolved";
  severity?: Severity;
  alertname?: AlertLabels["alertname"];
  hostname?: string;
  certId?: string;
  summary?: string;
  description?: string;
  expiresAt?: string;
  runbook?: string;
}

export function notification(spec: NotificationSpec = {}): Notification {
  const status = spec.status ?? "firing";
  const labels: AlertLabels = {
    alertname: spec.alertname ?? "CertificateExpiringSoon",
    severity: spec.severity ?? "critical",
    zone: ZONE,
    zone_id: ZONE_ID,
    source: "aop_hostname_cert",
    cert_id: spec.certId ?? "cert-1",
    hostname: spec.hostname ?? "app.example.com",
  };
  return {
    status,
    reason: status === "resolved" ? "resolved" : "new",
    alert: {
      fingerprint: alertFingerprint(labels),
      labels,
      annotations: {
        summary: spec.summary ?? `Certificate for ${labels.hostname} expires in 3.0 days`,
        description: spec.description ?? "The Authenticated Origin Pulls client certificate expires soon.",
        expires_at: spec.expiresAt ?? "2025-05-04T12:00:00.000Z",
        runbook_url: spec.runbook ?? "https://runbooks.example.com/certwatch#certificateexpiringsoon",
        runbook: spec.runbook ?? "https://runbooks.example.com/certwatch#certificateexpiringsoon",
      },
    },
    startsAt: STARTED,
    endsAt: status === "resolved" ? RESOLVED_AT : null,
  };
}

/** The id of every fixture group (the outbox would give each its own). */
export const GROUP_ID = "6f1c7e2a-0b4d-4c8e-9a3f-5d2e1b7c0a94";

export function group(notifications: Notification[], sink = "ops"): NotificationGroup {
  return { id: GROUP_ID, sink, zone: ZONE, zoneId: ZONE_ID, notifications: notifications.map(queued) };
}

/** A notification with the id the outbox would give it; here derived from it, so tests can predict it. */
export function queued(n: Notification): QueuedNotification {
  return { ...n, id: `${n.status}-${n.alert.fingerprint}` };
}

/** The single request a one-request-per-group renderer must produce, parsed. */
export function only<T>(requests: { body: string }[]): T {
  if (requests.length !== 1) throw new Error(`expected one request, got ${requests.length}`);
  return JSON.parse(requests[0]!.body) as T;
}
