// How each sink names an account's alerts: account labels where a zone's alert has zone labels.
import { describe, expect, it } from "vitest";
import { alertFingerprint, type AlertLabels, type Notification } from "../../src/alerts/alert.js";
import { createSinkRenderer } from "../../src/sinks/index.js";
import { PAGERDUTY_EVENTS_URL } from "../../src/sinks/pagerduty.js";
import type { NotificationGroup } from "../../src/sinks/sink.js";
import { context, GROUP_ID, notification, only, queued } from "./sinks-fixtures.js";

const ACCOUNT_ID = "fedcba9876543210fedcba9876543210";

function accountNotification(): Notification {
  const base = notification({ certId: "gw-1", hostname: "" });
  const labels: AlertLabels = { ...base.alert.labels, zone: "", zone_id: "", account: "Example Inc.", account_id: ACCOUNT_ID, source: "gateway_certificate" };
  return { ...base, alert: { ...base.alert, labels, fingerprint: alertFingerprint(labels) } };
}

function accountGroup(sink: string): NotificationGroup {
  return { id: GROUP_ID, sink, zone: "", zoneId: "", account: "Example Inc.", accountId: ACCOUNT_ID, notifications: [queued(accountNotification())] };
}

describe("an account's alerts in each sink", () => {
  it("webhook: the group labels carry the account, the zone ones stay empty", () => {
    const payload = only<{ groupLabels: Record<string, string>; alerts: Array<{ labels: Record<string, string> }> }>(
      createSinkRenderer({ type: "webhook", name: "hook", min_severity: "warning", url: "http://receiver.test/hook", secret: null, headers: {} }).render(accountGroup("hook"), context),
    );
    expect(payload.groupLabels).toEqual({ zone: "", zone_id: "", account: "Example Inc.", account_id: ACCOUNT_ID });
    // As Alertmanager does, an alert's empty labels are left out: the zone ones are not there at all.
    expect(payload.alerts[0]?.labels).toMatchObject({ account: "Example Inc.", account_id: ACCOUNT_ID });
    expect(Object.keys(payload.alerts[0]?.labels ?? {})).not.toContain("zone_id");
  });

  it("Slack: titled with the account, not 'all zones'", () => {
    const body = JSON.stringify(only(createSinkRenderer({ type: "slack", name: "chat", min_severity: "warning", url: "https://hooks.slack.com/services/T0/B0/x" }).render(accountGroup("chat"), context)));
    expect(body).toContain("Example Inc.");
    expect(body).toContain(`account Example Inc. (${ACCOUNT_ID})`);
    expect(body).not.toContain("all zones");
  });

  it("PagerDuty: the account is the event's source and group", () => {
    const event = only<{ payload: { source: string; group: string } }>(
      createSinkRenderer({ type: "pagerduty", name: "pd", min_severity: "warning", routing_key: "R0UT1NGKEY0123456789abcdefABCDEF", url: PAGERDUTY_EVENTS_URL }).render(accountGroup("pd"), context),
    );
    expect(event.payload).toMatchObject({ source: "Example Inc.", group: "Example Inc." });
  });
});
