import { describe, expect, it } from "vitest";
import { ZoneStatusClocks } from "../../src/alerts/zone-scope.js";
import { alertFingerprint, type Alert, type Severity } from "../../src/alerts/alert.js";
import { EMPTY_ALERT_STATE, transition, type AlertState, type SinkRoute, type TransitionSettings } from "../../src/alerts/alert-state.js";

const T0 = Date.parse("2026-11-23T12:00:00Z");
const HOUR = 3_600_000;

function alert(certId: string, severity: Severity = "warning", alertname: Alert["labels"]["alertname"] = "CertificateExpiringSoon"): Alert {
  const labels = { alertname, severity, zone: "z.test", zone_id: "z".repeat(32), source: "aop_hostname_cert", cert_id: certId, hostname: "" };
  return { fingerprint: alertFingerprint(labels), labels, annotations: { summary: certId, description: "", expires_at: "", runbook_url: "", runbook: "" } };
}

const webhook: SinkRoute = { name: "hook", minSeverity: "warning", resendsFiring: false };
const pager: SinkRoute = { name: "pager", minSeverity: "critical", resendsFiring: false };
const am: SinkRoute = { name: "am", minSeverity: "warning", resendsFiring: true };

function settings(overrides: Partial<TransitionSettings> = {}): TransitionSettings {
  return { repeatIntervalMs: 4 * HOUR, sendResolved: true, sinks: [webhook, pager, am], isHeld: () => false, ...overrides };
}

function summary(result: ReturnType<typeof transition>, sink: string) {
  return (result.deliveries.get(sink) ?? []).map((n) => `${n.status}:${n.reason}:${n.alert.labels.cert_id}:${n.alert.labels.severity}`);
}

describe("alert state transitions", () => {
  it("notifies a new alert once, then not again until repeat_interval", () => {
    const a = alert("c1");
    const first = transition(EMPTY_ALERT_STATE, [a], T0, settings());
    expect(summary(first, "hook")).toEqual(["firing:new:c1:warning"]);
    expect(summary(first, "pager")).toEqual([]);
    const quiet = transition(first.state, [a], T0 + HOUR, settings());
    expect(summary(quiet, "hook")).toEqual([]);
    const repeat = transition(quiet.state, [a], T0 + 4 * HOUR, settings());
    expect(summary(repeat, "hook")).toEqual(["firing:repeat:c1:warning"]);
    expect(repeat.state.active[a.fingerprint]?.startsAt).toBe(T0);
    expect(repeat.state.active[a.fingerprint]?.lastNotifiedAt).toBe(T0 + 4 * HOUR);
  });

  it("notifies a severity change at once, and reaches a sink whose min_severity it now meets", () => {
    const first = transition(EMPTY_ALERT_STATE, [alert("c1", "warning")], T0, settings());
    const worse = transition(first.state, [alert("c1", "critical")], T0 + 60_000, settings());
    expect(summary(worse, "hook")).toEqual(["firing:severity_change:c1:critical"]);
    expect(summary(worse, "pager")).toEqual(["firing:severity_change:c1:critical"]);
    // Back to warning: the pager is told it is over there, the webhook hears the change.
    const better = transition(worse.state, [alert("c1", "warning")], T0 + 120_000, settings());
    expect(summary(better, "pager")).toEqual(["resolved:resolved:c1:critical"]);
    expect(summary(better, "hook")).toEqual(["firing:severity_change:c1:warning"]);
  });

  it("sends exactly one resolved notification, to the sinks that heard it fire", () => {
    const first = transition(EMPTY_ALERT_STATE, [alert("c1", "critical"), alert("c2", "warning")], T0, settings());
    const resolved = transition(first.state, [alert("c2", "warning")], T0 + HOUR, settings());
    expect(summary(resolved, "hook")).toEqual(["resolved:resolved:c1:critical"]);
    expect(summary(resolved, "pager")).toEqual(["resolved:resolved:c1:critical"]);
    const resolvedNotification = resolved.deliveries.get("hook")![0]!;
    expect(resolvedNotification.startsAt).toBe(T0);
    expect(resolvedNotification.endsAt).toBe(T0 + HOUR);
    const after = transition(resolved.state, [alert("c2", "warning")], T0 + 2 * HOUR, settings());
    expect(summary(after, "hook")).toEqual([]);
    expect(summary(after, "pager")).toEqual([]);
  });

  it("sends no resolved notification when send_resolved is off", () => {
    const first = transition(EMPTY_ALERT_STATE, [alert("c1")], T0, settings({ sendResolved: false }));
    const gone = transition(first.state, [], T0 + HOUR, settings({ sendResolved: false }));
    expect(summary(gone, "hook")).toEqual([]);
    expect(gone.state.active).toEqual({});
  });

  it("keeps a held alert firing instead of resolving it (its source is down)", () => {
    const a = alert("c1", "critical");
    const first = transition(EMPTY_ALERT_STATE, [a], T0, settings());
    const held = transition(first.state, [], T0 + HOUR, settings({ isHeld: () => true }));
    expect(summary(held, "hook")).toEqual([]);
    expect(summary(held, "pager")).toEqual([]);
    expect(held.state.active[a.fingerprint]?.startsAt).toBe(T0);
    // Alertmanager still hears it each cycle, or it would time out there.
    expect(summary(held, "am")).toEqual(["firing:repeat:c1:critical"]);
  });

  it("re-sends every firing alert to a resendsFiring sink each cycle", () => {
    const first = transition(EMPTY_ALERT_STATE, [alert("c1"), alert("c2")], T0, settings());
    expect(summary(first, "am")).toEqual(["firing:new:c1:warning", "firing:new:c2:warning"]);
    const next = transition(first.state, [alert("c1"), alert("c2")], T0 + 60_000, settings());
    expect(summary(next, "am")).toEqual(["firing:repeat:c1:warning", "firing:repeat:c2:warning"]);
  });

  it("survives a JSON round trip (the state file) without re-announcing anything", () => {
    const first = transition(EMPTY_ALERT_STATE, [alert("c1")], T0, settings());
    const restored = JSON.parse(JSON.stringify(first.state)) as AlertState;
    const again = transition(restored, [alert("c1")], T0 + 60_000, settings());
    expect(summary(again, "hook")).toEqual([]);
  });
});

describe("status clocks (ZoneStatusClocks)", () => {
  it("keeps the since-time while a status holds, restarts it on change, forgets vanished records", () => {
    const statuses: AlertState["statuses"] = {};
    const clocks = new ZoneStatusClocks(statuses);
    clocks.track("z", [{ key: "z\u0000r1", status: "pending_deployment" }, { key: "z\u0000r2", status: "pending_validation" }], T0);
    clocks.track("z", [{ key: "z\u0000r1", status: "pending_deployment" }, { key: "z\u0000r2", status: "initializing" }], T0 + HOUR);
    expect(statuses).toEqual({ "z\u0000r1": { status: "pending_deployment", since: T0 }, "z\u0000r2": { status: "initializing", since: T0 + HOUR } });
    clocks.track("z", [{ key: "z\u0000r1", status: null }], T0 + 2 * HOUR);
    expect(statuses).toEqual({});
  });
});
