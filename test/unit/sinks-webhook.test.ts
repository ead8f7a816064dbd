import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSinkRenderer } from "../../src/sinks/index.js";
import { SIGNATURE_HEADER, ZERO_TIME, type AlertmanagerWebhookPayload, type WebhookSinkConfig } from "../../src/sinks/webhook.js";
import { context, group, GROUP_ID, notification, only, STARTED, RESOLVED_AT, ZONE, ZONE_ID } from "./sinks-fixtures.js";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function config(overrides: Partial<WebhookSinkConfig> = {}): WebhookSinkConfig {
  return {
    type: "webhook",
    name: "ops",
    min_severity: "warning",
    url: "https://hooks.example.com/certwatch",
    secret: null,
    headers: {},
    ...overrides,
  };
}

const renderer = (overrides: Partial<WebhookSinkConfig> = {}) => createSinkRenderer(config(overrides));

describe("webhook sink (Alertmanager webhook payload v4)", () => {
  it("sends one POST per group with every v4 field, of the right type, in Alertmanager's order", () => {
    const requests = renderer().render(group([notification(), notification({ hostname: "api.example.com" })]), context);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe("https://hooks.example.com/certwatch");
    const payload = only<AlertmanagerWebhookPayload>(requests);

    expect(Object.keys(payload)).toEqual([
      "version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels",
      "commonLabels", "commonAnnotations", "externalURL", "alerts", "notificationId",
    ]);
    // certwatch's addition: the group's id, the same on every resend, also in the request's header.
    expect(payload.notificationId).toBe(GROUP_ID);
    expect(requests[0]!.notificationId).toBe(GROUP_ID);
    expect(payload.version).toBe("4");
    expect(typeof payload.groupKey).toBe("string");
    expect(payload.groupKey).toBe(`{}:{zone="${ZONE}", zone_id="${ZONE_ID}"}`);
    expect(payload.truncatedAlerts).toBe(0);
    expect(payload.status).toBe("firing");
    expect(payload.receiver).toBe("ops");
    expect(payload.groupLabels).toEqual({ zone: ZONE, zone_id: ZONE_ID });
    expect(payload.externalURL).toBe(context.externalUrl);
    expect(payload.alerts).toHaveLength(2);

    for (const alert of payload.alerts) {
      expect(Object.keys(alert)).toEqual(["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"]);
      expect(alert.status).toBe("firing");
      expect(alert.startsAt).toMatch(RFC3339);
      expect(Date.parse(alert.startsAt)).toBe(STARTED);
      expect(alert.endsAt).toBe(ZERO_TIME);
      expect(alert.endsAt).toBe("0001-01-01T00:00:00Z");
      expect(alert.generatorURL).toBe(context.externalUrl);
      expect(alert.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      for (const value of [...Object.values(alert.labels), ...Object.values(alert.annotations)]) expect(typeof value).toBe("string");
    }
    const [first] = payload.alerts;
    expect(first!.labels).toEqual({
      alertname: "CertificateExpiringSoon", severity: "critical", zone: ZONE, zone_id: ZONE_ID,
      source: "aop_hostname_cert", cert_id: "cert-1", hostname: "app.example.com",
    });
    expect(first!.fingerprint).toBe(notification().alert.fingerprint);
  });

  it("is resolved only when every alert is, with endsAt the time each resolved", () => {
    const resolved = only<AlertmanagerWebhookPayload>(renderer().render(group([notification({ status: "resolved" })]), context));
    expect(resolved.status).toBe("resolved");
    expect(resolved.alerts[0]!.status).toBe("resolved");
    expect(resolved.alerts[0]!.endsAt).toMatch(RFC3339);
    expect(Date.parse(resolved.alerts[0]!.endsAt)).toBe(RESOLVED_AT);

    const mixed = only<AlertmanagerWebhookPayload>(
      renderer().render(group([notification({ status: "resolved" }), notification({ hostname: "api.example.com" })]), context),
    );
    expect(mixed.status).toBe("firing");
    expect(mixed.alerts.map((a) => a.status)).toEqual(["resolved", "firing"]);
    expect(mixed.alerts.map((a) => a.endsAt)).toEqual([new Date(RESOLVED_AT).toISOString(), ZERO_TIME]);
  });

  it("computes commonLabels and commonAnnotations as the pairs all alerts share", () => {
    const payload = only<AlertmanagerWebhookPayload>(
      renderer().render(
        group([
          notification({ hostname: "app.example.com", severity: "critical" }),
          notification({ hostname: "api.example.com", severity: "warning", description: "Other words." }),
        ]),
        context,
      ),
    );
    expect(payload.commonLabels).toEqual({
      alertname: "CertificateExpiringSoon", zone: ZONE, zone_id: ZONE_ID, source: "aop_hostname_cert", cert_id: "cert-1",
    });
    expect(payload.commonAnnotations).toEqual({
      expires_at: "2025-05-04T12:00:00.000Z",
      runbook_url: "https://runbooks.example.com/certwatch#certificateexpiringsoon",
      runbook: "https://runbooks.example.com/certwatch#certificateexpiringsoon",
    });

    const single = only<AlertmanagerWebhookPayload>(renderer().render(group([notification()]), context));
    expect(single.commonLabels).toEqual(single.alerts[0]!.labels);
    expect(single.commonAnnotations).toEqual(single.alerts[0]!.annotations);
  });

  it("leaves out empty-valued labels, as Alertmanager does", () => {
    const payload = only<AlertmanagerWebhookPayload>(renderer().render(group([notification({ certId: "" })]), context));
    expect(payload.alerts[0]!.labels).not.toHaveProperty("cert_id");
    expect(payload.commonLabels).not.toHaveProperty("cert_id");
  });

  it("signs the exact body with HMAC-SHA256 when a secret is set", () => {
    const secret = "s3cr3t-ünïcode";
    const [request] = renderer({ secret }).render(group([notification({ summary: "naïve — ✓ 🔒" })]), context);
    const expected = createHmac("sha256", secret).update(request!.body).digest("hex");
    expect(request!.headers[SIGNATURE_HEADER]).toBe(`sha256=${expected}`);
    expect(request!.headers["X-Certwatch-Signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    // Over the bytes on the wire: the body as UTF-8.
    const overBytes = createHmac("sha256", secret).update(Buffer.from(request!.body, "utf8")).digest("hex");
    expect(request!.headers[SIGNATURE_HEADER]).toBe(`sha256=${overBytes}`);
    // A different body does not verify.
    const other = createHmac("sha256", secret).update(`${request!.body} `).digest("hex");
    expect(request!.headers[SIGNATURE_HEADER]).not.toBe(`sha256=${other}`);
  });

  it("sends no signature header without a secret", () => {
    const [request] = renderer().render(group([notification()]), context);
    expect(Object.keys(request!.headers).map((h) => h.toLowerCase())).not.toContain("x-certwatch-signature");
    expect(request!.headers).toEqual({ "content-type": "application/json" });
  });

  it("passes the configured headers, but not over content-type or the signature", () => {
    const [request] = renderer({
      secret: "k",
      headers: { Authorization: "Bearer abc", "X-Team": "sre", "Content-Type": "text/plain", "x-certwatch-signature": "forged" },
    }).render(group([notification()]), context);
    expect(request!.headers).toEqual({
      Authorization: "Bearer abc",
      "X-Team": "sre",
      "content-type": "application/json",
      [SIGNATURE_HEADER]: `sha256=${createHmac("sha256", "k").update(request!.body).digest("hex")}`,
    });
  });

  it("sends nothing for an empty group and never resends firing alerts", () => {
    expect(renderer().render(group([]), context)).toEqual([]);
    expect(renderer().resendsFiring).toBe(false);
  });
});
