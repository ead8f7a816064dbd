import { describe, expect, it } from "vitest";
import { alertFingerprint, type Alert } from "../../src/alerts/alert.js";
import { evaluateAlerts, type RuleInputs } from "../../src/alerts/rules.js";
import type { CertificateRecord } from "../../src/model/index.js";
import { DAY, NOW, health, record } from "../helpers/records.js";

const HOUR = 3_600_000;

function evaluate(records: CertificateRecord[], overrides: Partial<RuleInputs> = {}): Alert[] {
  return evaluateAlerts({
    records,
    health: [health(), health({ source: "trust_store" }), health({ source: "aop_hostname" })],
    thresholdsFor: () => ({ warning_days: 30, critical_days: 7 }),
    statusSince: () => NOW,
    settings: { pendingGraceMs: HOUR, sourceDownAfterMs: 30 * 60_000, runbookUrl: "https://docs.test/alerts.md" },
    now: NOW,
    ...overrides,
  });
}

const names = (alerts: Alert[]) => alerts.map((a) => `${a.labels.alertname}/${a.labels.severity}`).sort();

describe("expiry rules", () => {
  it.each([
    [100, []],
    [30, []],
    [29.5, ["CertificateExpiringSoon/warning"]],
    [7, ["CertificateExpiringSoon/warning"]],
    [6.9, ["CertificateExpiringSoon/critical"]],
    [0.01, ["CertificateExpiringSoon/critical"]],
    [0, ["CertificateExpired/critical"]],
    [-5, ["CertificateExpired/critical"]],
  ])("a leaf with %d days left fires %j, never overlapping bands", (days, expected) => {
    expect(names(evaluate([record({ notAfter: NOW + days * DAY })]))).toEqual(expected);
  });

  it("uses a zone's own thresholds", () => {
    const alerts = evaluate([record({ notAfter: NOW + 10 * DAY })], { thresholdsFor: () => ({ warning_days: 14, critical_days: 11 }) });
    expect(names(alerts)).toEqual(["CertificateExpiringSoon/critical"]);
  });

  it("carries labels, dates and a runbook link", () => {
    const [alert] = evaluate([record({ notAfter: NOW + 5 * DAY, hostname: "" })]);
    expect(alert?.labels).toEqual({
      alertname: "CertificateExpiringSoon",
      severity: "critical",
      zone: "zone.test",
      zone_id: "0123456789abcdef0123456789abcdef",
      source: "aop_hostname_cert",
      cert_id: "cert-1",
      hostname: "",
    });
    expect(alert?.annotations.expires_at).toBe("2026-11-28T12:00:00.000Z");
    expect(alert?.annotations.summary).toBe("Certificate svc.zone.test (zone.test) expires in 5.0 days");
    expect(alert?.annotations.description).toContain("2026-11-28 12:00:00 UTC (in 5.0 days), according to its PEM: under 7 days left");
    expect(alert?.annotations.runbook_url).toBe("https://docs.test/alerts.md#certificateexpiringsoon");
    // Deprecated, kept one more release beside runbook_url.
    expect(alert?.annotations.runbook).toBe(alert?.annotations.runbook_url);
    expect(alert?.fingerprint).toBe(alertFingerprint(alert!.labels));
  });

  it("fires ChainCertificateExpiringSoon when an intermediate expires before the leaf and within warning_days", () => {
    const chained = record({ notAfter: NOW + 200 * DAY, chain: [{ subjectCN: "Short Intermediate", notAfter: NOW + 10 * DAY }] });
    const alerts = evaluate([chained]);
    expect(names(alerts)).toEqual(["ChainCertificateExpiringSoon/warning"]);
    expect(alerts[0]?.annotations.description).toContain("Short Intermediate");
    expect(alerts[0]?.annotations.expires_at).toBe(new Date(NOW + 10 * DAY).toISOString());
    const farChain = record({ notAfter: NOW + 200 * DAY, chain: [{ subjectCN: "I", notAfter: NOW + 60 * DAY }] });
    expect(evaluate([farChain])).toEqual([]);
  });

  it("fires CertificateExpiryMismatch beyond one day, not within", () => {
    expect(names(evaluate([record({ apiExpiresOn: NOW + 100 * DAY + 2 * DAY })]))).toEqual(["CertificateExpiryMismatch/warning"]);
    expect(evaluate([record({ apiExpiresOn: NOW + 100 * DAY + 12 * HOUR })])).toEqual([]);
    expect(evaluate([record({ apiExpiresOn: null })])).toEqual([]);
  });

  it("fires CertificateUnparsable for a PEM that does not parse, and no date alert", () => {
    const alerts = evaluate([record({ parsed: null, parseError: "no PEM CERTIFICATE block found", apiExpiresOn: NOW - DAY })]);
    expect(names(alerts)).toEqual(["CertificateUnparsable/warning"]);
    expect(alerts[0]?.annotations.description).toContain("no PEM CERTIFICATE block found");
  });
});

describe("CertificateNotActive", () => {
  it.each(["deployment_timed_out", "deletion_timed_out", "validation_timed_out", "expired"])("is critical at once for %s", (status) => {
    expect(names(evaluate([record({ status })]))).toEqual(["CertificateNotActive/critical"]);
  });

  it.each(["initializing", "pending_deployment", "pending_deletion", "some_future_status"])(
    "waits out the pending grace for %s, then warns",
    (status) => {
      expect(evaluate([record({ status })], { statusSince: () => NOW - 59 * 60_000 })).toEqual([]);
      const alerts = evaluate([record({ status })], { statusSince: () => NOW - 61 * 60_000 });
      expect(names(alerts)).toEqual(["CertificateNotActive/warning"]);
      expect(alerts[0]?.annotations.description).toContain(`"${status}"`);
    },
  );

  it("ignores deleted objects entirely, even expired ones", () => {
    expect(evaluate([record({ status: "deleted", notAfter: NOW - DAY })])).toEqual([]);
  });

  it("warns for an AOP association that is disabled or voided while its certificate is active", () => {
    const association = (enabled: boolean | null) =>
      record({ source: "aop_hostname", hostname: "app.zone.test", certId: "other", attributes: { enabled, cert_status: "active" } });
    expect(names(evaluate([association(false)]))).toEqual(["CertificateNotActive/warning"]);
    expect(names(evaluate([association(null)]))).toEqual(["CertificateNotActive/warning"]);
    expect(evaluate([association(true)])).toEqual([]);
  });

  it("warns for a configured hostname with no association", () => {
    const missing = record({ source: "aop_hostname", hostname: "gone.zone.test", certId: "", status: "not_associated", parsed: null, pem: null, apiExpiresOn: null });
    const alerts = evaluate([missing]);
    expect(names(alerts)).toEqual(["CertificateNotActive/warning"]);
    expect(alerts[0]?.labels.hostname).toBe("gone.zone.test");
  });

  it("alerts on an association's certificate once, through the certificate record", () => {
    const cert = record({ certId: "shared", notAfter: NOW + 3 * DAY });
    const association = record({ source: "aop_hostname", hostname: "app.zone.test", certId: "shared", notAfter: NOW + 3 * DAY, attributes: { enabled: true, cert_status: "active" } });
    const alerts = evaluate([cert, association]);
    expect(names(alerts)).toEqual(["CertificateExpiringSoon/critical"]);
    expect(alerts[0]?.labels.source).toBe("aop_hostname_cert");
    expect(alerts[0]?.annotations.description).toContain("used by app.zone.test");
  });
});

describe("TrustStoreNoValidCA", () => {
  const ca = (overrides: Parameters<typeof record>[0]) => record({ source: "trust_store", ...overrides });

  it("fires when no CA is both active and valid, even if the API says active", () => {
    const alerts = evaluate([ca({ certId: "a", notAfter: NOW - DAY }), ca({ certId: "b", status: "pending_deployment" })]);
    expect(names(alerts)).toContain("TrustStoreNoValidCA/critical");
    const trust = alerts.find((a) => a.labels.alertname === "TrustStoreNoValidCA")!;
    expect(trust.labels).toMatchObject({ source: "trust_store", cert_id: "", hostname: "" });
  });

  it("does not fire with one valid CA, or for an empty store", () => {
    expect(names(evaluate([ca({ certId: "a" }), ca({ certId: "b", notAfter: NOW - DAY })]))).toEqual(["CertificateExpired/critical"]);
    expect(evaluate([])).toEqual([]);
  });
});

describe("SourceDown", () => {
  it("fires once the source has not succeeded for source_down_after", () => {
    const down = (lastSuccessAt: number) => [health({ up: false, lastSuccessAt, failingSince: lastSuccessAt + 1, lastError: { reason: "http_5xx" as const, message: "HTTP 502" } })];
    expect(evaluate([], { health: down(NOW - 29 * 60_000) })).toEqual([]);
    const alerts = evaluate([], { health: down(NOW - 31 * 60_000) });
    expect(names(alerts)).toEqual(["SourceDown/warning"]);
    expect(alerts[0]?.annotations.description).toContain("http_5xx");
  });

  it("counts from the first failure when the source never succeeded", () => {
    const never = [health({ up: false, lastSuccessAt: null, failingSince: NOW - 40 * 60_000, lastError: { reason: "forbidden", message: "HTTP 403" } })];
    expect(names(evaluate([], { health: never }))).toEqual(["SourceDown/warning"]);
  });

  it("keeps a down source's last known certificates alerting", () => {
    const alerts = evaluate([record({ notAfter: NOW + 2 * DAY })], { health: [health({ up: false, lastSuccessAt: NOW - 5 * 60_000, failingSince: NOW - 60_000 })] });
    expect(names(alerts)).toEqual(["CertificateExpiringSoon/critical"]);
  });
});

describe("stores without a PEM, and store-specific rules", () => {
  it("alerts on the API's date when Cloudflare exposes no PEM, and says so", () => {
    const managed = record({ source: "custom_hostname", hostname: "shop.customer.test", parsed: null, pem: null, apiExpiresOn: NOW + 3 * DAY });
    const alerts = evaluate([managed]);
    expect(names(alerts)).toEqual(["CertificateExpiringSoon/critical"]);
    expect(alerts[0]?.annotations.description).toContain("according to the Cloudflare API (it exposes no PEM for this certificate)");
  });

  it("caps a zone-level AOP certificate's expiry alerts at warning while zone AOP is disabled", () => {
    const zoneCert = (enabled: boolean) => record({ source: "aop_zone_cert", notAfter: NOW - DAY, attributes: { zone_aop_enabled: enabled } });
    expect(names(evaluate([zoneCert(true)]))).toEqual(["CertificateExpired/critical"]);
    const disabled = evaluate([zoneCert(false)]);
    expect(names(disabled)).toEqual(["CertificateExpired/warning"]);
    expect(disabled[0]?.annotations.description).toContain("Zone-level Authenticated Origin Pulls is disabled");
  });

  it("caps a Gateway CA's expiry alerts at warning while Gateway does not use it, and says so", () => {
    const gatewayCa = (inUse: boolean | null, days: number) => record({ source: "gateway_certificate", notAfter: NOW + days * DAY, attributes: { in_use: inUse } });
    expect(names(evaluate([gatewayCa(true, 3)]))).toEqual(["CertificateExpiringSoon/critical"]);
    expect(names(evaluate([gatewayCa(null, -1)]))).toEqual(["CertificateExpired/critical"]);
    const idle = evaluate([gatewayCa(false, 3)]);
    expect(names(idle)).toEqual(["CertificateExpiringSoon/warning"]);
    expect(idle[0]?.annotations.description).toContain("Gateway TLS inspection does not use this certificate now (in_use is false).");
    expect(names(evaluate([gatewayCa(false, -1)]))).toEqual(["CertificateExpired/warning"]);
  });

  it("alerts on a custom hostname stuck in pending_validation within warning_days, with Cloudflare's errors", () => {
    const hostname = (days: number) =>
      record({
        source: "custom_hostname",
        hostname: "shop.customer.test",
        status: "pending_validation",
        parsed: null,
        pem: null,
        apiExpiresOn: NOW + days * DAY,
        attributes: { hostname_status: "active", validation_errors: "TXT record not found" },
      });
    expect(names(evaluate([hostname(60)]))).toEqual([]);
    const near = evaluate([hostname(10)]);
    expect(names(near)).toEqual(["CertificateExpiringSoon/warning", "CertificateNotActive/warning"]);
    for (const alert of near) expect(alert.annotations.description).toContain("Certificate validation errors: TXT record not found.");
  });

  it("alerts at once on a custom hostname whose own status failed", () => {
    const moved = record({ source: "custom_hostname", hostname: "gone.customer.test", attributes: { hostname_status: "moved", verification_errors: "CNAME points elsewhere" } });
    const alerts = evaluate([moved]);
    expect(names(alerts)).toEqual(["CertificateNotActive/critical"]);
    expect(alerts[0]?.annotations.description).toContain("Hostname verification errors: CNAME points elsewhere.");
  });

  it("puts a certificate pack's id in the annotations", () => {
    const cert = record({ source: "certificate_pack", parsed: null, pem: null, apiExpiresOn: NOW + 5 * DAY, attributes: { pack_id: "pack-1", hosts: "example.test, *.example.test" } });
    const [alert] = evaluate([cert]);
    expect(alert?.annotations.pack_id).toBe("pack-1");
    expect(alert?.annotations.summary).toBe("Certificate example.test, *.example.test (zone.test) expires in 5.0 days");
  });

  it("does not fire SourceDown for a source the zone lacks the product for, unless the config names it", () => {
    const unavailable = [health({ source: "custom_hostname", up: false, unavailable: true, lastSuccessAt: null, failingSince: NOW - 2 * HOUR, lastError: { reason: "forbidden", message: "HTTP 403" } })];
    expect(evaluate([], { health: unavailable })).toEqual([]);
    expect(names(evaluate([], { health: unavailable, sourceRequired: () => true }))).toEqual(["SourceDown/warning"]);
  });
});
