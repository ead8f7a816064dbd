import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../../dev/simulator/scenario.js";
import { DEFAULT_ZONE_SOURCE_NAMES } from "../../src/stores/registry.js";
import { valueOf } from "../helpers/exposition.js";
import { startHarness, type Harness } from "../helpers/harness.js";

const ZONE = "d6".repeat(16);
/** Every store a zone reads by default but aop_hostname, which has no hostname to read here. */
const PAIRS = DEFAULT_ZONE_SOURCE_NAMES.length - 1;
const scenario: Scenario = { zones: [{ id: ZONE, name: "d.test", hostnameCertificates: [{ id: "fine", cn: "fine.d.test", daysLeft: 300 }] }] };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("a budget-aware plan", () => {
  it("says once, not at every sweep, when the budget cannot refresh what max_staleness requires every interval", async () => {
    // Every second, 1,200 per 5 min: 3 requests a tick (90% of 4). A 1 s max_staleness makes
    // all PAIRS (8) due at every tick: 8 > 3.
    h = await startHarness(scenario, [{ id: ZONE, name: "d.test", hostnames: [] }], { schedule: "* * * * * *", maxStalenessMs: 1_000 });
    await h.daemon.firstCycle;
    // That the first sweep judges nothing is a pure fact of the plan (test/cadence-plan.test.ts):
    // read here, the gauge races the next one-second tick.
    await h.daemon.pollNow();
    await h.daemon.pollNow();
    const said = h.logs.entries().filter((e) => typeof e.msg === "string" && e.msg.startsWith("the request budget cannot refresh"));
    expect(said).toHaveLength(1);
    expect(said[0]!.credentials).toEqual([{ credential: "default", required_requests: PAIRS, requests_per_interval: 3 }]);
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_sweep_over_budget")).toBe(1);
    expect(valueOf(samples, "certwatch_sweep_planned_requests")).toBe(PAIRS);
    expect(valueOf(samples, "certwatch_sweep_oldest_success_timestamp_seconds")).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it("reads only what is due or urgent when the budget is tight, and still judges the zone", async () => {
    h = await startHarness(scenario, [{ id: ZONE, name: "d.test", hostnames: [] }], { schedule: "* * * * * *", maxStalenessMs: 3_600_000 });
    await h.daemon.firstCycle;
    await h.daemon.pollNow();
    // Nothing failing, in flight or near expiry, nothing near max_staleness: 3 pairs a tick, oldest first.
    // (Ticks come every second here; every sweep after the first plans the same way.)
    expect(valueOf(await h.metrics(), "certwatch_sweep_planned_requests")).toBeLessThanOrEqual(3);
    expect(h.daemon.alerts.firing()).toEqual([]);
    expect(valueOf(await h.metrics(), "certwatch_sweep_over_budget")).toBe(0);
  });
});
