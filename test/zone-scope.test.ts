import { describe, expect, it } from "vitest";
import { alertFingerprint, type Alert } from "../src/alerts/alert.js";
import { clockedStatusEntries, EMPTY_ALERT_STATE, hostnameStatusKey, transition, type TransitionSettings } from "../src/alerts/alert-state.js";
import { recordKey, type CertificateRecord } from "../src/inventory/certificate-record.js";
import { scopedTransition, ZoneStatusClocks } from "../src/alerts/zone-scope.js";

const T0 = Date.parse("2026-11-23T12:00:00Z");
const A = "a".repeat(32);
const B = "b".repeat(32);

function alert(zoneId: string, certId: string): Alert {
  const labels = { alertname: "CertificateExpiringSoon" as const, severity: "warning" as const, zone: zoneId.slice(0, 4), zone_id: zoneId, source: "aop_hostname_cert", cert_id: certId, hostname: "" };
  return { fingerprint: alertFingerprint(labels), labels, annotations: { summary: certId, description: "", expires_at: "", runbook_url: "", runbook: "" } };
}

const settings: TransitionSettings = { repeatIntervalMs: 3_600_000, sendResolved: true, sinks: [{ name: "hook", minSeverity: "warning", resendsFiring: true }], isHeld: () => false };

describe("judging one zone at a time", () => {
  it("moves only the zone's own alerts: another zone's are neither resolved nor re-sent", () => {
    const both = transition(EMPTY_ALERT_STATE, [alert(A, "a1"), alert(B, "b1")], T0, settings).state;
    // Zone A now has nothing to say; B is not being judged.
    const result = scopedTransition(both, [], T0 + 1000, settings, (a) => a.labels.zone_id === A);
    expect(Object.values(result.active).map((a) => a.alert.labels.cert_id)).toEqual(["b1"]);
    expect(result.deliveries.get("hook")!.map((n) => `${n.status}:${n.alert.labels.cert_id}`)).toEqual(["resolved:a1"]);
    expect(result.changed).toBe(true);
    const quiet = scopedTransition({ ...both, active: result.active }, [alert(B, "b1")], T0 + 2000, { ...settings, sinks: [{ name: "hook", minSeverity: "warning", resendsFiring: false }] }, (a) => a.labels.zone_id === B);
    expect(quiet.changed).toBe(false);
  });

  it("keeps status clocks per zone: a zone's evaluation starts, keeps and forgets only its own", () => {
    const statuses = { [`${B}\u0000x`]: { status: "pending_validation", since: T0 - 5000 } };
    const clocks = new ZoneStatusClocks(statuses);
    expect(clocks.track(A, [{ key: `${A}\u0000a1`, status: "pending_validation" }], T0)).toBe(true);
    expect(clocks.track(A, [{ key: `${A}\u0000a1`, status: "pending_validation" }], T0 + 1000)).toBe(false);
    expect(statuses[`${A}\u0000a1`]).toEqual({ status: "pending_validation", since: T0 });
    expect(clocks.track(A, [], T0 + 2000)).toBe(true);
    expect(Object.keys(statuses)).toEqual([`${B}\u0000x`]);
    expect(clocks.retainZones(new Set([A]))).toBe(true);
    expect(statuses).toEqual({});
  });

  it("keeps no clock for a healthy status, and drops the healthy ones an older state file holds", () => {
    // Written before healthy statuses went unclocked: one per active custom hostname.
    const statuses: Record<string, { status: string; since: number }> = {
      [`${A}\u0000old`]: { status: "active", since: T0 - 9000 },
      [`${A}\u0000p`]: { status: "pending_validation", since: T0 - 5000 },
    };
    const clocks = new ZoneStatusClocks(statuses);
    const records = [
      { key: `${A}\u0000old`, status: "active" },
      { key: `${A}\u0000p`, status: "pending_validation" },
      { key: `${A}\u0000new`, status: "active" },
    ];
    expect(clocks.track(A, records, T0)).toBe(true);
    expect(statuses).toEqual({ [`${A}\u0000p`]: { status: "pending_validation", since: T0 - 5000 } });
    expect(clocks.track(A, records, T0 + 1000)).toBe(false);
    // Active, then pending again: its clock starts then, as it did when active had a clock.
    expect(clocks.track(A, [{ key: `${A}\u0000new`, status: "pending" }], T0 + 2000)).toBe(true);
    expect(statuses).toEqual({ [`${A}\u0000new`]: { status: "pending", since: T0 + 2000 } });
  });

  it("lists clocked entries only for statuses that are not healthy, hostname status included", () => {
    const base = { zoneId: A, zoneName: "a", source: "custom_hostname" as const, hostname: "h.example", apiExpiresOn: null, pem: null, apiIssuer: null, parsed: null, parseError: null };
    const records: CertificateRecord[] = [
      { ...base, certId: "ok", status: "active", attributes: { hostname_status: "active" } },
      { ...base, certId: "cert", status: "pending_validation", attributes: { hostname_status: "active" } },
      { ...base, certId: "host", status: "active", attributes: { hostname_status: "pending" } },
      { ...base, certId: "none", status: null, attributes: {} },
    ];
    const entries = clockedStatusEntries(records);
    expect(entries).toEqual([
      { key: recordKey(records[1]!), status: "pending_validation" },
      { key: hostnameStatusKey(recordKey(records[2]!)), status: "pending" },
    ]);
  });
});
