import { describe, expect, it } from "vitest";
import type { Notification } from "../../src/alerts/alert.js";
import { createSinkRenderer } from "../../src/sinks/index.js";
import {
  PAGERDUTY_EVENTS_URL,
  PAGERDUTY_MAX_SUMMARY,
  pagerDutySeverity,
  type PagerDutyResolve,
  type PagerDutySinkConfig,
  type PagerDutyTrigger,
} from "../../src/sinks/pagerduty.js";
import { context, group, notification, only, queued, STARTED, ZONE } from "./sinks-fixtures.js";

const ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
const config: PagerDutySinkConfig = { type: "pagerduty", name: "pd", min_severity: "critical", routing_key: ROUTING_KEY, url: PAGERDUTY_EVENTS_URL };
const render = (notifications: Notification[]) => createSinkRenderer(config).render(group(notifications, "pd"), context);
const event = <T>(n: Notification) => only<T>(render([n]));

describe("pagerduty sink (Events API v2)", () => {
  it("sends one request per notification to the configured URL", () => {
    const notifications = [notification(), notification({ hostname: "api.example.com" }), notification({ status: "resolved", hostname: "old.example.com" })];
    const requests = render(notifications);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.url).toBe("https://events.pagerduty.com/v2/enqueue");
      expect(request.headers).toEqual({ "content-type": "application/json" });
    }
    // One request per notification: each carries that notification's own id.
    expect(requests.map((r) => r.notificationId)).toEqual(group(notifications).notifications.map((n) => n.id));
    const custom = createSinkRenderer({ ...config, url: "http://pd-proxy.internal/v2/enqueue" }).render(group([notification()]), context);
    expect(custom[0]!.url).toBe("http://pd-proxy.internal/v2/enqueue");
  });

  it("triggers with exactly the documented fields", () => {
    const n = notification();
    const body = event<PagerDutyTrigger>(n);
    expect(Object.keys(body).sort()).toEqual(["client", "client_url", "dedup_key", "event_action", "links", "payload", "routing_key"]);
    expect(Object.keys(body.payload).sort()).toEqual(
      ["class", "component", "custom_details", "group", "severity", "source", "summary", "timestamp"],
    );
    expect(body).toEqual({
      routing_key: ROUTING_KEY,
      event_action: "trigger",
      dedup_key: n.alert.fingerprint,
      payload: {
        summary: "Certificate for app.example.com expires in 3.0 days",
        source: ZONE,
        severity: "critical",
        timestamp: new Date(STARTED).toISOString(),
        component: "app.example.com",
        group: ZONE,
        class: "CertificateExpiringSoon",
        custom_details: { labels: n.alert.labels, annotations: n.alert.annotations, notification_id: queued(n).id },
      },
      links: [{ href: "https://runbooks.example.com/certwatch#certificateexpiringsoon", text: "Runbook" }],
      client: "certwatch",
      client_url: context.externalUrl,
    });
  });

  it("resolves with only routing_key, event_action and dedup_key", () => {
    const n = notification({ status: "resolved" });
    expect(event<PagerDutyResolve>(n)).toEqual({ routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: n.alert.fingerprint });
  });

  it("uses the alert's fingerprint as dedup_key, the same for trigger and resolve", () => {
    const trigger = event<PagerDutyTrigger>(notification());
    const resolve = event<PagerDutyResolve>(notification({ status: "resolved" }));
    const other = event<PagerDutyTrigger>(notification({ hostname: "api.example.com" }));
    expect(trigger.dedup_key).toBe(notification().alert.fingerprint);
    expect(resolve.dedup_key).toBe(trigger.dedup_key);
    expect(other.dedup_key).not.toBe(trigger.dedup_key);
    // Identity, not severity: a severity change updates the same PagerDuty alert.
    expect(event<PagerDutyTrigger>(notification({ severity: "warning" })).dedup_key).toBe(trigger.dedup_key);
  });

  it("maps severities onto PagerDuty's", () => {
    expect(pagerDutySeverity("critical")).toBe("critical");
    expect(pagerDutySeverity("warning")).toBe("warning");
    expect(event<PagerDutyTrigger>(notification({ severity: "warning" })).payload.severity).toBe("warning");
    expect(event<PagerDutyTrigger>(notification({ severity: "critical" })).payload.severity).toBe("critical");
  });

  it("truncates the summary at 1024 characters", () => {
    const body = event<PagerDutyTrigger>(notification({ summary: "s".repeat(2000) }));
    expect(body.payload.summary).toHaveLength(PAGERDUTY_MAX_SUMMARY);
    expect(body.payload.summary.endsWith("…")).toBe(true);
    const exact = event<PagerDutyTrigger>(notification({ summary: "e".repeat(1024) }));
    expect(exact.payload.summary).toBe("e".repeat(1024));
  });

  it("leaves out component and links when the alert has no hostname/cert or runbook", () => {
    const body = event<PagerDutyTrigger>(notification({ alertname: "SourceDown", hostname: "", certId: "", runbook: "" }));
    expect(body.payload).not.toHaveProperty("component");
    expect(body).not.toHaveProperty("links");
    expect(body.payload.class).toBe("SourceDown");
    const byCert = event<PagerDutyTrigger>(notification({ hostname: "", certId: "cert-9" }));
    expect(byCert.payload.component).toBe("cert-9");
  });

  it("never resends firing alerts", () => {
    expect(createSinkRenderer(config).resendsFiring).toBe(false);
    expect(render([])).toEqual([]);
  });
});
