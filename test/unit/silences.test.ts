import { describe, expect, it } from "vitest";
import { withLabels, withZoneLabels } from "../../src/alerts/alert-labels.js";
import { alertFingerprint, type Alert } from "../../src/alerts/alert.js";
import { EMPTY_ALERT_STATE, transition, type SinkRoute, type TransitionSettings } from "../../src/alerts/alert-state.js";
import { SilenceBook } from "../../src/alerts/silence-book.js";
import { globMatches, markSilenced, silenceFor } from "../../src/alerts/silences.js";
import type { SilenceConfig } from "../../src/config/schema.js";
import { createSinkRenderer } from "../../src/sinks/index.js";
import { context, group, notification, only } from "./sinks-fixtures.js";

const T0 = Date.parse("2026-11-23T12:00:00Z");
const HOUR = 3_600_000;
const ZONE_ID = "z".repeat(32);

function alert(certId: string, extra: Partial<Alert> = {}, hostname = ""): Alert {
  const labels = { alertname: "CertificateExpiringSoon" as const, severity: "warning" as const, zone: "shop.test", zone_id: ZONE_ID, source: "aop_hostname_cert", cert_id: certId, hostname };
  return { fingerprint: alertFingerprint(labels), labels, annotations: { summary: certId, description: "", expires_at: "", runbook_url: "", runbook: "" }, ...extra };
}

function silence(matchers: Record<string, string>, untilMs = T0 + HOUR, comment = "CHG-1"): SilenceConfig {
  return { matchers, until: { text: new Date(untilMs).toISOString(), ms: untilMs }, comment };
}

describe("globs", () => {
  it.each([
    ["*.shop.test", "api.shop.test", true],
    ["*.shop.test", "shop.test", false],
    ["api-?", "api-1", true],
    ["api-?", "api-10", false],
    ["Cert*", "CertificateExpired", true],
    ["cert*", "CertificateExpired", false],
    ["a.b", "axb", false],
    ["(x)+[y]", "(x)+[y]", true],
    ["", "", true],
    ["*", "", true],
  ])("%s against %s: %s", (glob, value, matches) => {
    expect(globMatches(glob, value)).toBe(matches);
  });
});

describe("silenceFor, a pure function of alert, silences and now", () => {
  it("needs every matcher to match, and reads a label the alert lacks as empty", () => {
    const a = alert("c1", {}, "api.shop.test");
    expect(silenceFor(a, [silence({ zone: "shop.test", hostname: "api.*" })], T0)).toBeDefined();
    expect(silenceFor(a, [silence({ zone: "shop.test", hostname: "www.*" })], T0)).toBeUndefined();
    expect(silenceFor(a, [silence({ team: "" })], T0)).toBeDefined();
    expect(silenceFor(a, [silence({ team: "*x" })], T0)).toBeUndefined();
  });

  it("matches subject_cn from the certificate and configured labels from the alert", () => {
    const a = withLabels([alert("c1", { subjectCn: "*.shop.test" })], { team: "payments" })[0]!;
    expect(silenceFor(a, [silence({ subject_cn: "\\*.shop.test" })], T0)).toBeUndefined();
    expect(silenceFor(a, [silence({ subject_cn: "*.shop.test", team: "pay*" })], T0)?.comment).toBe("CHG-1");
  });

  it("holds until `until` and not at it", () => {
    const s = [silence({ cert_id: "c1" }, T0 + 1000)];
    expect(silenceFor(alert("c1"), s, T0 + 999)).toBeDefined();
    expect(silenceFor(alert("c1"), s, T0 + 1000)).toBeUndefined();
  });

  it("marks and unmarks an alert", () => {
    const marked = markSilenced(alert("c1"), [silence({ cert_id: "c1" })], T0);
    expect(marked.silenced).toEqual({ until: new Date(T0 + HOUR).toISOString(), comment: "CHG-1" });
    expect(markSilenced(marked, [], T0).silenced).toBeUndefined();
  });
});

describe("labels on alerts", () => {
  it("adds a zone's labels after certwatch's own and keeps the fingerprint", () => {
    const [labelled] = withLabels([alert("c1")], { env: "prod", team: "payments" });
    expect(labelled!.labels).toEqual({ ...alert("c1").labels, env: "prod", team: "payments" });
    expect(Object.keys(labelled!.labels).slice(-2)).toEqual(["env", "team"]);
    expect(labelled!.fingerprint).toBe(alert("c1").fingerprint);
  });

  it("gives an alert of no watched zone the global labels", () => {
    const accountWide = { ...alert("x"), labels: { ...alert("x").labels, zone_id: "" } };
    const labelled = withZoneLabels([alert("c1"), accountWide], [{ id: ZONE_ID, labels: { env: "prod", team: "payments" } }], { env: "prod" });
    expect(labelled.map((a) => a.labels.team ?? "-")).toEqual(["payments", "-"]);
    expect(labelled.map((a) => a.labels.env)).toEqual(["prod", "prod"]);
  });
});

const hook: SinkRoute = { name: "hook", minSeverity: "warning", resendsFiring: false };
const am: SinkRoute = { name: "am", minSeverity: "warning", resendsFiring: true };

function settings(silences: SilenceConfig[], now: number, overrides: Partial<TransitionSettings> = {}): TransitionSettings {
  return { repeatIntervalMs: 4 * HOUR, sendResolved: true, sinks: [hook, am], isHeld: () => false, isSilenced: (a) => silenceFor(a, silences, now) !== undefined, ...overrides };
}

const sent = (result: ReturnType<typeof transition>) => [...result.deliveries.values()].flat().map((n) => `${n.status}:${n.reason}:${n.alert.labels.cert_id}`);

describe("transitions of silenced alerts", () => {
  const muted = [silence({ cert_id: "c1" }, T0 + HOUR)];

  it("sends nothing for a silenced alert but keeps it firing, and sends it as new once the silence ends", () => {
    const first = transition(EMPTY_ALERT_STATE, [alert("c1"), alert("c2")], T0, settings(muted, T0));
    expect(sent(first)).toEqual(["firing:new:c2", "firing:new:c2"]);
    expect(first.state.active[alert("c1").fingerprint]).toMatchObject({ startsAt: T0, sinks: [] });
    const still = transition(first.state, [alert("c1"), alert("c2")], T0 + HOUR - 1, settings(muted, T0 + HOUR - 1));
    expect(sent(still)).toEqual(["firing:repeat:c2"]);
    const after = transition(still.state, [alert("c1"), alert("c2")], T0 + HOUR, settings(muted, T0 + HOUR));
    expect(sent(after).filter((s) => s.endsWith("c1"))).toEqual(["firing:new:c1", "firing:new:c1"]);
    expect(after.state.active[alert("c1").fingerprint]?.startsAt).toBe(T0);
  });

  it("sends no resolve when a silence starts over a firing alert, nor the Alertmanager re-send", () => {
    const firing = transition(EMPTY_ALERT_STATE, [alert("c1")], T0 - 1, settings([], T0 - 1));
    expect(sent(firing)).toEqual(["firing:new:c1", "firing:new:c1"]);
    const silenced = transition(firing.state, [alert("c1")], T0, settings(muted, T0));
    expect(sent(silenced)).toEqual([]);
    const held = transition(silenced.state, [], T0 + 1, settings(muted, T0 + 1, { isHeld: () => true }));
    expect(sent(held)).toEqual([]);
  });

  it("tells the sinks that heard of an alert when it resolves, silenced or not", () => {
    const firing = transition(EMPTY_ALERT_STATE, [alert("c1")], T0 - 1, settings([], T0 - 1));
    const silenced = transition(firing.state, [alert("c1")], T0, settings(muted, T0));
    const resolved = transition(silenced.state, [], T0 + 1, settings(muted, T0 + 1));
    expect(sent(resolved)).toEqual(["resolved:resolved:c1", "resolved:resolved:c1"]);
  });

  it("sends nothing when an alert that was never sent resolves under its silence", () => {
    const silenced = transition(EMPTY_ALERT_STATE, [alert("c1")], T0, settings(muted, T0));
    expect(sent(transition(silenced.state, [], T0 + 1, settings(muted, T0 + 1)))).toEqual([]);
  });
});

describe("SilenceBook", () => {
  it("logs an expired silence once at load, and one that expires later once when it does", () => {
    const lines: string[] = [];
    const logger = { info: (fields: object, msg: string) => void lines.push(`${msg} ${JSON.stringify(fields)}`) } as unknown as ConstructorParameters<typeof SilenceBook>[0];
    const past = silence({ cert_id: "old" }, T0 - 1, "old one");
    const soon = silence({ cert_id: "c1" }, T0 + 1000, "soon");
    const book = new SilenceBook(logger, [past, soon], T0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"comment":"old one"');
    expect(book.mark([alert("c1")], T0)[0]!.silenced?.comment).toBe("soon");
    book.mark([alert("c1")], T0 + 500);
    expect(lines).toHaveLength(1);
    expect(book.mark([alert("c1")], T0 + 1000)[0]!.silenced).toBeUndefined();
    book.mark([alert("c1")], T0 + 2000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"comment":"soon"');
    book.replace([past, soon], T0 + 3000);
    expect(lines).toHaveLength(4);
  });
});

describe("configured labels in the sinks", () => {
  it("reach Alertmanager and the webhook as labels, as they are", () => {
    const base = notification();
    const labelled = { ...base, alert: withLabels([base.alert], { env: "prod", team: "payments" })[0]! };
    const am = only<Array<{ labels: Record<string, string> }>>(createSinkRenderer({ type: "alertmanager", name: "am", min_severity: "warning", url: "http://am:9093" }).render(group([labelled], "am"), context));
    expect(am[0]!.labels).toMatchObject({ alertname: base.alert.labels.alertname, env: "prod", team: "payments" });
    const hook = only<{ alerts: Array<{ labels: Record<string, string> }> }>(
      createSinkRenderer({ type: "webhook", name: "ops", min_severity: "warning", url: "http://hook.test/", secret: null, headers: {} }).render(group([labelled]), context),
    );
    expect(hook.alerts[0]!.labels).toMatchObject({ env: "prod", team: "payments" });
  });
});

describe("silencing an account's alerts", () => {
  it("matches `account` on an account's alert, and never on a zone's", () => {
    const zoneAlert = alert("gw-1");
    const base = alert("gw-1");
    const accountLabels = { ...base.labels, zone: "", zone_id: "", account: "Example Inc.", account_id: "a".repeat(32), source: "gateway_certificate" };
    const accountAlert: Alert = { ...base, labels: accountLabels, fingerprint: alertFingerprint(accountLabels) };
    const byAccount = [silence({ account: "Example*" })];
    expect(silenceFor(accountAlert, byAccount, T0)?.comment).toBe("CHG-1");
    expect(silenceFor(zoneAlert, byAccount, T0)).toBeUndefined();
    // An empty zone matcher is how a silence says "no zone": it matches the account's alert only.
    expect(silenceFor(accountAlert, [silence({ zone: "" })], T0)?.comment).toBe("CHG-1");
  });
});
