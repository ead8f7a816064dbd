import { describe, expect, it } from "vitest";
import { alertFingerprint, type Alert } from "../../src/alerts/alert.js";
import { clockedStatusEntries, EMPTY_ALERT_STATE, hostnameStatusKey, transition, type TransitionSettings } from "../../src/alerts/alert-state.js";
import { recordKey, type CertificateRecord } from "../../src/model/index.js";
import { transitionScope, ZoneAlertIndex, ZoneStatusClocks } from "../../src/alerts/zone-scope.js";
import type { ActiveAlert, AlertState } from "../../src/alerts/alert-state.js";

const T0 = Date.parse("2026-11-23T12:00:00Z");
const A = "a".repeat(32);
const B = "b".repeat(32);

function alert(zoneId: string, certId: string): Alert {
  const labels = { alertname: "CertificateExpiringSoon" as const, severity: "warning" as const, zone: zoneId.slice(0, 4), zone_id: zoneId, source: "aop_hostname_cert", cert_id: certId, hostname: "" };
  return { fingerprint: alertFingerprint(labels), labels, annotations: { summary: certId, description: "", expires_at: "", runbook_url: "", runbook: "" } };
}

/**
 * The plain way to judge one scope: split every active alert by `inScope`, transition the inside,
 * put the outside back. The engine does the same through ZoneAlertIndex without looking at the
 * outside; these tests hold it to this reference.
 */
function scopedTransition(state: AlertState, desired: Alert[], now: number, settings: TransitionSettings, inScope: (alert: Alert) => boolean) {
  const inside: Record<string, ActiveAlert> = {};
  const outside: Record<string, ActiveAlert> = {};
  for (const [fingerprint, active] of Object.entries(state.active)) (inScope(active.alert) ? inside : outside)[fingerprint] = active;
  const result = transitionScope(inside, state.statuses, desired, now, settings);
  return { ...result, active: { ...outside, ...result.active } };
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

  it("judges one zone by looking at that zone's active alerts only, keeping the record in step", () => {
    const zone = (i: number) => i.toString(16).padStart(32, "0");
    const all = [...Array.from({ length: 1000 }, (_, i) => [alert(zone(i), `c${i}a`), alert(zone(i), `c${i}b`)]).flat(), alert("", "account")];
    const record = transition(EMPTY_ALERT_STATE, all, T0, settings).state.active;
    const before = { ...record };
    // Every read or write of an entry goes through here once the index is built.
    const touched = new Set<string>();
    const watched = new Proxy(record, {
      get: (target, key, receiver) => (typeof key === "string" && touched.add(key), Reflect.get(target, key, receiver)),
      set: (target, key, value, receiver) => (typeof key === "string" && touched.add(key), Reflect.set(target, key, value, receiver)),
      deleteProperty: (target, key) => (typeof key === "string" && touched.add(key), Reflect.deleteProperty(target, key)),
    });
    const index = new ZoneAlertIndex(watched);
    touched.clear();
    const seenByRules: string[] = [];
    const judged = zone(7);
    const inside = index.entriesOf([judged]);
    expect(Object.values(inside).map((a) => a.alert.labels.cert_id)).toEqual(["c7a", "c7b"]);
    // c7b is gone, c7a still firing, c7c new.
    const result = transitionScope(inside, {}, [alert(judged, "c7a"), alert(judged, "c7c")], T0 + 1000, {
      ...settings,
      isHeld: (a) => (seenByRules.push(a.labels.cert_id), false),
      isSilenced: (a) => (seenByRules.push(a.labels.cert_id), false),
    });
    index.replace(inside, result.active);
    expect(result.changed).toBe(true);
    expect(result.deliveries.get("hook")!.map((n) => `${n.status}:${n.alert.labels.cert_id}`)).toEqual(["firing:c7a", "firing:c7c", "resolved:c7b"]);
    expect(seenByRules.every((id) => id.startsWith("c7"))).toBe(true);
    // Only the judged zone's fingerprints were read or written: none of the other 999 zones' nor the account-wide one.
    const ownFingerprints = new Set([...Object.keys(inside), ...Object.keys(result.active)]);
    expect([...touched].filter((key) => !ownFingerprints.has(key))).toEqual([]);
    expect(touched.size).toBeLessThanOrEqual(3);
    // Same record, same order as rebuilding it with scopedTransition would give.
    const rebuilt = scopedTransition({ active: before, statuses: {} }, [alert(judged, "c7a"), alert(judged, "c7c")], T0 + 1000, settings, (a) => a.labels.zone_id === judged);
    expect(Object.keys(record)).toEqual(Object.keys(rebuilt.active));
    expect(index.entriesOf([judged])).toEqual(result.active);
    expect(index.zoneIds()).toHaveLength(1001);
    // Account-wide and a zone no longer watched, at a sweep's end: the record's order is kept.
    const sweep: Record<string, ActiveAlert> = index.entriesOf(["", zone(3)]);
    expect(Object.values(sweep).map((a) => a.alert.labels.cert_id)).toEqual(["c3a", "c3b", "account"]);
    index.replace(sweep, {});
    expect(index.zoneIds()).toHaveLength(999);
    expect(Object.keys(record)).toHaveLength(2000 - 2 + 1 - 1);
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
