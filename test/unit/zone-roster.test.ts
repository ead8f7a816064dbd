import { describe, expect, it } from "vitest";
import type { ZoneConfig } from "../../src/config/schema.js";
import { DEFAULT_ZONE_SOURCE_NAMES } from "../../src/stores/registry.js";
import { ZoneRoster } from "../../src/scheduler/zone-roster.js";

const thresholds = { warning_days: 30, critical_days: 7 };
const configured: ZoneConfig = {
  id: "a".repeat(32),
  name: "configured.test",
  hostnames: ["app.configured.test"],
  thresholds: { warning_days: 14, critical_days: 3 },
  sources: ["trust_store"],
  sources_explicit: true,
  custom_hostnames: { mode: "summary" },
};
const listed = (...ids: string[]) => ids.map((id) => ({ id, name: `${id.slice(0, 4)}.test`, status: "active" }));
const ids = (zones: readonly ZoneConfig[]) => zones.map((z) => z.id);

describe("ZoneRoster", () => {
  it("adds discovered zones with default settings; configured settings win", () => {
    const roster = new ZoneRoster([configured], { thresholds });
    expect(roster.applyListing(listed("a".repeat(32), "b".repeat(32)))).toEqual({ added: ["b".repeat(32)], removed: [] });
    expect(roster.polled()).toEqual([
      configured,
      { id: "b".repeat(32), name: "bbbb.test", hostnames: [], thresholds, sources: [...DEFAULT_ZONE_SOURCE_NAMES], sources_explicit: false, custom_hostnames: { mode: "per_hostname" } },
    ]);
  });

  it("stops polling a zone missing once, and drops it only when missing twice in a row", () => {
    const roster = new ZoneRoster([configured], { thresholds });
    roster.applyListing(listed("b".repeat(32), "c".repeat(32)));
    expect(roster.applyListing(listed("c".repeat(32)))).toEqual({ added: [], removed: [] });
    expect(ids(roster.polled())).toEqual(["a".repeat(32), "c".repeat(32)]);
    expect(ids(roster.known())).toEqual(["a".repeat(32), "b".repeat(32), "c".repeat(32)]);
    // Back after one miss: the count starts over.
    roster.applyListing(listed("b".repeat(32), "c".repeat(32)));
    roster.applyListing(listed("c".repeat(32)));
    expect(roster.applyListing(listed("c".repeat(32)))).toEqual({ added: [], removed: ["b".repeat(32)] });
    expect(ids(roster.known())).toEqual(["a".repeat(32), "c".repeat(32)]);
    expect(roster.discoveredCount).toBe(1);
  });

  it("gives the same known() array until a listing, a reload or a discovery switch changes it", () => {
    const roster = new ZoneRoster([configured], { thresholds });
    const first = roster.known();
    expect(roster.known()).toBe(first);
    roster.applyListing(listed("b".repeat(32)));
    const listedOnce = roster.known();
    expect(listedOnce).not.toBe(first);
    expect(ids(listedOnce)).toEqual(["a".repeat(32), "b".repeat(32)]);
    expect(roster.known()).toBe(listedOnce);
    roster.setConfigured([], { thresholds });
    expect(ids(roster.known())).toEqual(["b".repeat(32)]);
    roster.clearDiscovered();
    expect(ids(roster.known())).toEqual([]);
  });

  it("never drops a configured zone, listed or not", () => {
    const roster = new ZoneRoster([configured], { thresholds });
    roster.applyListing([]);
    roster.applyListing([]);
    expect(ids(roster.known())).toEqual(["a".repeat(32)]);
  });
});

describe("ZoneRoster with discover.statuses", () => {
  const zone = (id: string, status: string | null) => ({ id, name: `${id.slice(0, 4)}.test`, status });
  const [A, B, C, D] = ["a", "b", "c", "d"].map((c) => c.repeat(32)) as [string, string, string, string];

  it("watches only listed zones with a wanted status; a configured zone is watched whatever its status", () => {
    const roster = new ZoneRoster([configured], { thresholds });
    const listing = [zone(A, "moved"), zone(B, "active"), zone(C, "pending"), zone(D, null)];
    expect(roster.applyListing(listing, ["active"])).toEqual({ added: [B, D], removed: [] });
    expect(ids(roster.polled())).toEqual([A, B, D]);
    expect(roster.skipped).toEqual({ zones: [zone(C, "pending")], changed: true });
  });

  it("reports the skipped set as changed only when it changes", () => {
    const roster = new ZoneRoster([], { thresholds });
    expect(roster.applyListing([zone(A, "active")], ["active"]) && roster.skipped.changed).toBe(false);
    roster.applyListing([zone(A, "active"), zone(B, "pending")], ["active"]);
    expect(roster.skipped.changed).toBe(true);
    roster.applyListing([zone(B, "pending"), zone(A, "active")], ["active"]);
    expect(roster.skipped.changed).toBe(false);
    roster.applyListing([zone(A, "active"), zone(B, "initializing")], ["active"]);
    expect(roster.skipped).toEqual({ zones: [zone(B, "initializing")], changed: true });
  });

  it("treats a discovered zone that leaves the wanted statuses like one missing from the listing", () => {
    const roster = new ZoneRoster([], { thresholds });
    roster.applyListing([zone(A, "active")], ["active"]);
    expect(roster.applyListing([zone(A, "moved")], ["active"])).toEqual({ added: [], removed: [] });
    expect(ids(roster.polled())).toEqual([]);
    expect(roster.applyListing([zone(A, "moved")], ["active"])).toEqual({ added: [], removed: [A] });
  });
});
