import { describe, expect, it } from "vitest";
import { alertFingerprint } from "../../src/alerts/alert.js";
import type { ZoneConfig } from "../../src/config/schema.js";
import { placementLabels, placementPairs, placementTitle, placementWords, targetIdOfLabels } from "../../src/model/index.js";
import { ZoneRoster } from "../../src/scheduler/zone-roster.js";

const ZONE = { zoneId: "z".repeat(32), zoneName: "example.com" };
const ACCOUNT = { zoneId: "a".repeat(32), zoneName: "Example Inc.", scope: "account" as const };

describe("placement", () => {
  it("labels a zone's record as it always did, and an account's under account/account_id with empty zone labels", () => {
    expect(placementLabels(ZONE)).toEqual({ zone: "example.com", zone_id: "z".repeat(32) });
    expect(placementPairs(ZONE)).toEqual([["zone", "example.com"], ["zone_id", "z".repeat(32)]]);
    expect(placementLabels(ACCOUNT)).toEqual({ zone: "", zone_id: "", account: "Example Inc.", account_id: "a".repeat(32) });
    expect(placementPairs(ACCOUNT)).toEqual([["zone", ""], ["zone_id", ""], ["account", "Example Inc."], ["account_id", "a".repeat(32)]]);
  });

  it("names the place in words and titles, and finds the target id back from alert labels", () => {
    expect([placementWords(ZONE), placementWords(ACCOUNT)]).toEqual(["zone example.com", "account Example Inc."]);
    expect([placementTitle(ZONE), placementTitle(ACCOUNT)]).toEqual(["example.com", "account Example Inc."]);
    expect(targetIdOfLabels(placementLabels(ZONE))).toBe("z".repeat(32));
    expect(targetIdOfLabels(placementLabels(ACCOUNT))).toBe("a".repeat(32));
    expect(targetIdOfLabels({ zone_id: "" })).toBe("");
  });

  it("keeps a zone alert's fingerprint, and tells apart the same certificate in two accounts and in no account", () => {
    const about = { alertname: "CertificateExpiringSoon" as const, source: "mtls_certificate", cert_id: "m1", hostname: "" };
    const zoneAlert = alertFingerprint({ ...about, zone_id: "z1" });
    expect(alertFingerprint({ ...about, zone_id: "z1", account_id: undefined })).toBe(zoneAlert);
    const first = alertFingerprint({ ...about, zone_id: "", account_id: "a1" });
    const second = alertFingerprint({ ...about, zone_id: "", account_id: "a2" });
    const none = alertFingerprint({ ...about, zone_id: "" });
    expect(new Set([first, second, none]).size).toBe(3);
  });
});

describe("ZoneRoster with accounts", () => {
  const thresholds = { warning_days: 30, critical_days: 7 };
  const configuredAccount: ZoneConfig = {
    id: "c".repeat(32),
    name: "Configured Inc.",
    scope: "account",
    hostnames: [],
    thresholds,
    sources: [],
    sources_explicit: false,
    custom_hostnames: { mode: "per_hostname" },
  };

  it("adds discovered accounts as account targets after the zones, keeps a configured one as configured, and drops one missing twice", () => {
    const roster = new ZoneRoster([configuredAccount], { thresholds });
    const found = [
      { id: "c".repeat(32), name: "Configured Inc." },
      { id: "d".repeat(32), name: "Discovered Ltd" },
    ];
    expect(roster.applyAccountListing(found, "default")).toEqual({ added: ["d".repeat(32)], removed: [] });
    roster.applyListing([{ id: "e".repeat(32), name: "zone.test", status: "active" }], ["active"], "default");
    expect(roster.polled().map((t) => [t.name, t.scope ?? "zone", t.credential ?? null])).toEqual([
      ["Configured Inc.", "account", null],
      ["zone.test", "zone", "default"],
      ["Discovered Ltd", "account", "default"],
    ]);
    expect(roster.discoveredAccountCount).toBe(1);
    roster.applyAccountListing([], "default");
    expect(roster.polled().map((t) => t.name)).toEqual(["Configured Inc.", "zone.test"]);
    expect(roster.known().map((t) => t.name)).toContain("Discovered Ltd");
    expect(roster.applyAccountListing([], "default")).toEqual({ added: [], removed: ["d".repeat(32)] });
    roster.clearDiscoveredAccounts();
    expect(roster.known().map((t) => t.name)).toEqual(["Configured Inc.", "zone.test"]);
  });

  it("leaves an account another credential found to that credential", () => {
    const roster = new ZoneRoster([], { thresholds });
    roster.applyAccountListing([{ id: "d".repeat(32), name: "Shared" }], "first");
    expect(roster.applyAccountListing([{ id: "d".repeat(32), name: "Shared" }], "second")).toEqual({ added: [], removed: [] });
    roster.applyAccountListing([], "second");
    roster.applyAccountListing([], "second");
    expect(roster.polled().map((t) => [t.name, t.credential])).toEqual([["Shared", "first"]]);
  });
});
