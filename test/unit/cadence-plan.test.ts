import { describe, expect, it } from "vitest";
import type { ZoneConfig } from "../../src/config/schema.js";
import { type SourceName } from "../../src/model/index.js";
import { SOURCE_NAMES } from "../../src/stores/registry.js";
import { Inventory } from "../../src/inventory/inventory.js";
import { planCadence, type CadenceInput } from "../../src/scheduler/cadence-plan.js";
import { SweepCost } from "../../src/scheduler/sweep-cost.js";
import type { Source } from "../../src/stores/source.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { DAY, record } from "../helpers/records.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SOURCES: Source[] = SOURCE_NAMES.map((name) => ({ name, poll: async () => ({ items: [] }) }));
/** Pairs per zone: every registered store (these fakes have no appliesTo). 8 since client_certificate; derived so a new store needs no edit here. */
const PER_ZONE = SOURCES.length;

function zones(n: number): ZoneConfig[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i.toString(16).padStart(32, "0"),
    name: `z${i}.test`,
    hostnames: [],
    thresholds: { warning_days: 30, critical_days: 7 },
    sources: [...SOURCE_NAMES],
    sources_explicit: false,
    custom_hostnames: { mode: "per_hostname" },
  }));
}

function setup(count: number, overrides: Partial<CadenceInput> = {}) {
  const clock = new FakeClock();
  const inventory = new Inventory();
  const list = zones(count);
  const input = (): CadenceInput => ({
    zones: list,
    polledIds: new Set(list.map((z) => z.id)),
    sources: SOURCES,
    inventory,
    cost: new SweepCost(),
    now: clock.now(),
    intervalMs: 5 * MINUTE,
    maxStalenessMs: 24 * HOUR,
    maxPer5m: 600,
    ...overrides,
  });
  /** Plans a tick and "reads" what it chose: each pair keeps its records, with a fresh success. */
  const tick = () => {
    const plan = planCadence(input());
    for (const { zone, sources } of plan.work) {
      for (const source of sources) {
        const records = inventory.slotsOf(zone.id).find((s) => s.health.source === source.name)?.records ?? [];
        inventory.recordSuccess(zone, source.name, [...records], clock.now());
      }
    }
    return plan;
  };
  return { clock, inventory, list, tick, input };
}

const pairs = (plan: ReturnType<typeof planCadence>) => plan.work.reduce((n, w) => n + w.sources.length, 0);

describe("adaptive cadence", () => {
  it("reads everything when the budget allows it, as a plain sweep would", () => {
    const { clock, tick } = setup(3);
    expect(pairs(tick())).toBe(3 * PER_ZONE);
    clock.time += 5 * MINUTE;
    const plan = tick();
    expect(pairs(plan)).toBe(3 * PER_ZONE);
    expect(plan.deferred).toBe(0);
  });

  it("at 1,000 zones and 600 per 5 min: what needs a look every tick gets it, the rest take turns within the budget and the bound", () => {
    const { clock, inventory, list, tick } = setup(1000);
    // The first sweep reads every pair: nothing is known yet.
    const first = tick();
    expect(pairs(first)).toBe(1000 * PER_ZONE);
    expect(first.requiredRequests).toBe(0);
    // Something near expiry, something in flight, and a source that fails.
    const near = list[500]!;
    const inFlight = list[900]!;
    const failing = list[999]!;
    inventory.recordSuccess(near, "certificate_pack", [record({ zoneId: near.id, source: "certificate_pack", notAfter: clock.now() + 10 * DAY })], clock.now());
    inventory.recordSuccess(inFlight, "custom_hostname", [record({ zoneId: inFlight.id, source: "custom_hostname", status: "pending_validation" })], clock.now());
    inventory.recordFailure(failing, "trust_store", { reason: "http_5xx", message: "HTTP 502" }, clock.now());

    const urgent: Array<[ZoneConfig, SourceName]> = [[near, "certificate_pack"], [inFlight, "custom_hostname"], [failing, "trust_store"]];
    let worstAge = 0;
    for (let i = 0; i < 48; i += 1) {
      clock.time += 5 * MINUTE;
      const plan = tick();
      expect(plan.requests).toBeLessThanOrEqual(plan.capacity);
      expect(plan.capacity).toBe(540);
      // Urgent zones come first in the sweep, so their alerts are judged first.
      expect(plan.work.slice(0, 3).map((w) => w.zone.id).sort()).toEqual(urgent.map(([z]) => z.id).sort());
      for (const [zone, source] of urgent) expect(plan.work.find((w) => w.zone.id === zone.id)!.sources.map((s) => s.name)).toContain(source);
      worstAge = Math.max(worstAge, ...inventory.health().map((h) => clock.now() - (h.lastSuccessAt ?? clock.now())));
      // The failing source keeps failing: refreshed every tick all the same.
      inventory.recordFailure(failing, "trust_store", { reason: "http_5xx", message: "HTTP 502" }, clock.now());
    }
    // 1,000 × PER_ZONE pairs at 540 a tick: every pair within ⌈pairs / 540⌉ ticks, far inside the 24 h bound.
    expect(worstAge).toBeLessThanOrEqual(Math.ceil((1000 * PER_ZONE) / 540) * 5 * MINUTE);
  });

  it("reads a pair about to pass max_staleness whatever the budget says, and reports the shortfall", () => {
    const { clock, tick } = setup(10, { maxPer5m: 1, maxStalenessMs: HOUR });
    tick();
    clock.time += 50 * MINUTE;
    expect(pairs(tick())).toBe(0);
    clock.time += 5 * MINUTE;
    // 55 minutes old + a 5 minute interval would pass 1 h: due now.
    const plan = tick();
    expect(pairs(plan)).toBe(10 * PER_ZONE);
    expect(plan.requiredRequests).toBe(10 * PER_ZONE);
    expect(plan.requiredRequests).toBeGreaterThan(plan.capacity);
  });

  it("leaves a zone that is known but not polled with nothing to read, yet in the sweep to be judged", () => {
    const { list, input } = setup(2);
    const plan = planCadence({ ...input(), polledIds: new Set([list[0]!.id]) });
    expect(plan.work.map((w) => [w.zone.id, w.sources.length])).toEqual([
      [list[0]!.id, PER_ZONE],
      [list[1]!.id, 0],
    ]);
  });
});
