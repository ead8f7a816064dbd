import { describe, expect, it } from "vitest";
import type { ZoneConfig } from "../../src/config/schema.js";
import { Inventory } from "../../src/inventory/inventory.js";
import { InventorySnapshot } from "../../src/metrics/snapshot/inventory-snapshot.js";
import { zoneLabelPairs } from "../../src/metrics/snapshot/zone-labels.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { parseExposition } from "../helpers/exposition.js";
import { NOW, record } from "../helpers/records.js";

const A = { id: "a".repeat(32), name: "a.test", hostnames: [] };
const B = { id: "b".repeat(32), name: "b.test", hostnames: [] };

function setup() {
  const inventory = new Inventory();
  let zones: Array<Pick<ZoneConfig, "id" | "labels">> = [];
  const built: string[] = [];
  const snapshot = new InventorySnapshot({
    inventory,
    clock: new FakeClock(NOW),
    summarizedZones: () => new Set(),
    zoneLabels: () => zoneLabelPairs(zones as ZoneConfig[]),
    onZoneBuilt: (id) => built.push(id),
  });
  const scrape = async () => parseExposition(Buffer.concat(await snapshot.plain()).toString());
  for (const zone of [A, B]) {
    inventory.recordSuccess(zone, "aop_hostname_cert", [record({ zoneId: zone.id, zoneName: zone.name, certId: "c1", status: "active" })], NOW);
    inventory.recordSuccess(zone, "custom_hostname", [record({ zoneId: zone.id, zoneName: zone.name, certId: "h1", source: "custom_hostname", hostname: "h.test", attributes: { hostname_status: "active" } })], NOW);
    inventory.recordFailure(zone, "trust_store", { reason: "timeout", message: "slow" }, NOW);
  }
  return { built, scrape, setZones: (next: typeof zones) => (zones = next) };
}

describe("configured labels on /metrics", () => {
  it("adds a zone's labels, after its own, to every series of that zone and no other", async () => {
    const { scrape, setZones } = setup();
    setZones([{ id: A.id, labels: { env: "prod", note: 'say "hi"' } }]);
    const samples = await scrape();
    const ofA = samples.filter((s) => s.labels.zone_id === A.id);
    expect(new Set(ofA.map((s) => s.name)).size).toBeGreaterThanOrEqual(8);
    for (const s of ofA) expect(s.labels, s.name).toMatchObject({ env: "prod", note: 'say "hi"' });
    expect(samples.filter((s) => s.labels.zone_id === B.id).some((s) => "env" in s.labels)).toBe(false);
  });

  it("rebuilds only the zone whose labels changed, and nothing while they stay", async () => {
    const { built, scrape, setZones } = setup();
    setZones([{ id: A.id, labels: { env: "prod" } }, { id: B.id, labels: { env: "prod" } }]);
    await scrape();
    built.length = 0;
    setZones([{ id: A.id, labels: { env: "prod" } }, { id: B.id, labels: { env: "staging" } }]);
    const samples = await scrape();
    expect(built).toEqual([B.id]);
    expect(new Set(samples.filter((s) => s.labels.zone_id === B.id).map((s) => s.labels.env))).toEqual(new Set(["staging"]));
    await scrape();
    expect(built).toEqual([B.id]);
    setZones([{ id: A.id, labels: { env: "prod" } }, { id: B.id }]);
    expect((await scrape()).filter((s) => s.labels.zone_id === B.id).some((s) => "env" in s.labels)).toBe(false);
    expect(built).toEqual([B.id, B.id]);
  });
});
