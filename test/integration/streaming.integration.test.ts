import { afterEach, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../dev/demo/webhook-receiver.js";
import type { Scenario } from "../../dev/simulator/scenario.js";
import type { AlertmanagerWebhookPayload } from "../../src/sinks/webhook.js";
import { DEFAULT_ZONE_SOURCE_NAMES } from "../../src/stores/registry.js";
import { valueOf } from "../helpers/exposition.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { waitFor } from "../helpers/spawn-daemon.js";

const ZONE_A = "a1".repeat(16);
const ZONE_B = "b2".repeat(16);
const TRUST_STORE = "/zones/:zone_id/acm/custom_trust_store";
const scenario: Scenario = {
  zones: [
    { id: ZONE_A, name: "a.test", hostnameCertificates: [{ id: "a-soon", cn: "soon.a.test", daysLeft: 5 }] },
    { id: ZONE_B, name: "b.test", hostnameCertificates: [{ id: "b-soon", cn: "soon.b.test", daysLeft: 5 }] },
  ],
};
const zones = [
  { id: ZONE_A, name: "a.test", hostnames: [] },
  { id: ZONE_B, name: "b.test", hostnames: [] },
];

let h: Harness | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await h?.close();
  await receiver?.close();
  h = undefined;
  receiver = undefined;
});

function alertedCerts(r: WebhookReceiver): string[] {
  return r.received.flatMap((x) => (x.json as AlertmanagerWebhookPayload).alerts.map((a) => a.labels.cert_id ?? ""));
}

describe("streaming sweep", () => {
  it("delivers a zone's alert while a later zone's poll is still held, and is ready meanwhile", async () => {
    receiver = await startWebhookReceiver();
    h = await startHarness(scenario, zones, {
      alerts: { sinks: [{ name: "hook", type: "webhook", url: receiver.url, secret: null, headers: {}, min_severity: "warning" }] },
      beforeStart: (sim) => sim.injectFault({ template: TRUST_STORE, zoneId: ZONE_B, delayMs: 2_500 }),
    });
    expect((await h.get("/readyz")).status).toBe(200);
    await waitFor(async () => alertedCerts(receiver!).includes("a-soon"), 10_000, "zone A's alert");
    // Zone B's trust store is still held by the simulator: the sweep has not ended.
    expect(h.simulator.requests.some((r) => r.template === TRUST_STORE && r.zoneId === ZONE_B && r.status === 0)).toBe(true);
    expect(h.daemon.inventory.lastCycleFinishedAt).toBeNull();
    expect(alertedCerts(receiver)).not.toContain("b-soon");
    const during = await h.metrics();
    const progress = valueOf(during, "certwatch_sweep_progress_ratio");
    expect(progress).toBeGreaterThan(0);
    expect(progress).toBeLessThan(1);
    // 2 zones × every default zone store but aop_hostname (no hostname to read): (zone, source) pairs, none read before: 1 request each, at 1,200 per 5 min.
    const pairs = 2 * (DEFAULT_ZONE_SOURCE_NAMES.length - 1);
    expect(valueOf(during, "certwatch_sweep_estimated_duration_seconds")).toBeCloseTo((pairs * 300) / 1200, 5);

    await h.daemon.firstCycle;
    await waitFor(async () => alertedCerts(receiver!).includes("b-soon"), 10_000, "zone B's alert");
    const after = await h.metrics();
    expect(valueOf(after, "certwatch_sweep_progress_ratio")).toBe(1);
    expect(valueOf(after, "certwatch_sweep_duration_seconds")).toBeGreaterThanOrEqual(2.4);
    expect(valueOf(after, "certwatch_sweep_overrun")).toBe(0);
  });

  it("judges zones one at a time: a second sweep neither resolves nor re-sends the other zone's alerts", async () => {
    receiver = await startWebhookReceiver();
    h = await startHarness(scenario, zones, {
      alerts: { sinks: [{ name: "hook", type: "webhook", url: receiver.url, secret: null, headers: {}, min_severity: "warning" }] },
    });
    await h.daemon.firstCycle;
    await waitFor(async () => alertedCerts(receiver!).length >= 2, 10_000, "both alerts");
    expect(h.daemon.alerts.firing().map((a) => a.labels.cert_id).sort()).toEqual(["a-soon", "b-soon"]);
    await h.daemon.pollNow();
    expect(h.daemon.alerts.firing()).toHaveLength(2);
    expect(alertedCerts(receiver).sort()).toEqual(["a-soon", "b-soon"]);
  });
});
