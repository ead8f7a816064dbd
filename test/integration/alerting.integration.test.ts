import { afterEach, describe, expect, it } from "vitest";
import type { SinkConfig } from "../../src/config/schema.js";
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "../../dev/demo/webhook-receiver.js";
import { mintCertificate } from "../../dev/simulator/mint.js";
import type { Scenario } from "../../dev/simulator/scenario.js";
import { findZone } from "../../dev/simulator/state.js";
import type { AlertmanagerWebhookPayload } from "../../src/sinks/webhook.js";
import { select, valueOf } from "../helpers/exposition.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { waitFor } from "../helpers/spawn-daemon.js";
import { freePort } from "../helpers/free-port.js";

const ZONE = "cccccccccccccccccccccccccccccccc";
const SECRET = "webhook-secret-3e9a1f";
const scenario: Scenario = {
  zones: [
    {
      id: ZONE,
      name: "c.test",
      trustStore: [{ id: "ca-ok", cn: "C Root", daysLeft: 900 }],
      hostnameCertificates: [
        { id: "soon", cn: "soon.c.test", daysLeft: 5 },
        { id: "later", cn: "later.c.test", daysLeft: 20 },
        { id: "fine", cn: "fine.c.test", daysLeft: 300 },
        { id: "stuck", cn: "stuck.c.test", daysLeft: 300, status: "deployment_timed_out" },
      ],
    },
  ],
};
const zones = [{ id: ZONE, name: "c.test", hostnames: [] }];
const EXPECTED = ["CertificateExpiringSoon/critical/soon", "CertificateExpiringSoon/warning/later", "CertificateNotActive/critical/stuck"];

let h: Harness | undefined;
const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(options: Parameters<typeof startWebhookReceiver>[0] = {}): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver(options);
  receivers.push(r);
  return r;
}

function webhookAlerts(received: ReceivedWebhook[]) {
  return received
    .filter((r) => r.status === 200)
    .flatMap((r) => (r.json as AlertmanagerWebhookPayload).alerts)
    .map((a) => ({ key: `${a.labels.alertname}/${a.labels.severity}/${a.labels.cert_id}`, status: a.status, fingerprint: a.fingerprint }));
}

const webhookSink = (url: string, extra: Partial<Extract<SinkConfig, { type: "webhook" }>> = {}): SinkConfig => ({
  name: "hook",
  type: "webhook",
  url,
  secret: SECRET,
  headers: {},
  min_severity: "warning",
  ...extra,
});

describe("webhook delivery", () => {
  it("loses nothing while the receiver is down, then delivers every alert once it is back", async () => {
    const port = await freePort();
    h = await startHarness(scenario, zones, { alerts: { sinks: [webhookSink(`http://127.0.0.1:${port}/hook`)] } });
    // Every outcome of a configured sink is exported from the start, at 0.
    expect(valueOf(await h.metrics(), "certwatch_notifications_total", { sink: "hook", outcome: "failed" })).toBe(0);
    await h.daemon.firstCycle;
    await waitFor(async () => valueOf(await h!.metrics(), "certwatch_notifications_total", { sink: "hook", outcome: "retried" }) >= 3, 10_000, "failed attempts");
    expect(valueOf(await h.metrics(), "certwatch_notification_queue_depth", { sink: "hook" })).toBe(3);
    // Back, but answering 503 twice more before it accepts.
    const back = await receiver({ port, secret: SECRET, answer: (_, i) => (i < 2 ? 503 : 200) });
    await waitFor(async () => back.received.some((r) => r.status === 200), 10_000, "delivery");
    const delivered = webhookAlerts(back.received);
    expect(delivered.map((a) => a.key).sort()).toEqual(EXPECTED);
    expect(delivered.every((a) => a.status === "firing")).toBe(true);
    expect(back.received.every((r) => r.signatureValid === true)).toBe(true);
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_notifications_total", { sink: "hook", outcome: "sent" })).toBe(3);
    expect(valueOf(samples, "certwatch_notification_queue_depth", { sink: "hook" })).toBe(0);
    expect(valueOf(samples, "certwatch_notification_last_success_timestamp_seconds", { sink: "hook" })).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(valueOf(samples, "certwatch_alerts_firing", { alertname: "CertificateExpiringSoon", severity: "critical" })).toBe(1);
  });

  it("honours Retry-After on a 429 and treats another 4xx as permanent", async () => {
    const limited = await receiver({ secret: SECRET, answer: (_, i) => (i === 0 ? 429 : 200) });
    const rejecting = await receiver({ answer: () => 400 });
    h = await startHarness(scenario, zones, {
      alerts: { sinks: [webhookSink(limited.url), webhookSink(rejecting.url, { name: "strict", secret: null })] },
    });
    await h.daemon.firstCycle;
    await waitFor(async () => limited.received.length >= 2 && rejecting.received.length >= 1, 10_000, "both receivers");
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_notifications_total", { sink: "strict", outcome: "failed" })).toBe(3);
    expect(valueOf(samples, "certwatch_notification_queue_depth", { sink: "strict" })).toBe(0);
    expect(rejecting.received).toHaveLength(1);
    expect(valueOf(samples, "certwatch_notifications_total", { sink: "hook", outcome: "retried" })).toBe(3);
    expect(webhookAlerts(limited.received).map((a) => a.key).sort()).toEqual(EXPECTED);
    expect(h.logs.entries().some((e) => e.msg === "notification rejected by the receiver; not retrying" && e.sink === "strict")).toBe(true);
  });

  it("rejects a forged signature at the receiver", async () => {
    const strict = await receiver({ secret: "another-secret" });
    h = await startHarness(scenario, zones, { alerts: { sinks: [webhookSink(strict.url)] } });
    await h.daemon.firstCycle;
    await waitFor(async () => strict.received.length >= 1, 10_000, "a request");
    expect(strict.received[0]?.signatureValid).toBe(false);
    expect(strict.received[0]?.status).toBe(401);
  });

  it("sends exactly one resolved notification when a certificate is renewed", async () => {
    const hook = await receiver({ secret: SECRET });
    h = await startHarness(scenario, zones, { alerts: { sinks: [webhookSink(hook.url)] } });
    await h.daemon.firstCycle;
    await waitFor(async () => webhookAlerts(hook.received).length === 3, 10_000, "firing alerts");
    const renewed = await mintCertificate({ commonName: "soon.c.test", notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000) });
    const item = findZone(h.simulator.state, ZONE)!.hostnameCertificates.find((c) => c.id === "soon")!;
    item.certificate = renewed.pem;
    item.expires_on = renewed.notAfter.toISOString();
    await h.daemon.pollNow();
    await h.daemon.pollNow();
    await h.daemon.pollNow();
    await waitFor(async () => webhookAlerts(hook.received).length === 4, 10_000, "the resolve");
    await new Promise((r) => setTimeout(r, 300));
    const all = webhookAlerts(hook.received);
    expect(all.filter((a) => a.status === "resolved").map((a) => a.key)).toEqual(["CertificateExpiringSoon/critical/soon"]);
    expect(all).toHaveLength(4);
    expect(select(await h.metrics(), "certwatch_alerts_firing", { alertname: "CertificateExpiringSoon", severity: "critical" })).toHaveLength(0);
  });

  it("drops the oldest notifications past queue_max, and counts them", async () => {
    const port = await freePort();
    h = await startHarness(scenario, zones, { alerts: { queue_max: 2, sinks: [webhookSink(`http://127.0.0.1:${port}/`)] } });
    await h.daemon.firstCycle;
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_notifications_total", { sink: "hook", outcome: "dropped" })).toBe(3);
    expect(h.logs.entries().some((e) => e.msg === "dropped queued notifications: the outbox reached alerts.queue_max")).toBe(true);
  });
});

describe("PagerDuty and Slack receivers", () => {
  it("get the documented fields", async () => {
    const pd = await receiver();
    const slack = await receiver();
    h = await startHarness(scenario, zones, {
      alerts: {
        sinks: [
          { name: "pager", type: "pagerduty", routing_key: "R0UT1NGKEY0123456789abcdef012345", url: `${pd.url}v2/enqueue`, min_severity: "critical" },
          { name: "chat", type: "slack", url: `${slack.url}services/T000/B000/XXXX`, min_severity: "warning" },
        ],
      },
    });
    await h.daemon.firstCycle;
    await waitFor(async () => pd.received.length === 2 && slack.received.length === 1, 10_000, "pagerduty and slack");
    for (const event of pd.received) {
      expect(event.path).toBe("/v2/enqueue");
      const body = event.json as Record<string, any>;
      expect(Object.keys(body).sort()).toEqual(["client", "client_url", "dedup_key", "event_action", "links", "payload", "routing_key"]);
      expect(body.event_action).toBe("trigger");
      expect(body.routing_key).toBe("R0UT1NGKEY0123456789abcdef012345");
      expect(body.payload.severity).toBe("critical");
      expect(typeof body.payload.summary).toBe("string");
      expect(body.payload.source).toBe("c.test");
    }
    const message = slack.received[0]!.json as { text: string; blocks: Array<{ type: string }> };
    expect(message.text).toContain("FIRING");
    expect(message.blocks[0]?.type).toBe("header");
    expect(h.logs.lines.filter((l) => l.includes("R0UT1NGKEY0123456789abcdef012345") || l.includes("B000/XXXX"))).toEqual([]);
  });
});
