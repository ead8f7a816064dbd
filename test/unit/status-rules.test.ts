// CertificateNotActive for a custom hostname whose own status never finishes, pending_expiration
// at once, and an AOP zone switch that could not be read.
import { describe, expect, it } from "vitest";
import type { Alert } from "../../src/alerts/alert.js";
import { clockedStatusEntries, hostnameStatusKey, type AlertState } from "../../src/alerts/alert-state.js";
import { ZoneStatusClocks } from "../../src/alerts/zone-scope.js";
import { evaluateAlerts, type RuleInputs } from "../../src/alerts/rules.js";
import { recordKey, type CertificateRecord } from "../../src/model/index.js";
import { DAY, NOW, health, record } from "../helpers/records.js";

const HOUR = 3_600_000;

function evaluate(records: CertificateRecord[], overrides: Partial<RuleInputs> = {}): Alert[] {
  return evaluateAlerts({
    records,
    health: [health({ source: "custom_hostname" }), health({ source: "certificate_pack" }), health({ source: "aop_zone_cert" })],
    thresholdsFor: () => ({ warning_days: 30, critical_days: 7 }),
    statusSince: () => NOW,
    settings: { pendingGraceMs: HOUR, sourceDownAfterMs: 30 * 60_000, runbookUrl: "https://docs.test/alerts.md" },
    now: NOW,
    ...overrides,
  });
}

const names = (alerts: Alert[]) => alerts.map((a) => `${a.labels.alertname}/${a.labels.severity}`).sort();

const customHostname = (hostnameStatus: string, sslStatus = "active") =>
  record({ source: "custom_hostname", certId: "ch-1", hostname: "shop.customer.test", status: sslStatus, attributes: { hostname_status: hostnameStatus } });

describe("custom hostname status", () => {
  it.each(["pending", "pending_deletion", "pending_migration", "pending_provisioned", "test_pending"])(
    "%s past pending_grace raises CertificateNotActive even while ssl.status is active",
    (status) => {
      const stuck = evaluate([customHostname(status)], { hostnameStatusSince: () => NOW - 2 * HOUR });
      expect(names(stuck)).toEqual(["CertificateNotActive/warning"]);
      expect(stuck[0]?.annotations.summary).toContain(`hostname status "${status}"`);
      expect(evaluate([customHostname(status)], { hostnameStatusSince: () => NOW - 30 * 60_000 })).toEqual([]);
    },
  );

  it("does not raise for a hostname that is active, or in a state not waiting on verification", () => {
    for (const status of ["active", "active_redeploying", "provisioned", "test_active"]) {
      expect(evaluate([customHostname(status)], { hostnameStatusSince: () => NOW - 5 * HOUR })).toEqual([]);
    }
  });

  it("without a hostname clock (certwatch check), never calls a hostname stuck", () => {
    expect(evaluate([customHostname("pending")])).toEqual([]);
  });

  it("keeps a failed hostname status critical, ahead of the pending rule", () => {
    expect(names(evaluate([customHostname("pending_blocked")], { hostnameStatusSince: () => NOW - 5 * HOUR }))).toEqual(["CertificateNotActive/critical"]);
  });

  it("tracks the hostname status's own since-time beside the certificate status's", () => {
    const r = customHostname("pending", "pending_validation");
    const key = recordKey(r);
    const statuses: AlertState["statuses"] = {};
    const clocks = new ZoneStatusClocks(statuses);
    clocks.track(r.zoneId, clockedStatusEntries([r]), NOW - 3 * HOUR);
    clocks.track(r.zoneId, clockedStatusEntries([{ ...r, status: "pending_deployment" }]), NOW);
    expect(statuses[key]).toEqual({ status: "pending_deployment", since: NOW });
    expect(statuses[hostnameStatusKey(key)]).toEqual({ status: "pending", since: NOW - 3 * HOUR });
    expect(clockedStatusEntries([record()])).toEqual([]);
  });
});

describe("pending_expiration", () => {
  it("warns at once, without waiting for pending_grace", () => {
    const pack = record({ source: "certificate_pack", certId: "pc-1", status: "pending_expiration", pem: null, parsed: null, apiExpiresOn: NOW + 60 * DAY });
    const alerts = evaluate([pack], { statusSince: () => NOW });
    expect(names(alerts)).toEqual(["CertificateNotActive/warning"]);
    expect(alerts[0]?.annotations.description).toContain("pending_expiration");
  });
});

describe("aop_zone_cert with an unreadable zone switch", () => {
  const zoneCert = (enabled: boolean | null) =>
    record({ source: "aop_zone_cert", certId: "zc-1", notAfter: NOW + 3 * DAY, attributes: { zone_aop_enabled: enabled } });

  it("keeps the full severity while the switch is unknown (it may be in use)", () => {
    expect(names(evaluate([zoneCert(null)]))).toEqual(["CertificateExpiringSoon/critical"]);
    expect(names(evaluate([zoneCert(true)]))).toEqual(["CertificateExpiringSoon/critical"]);
    expect(names(evaluate([zoneCert(false)]))).toEqual(["CertificateExpiringSoon/warning"]);
  });
});
