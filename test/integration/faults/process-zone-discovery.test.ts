// Zone discovery failing in the daemon: certwatch_zone_discovery_up 0 from the first failed
// listing, and ZoneDiscoveryDown after alerts.source_down_after (counted like SourceDown).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DiscoveryHealth } from "../../../src/scheduler/discovery-health.js";
import { evaluateAlerts } from "../../../src/alerts/rules.js";
import type { Scenario } from "../../../dev/simulator/scenario.js";
import type { Simulator } from "../../../dev/simulator/server.js";
import { select } from "../../helpers/exposition.js";
import { startHarness, type Harness } from "../../helpers/harness.js";

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 23, 12);

function evaluate(discovery: DiscoveryHealth | null) {
  return evaluateAlerts({
    records: [],
    health: [],
    thresholdsFor: () => ({ warning_days: 30, critical_days: 7 }),
    statusSince: () => NOW,
    discovery,
    settings: { pendingGraceMs: 60 * MINUTE, sourceDownAfterMs: 30 * MINUTE, runbookUrl: "https://docs.test/alerts.md" },
    now: NOW,
  });
}

const failing = (overrides: Partial<DiscoveryHealth>): DiscoveryHealth => ({
  up: false,
  lastSuccessAt: null,
  lastAttemptAt: NOW,
  failingSince: NOW - 10 * MINUTE,
  lastError: { reason: "http_5xx", message: "GET /zones: HTTP 503" },
  ...overrides,
});

describe("ZoneDiscoveryDown rule", () => {
  it("fires once listings have failed for source_down_after, with no zone labels", () => {
    expect(evaluate(failing({ failingSince: NOW - 29 * MINUTE }))).toEqual([]);
    const [alert, ...rest] = evaluate(failing({ failingSince: NOW - 30 * MINUTE }));
    expect(rest).toEqual([]);
    expect(alert?.labels).toEqual({ alertname: "ZoneDiscoveryDown", severity: "warning", zone: "", zone_id: "", source: "", cert_id: "", hostname: "" });
    expect(alert?.annotations.description).toContain("has failed for 30 minutes (none has succeeded since certwatch started); last error: http_5xx: GET /zones: HTTP 503");
    expect(alert?.annotations.runbook_url).toBe("https://docs.test/alerts.md#zonediscoverydown");
  });

  it("counts from the last good listing, and is silent while discovery is up or off", () => {
    expect(evaluate(failing({ lastSuccessAt: NOW - 31 * MINUTE, failingSince: NOW - 5 * MINUTE }))).toHaveLength(1);
    expect(evaluate(failing({ lastSuccessAt: NOW - 20 * MINUTE, failingSince: NOW - 5 * MINUTE }))).toEqual([]);
    expect(evaluate({ up: true, lastSuccessAt: NOW - 90 * MINUTE, lastAttemptAt: NOW, failingSince: null, lastError: null })).toEqual([]);
    expect(evaluate(null)).toEqual([]);
  });
});

describe("a daemon whose GET /zones fails", () => {
  const ZONE = "a7".repeat(16);
  const scenario: Scenario = { zones: [{ id: ZONE, name: "found.test", trustStore: [{ cn: "Root", daysLeft: 400 }] }] };
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it("exports certwatch_zone_discovery_up 0 after the first failed listing, alerts, and resolves once a listing works", async () => {
    harness = await startHarness(scenario, [], {
      discover: { enabled: true },
      cloudflare: { max_retries: 0 },
      // The alert at the first failed cycle: the delay itself is the rule test's business.
      alerts: { source_down_after_ms: 0 },
      beforeStart: (simulator) => simulator.injectFault({ template: "/zones", status: 503, times: Infinity }),
    });
    await harness.daemon.firstCycle;
    const up = async () => select(await harness!.metrics(), "certwatch_zone_discovery_up").map((s) => s.value);
    expect(await up()).toEqual([0]);
    const firing = () => harness!.daemon.alerts.firing().filter((a) => a.labels.alertname === "ZoneDiscoveryDown");
    expect(firing()).toHaveLength(1);
    expect(firing()[0]?.annotations.description).toContain("last error: http_5xx");

    harness.simulator.clearFaults();
    await harness.daemon.pollNow();
    expect(await up()).toEqual([1]);
    expect(firing()).toEqual([]);
    expect(harness.daemon.inventory.health().map((h) => h.zoneId)).toContain(ZONE);
  });

  it("keeps the alert through a restart while listings still fail (the failure clock starts again)", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "certwatch-discovery-state-"));
    const failing = { template: "/zones", status: 503, times: Infinity } as const;
    const options = { discover: { enabled: true }, cloudflare: { max_retries: 0 }, stateDir, beforeStart: (s: Simulator) => s.injectFault({ ...failing }) };
    harness = await startHarness(scenario, [], { ...options, alerts: { source_down_after_ms: 0 } });
    await harness.daemon.firstCycle;
    expect(harness.daemon.alerts.firing().map((a) => a.labels.alertname)).toContain("ZoneDiscoveryDown");
    await harness.close();

    harness = await startHarness(scenario, [], { ...options, alerts: { source_down_after_ms: 30 * MINUTE } });
    await harness.daemon.firstCycle;
    expect(harness.daemon.alerts.firing().map((a) => a.labels.alertname)).toContain("ZoneDiscoveryDown");
  });
});
