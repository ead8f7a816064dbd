import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Alert } from "../../src/alerts/alert.js";
import { type Scenario } from "../../dev/simulator/scenario.js";
import { DEMO_CERT_IDS, DEMO_CUSTOM_HOSTNAMES, DEMO_ZONE_IDS, demoScenario } from "../../dev/simulator/demo-scenario.js";
import { bulkCustomHostnames } from "../../src/stores/custom-hostname/scenario.sim.js";
import { findZone } from "../../dev/simulator/state.js";
import { select, valueOf, type Sample } from "../helpers/exposition.js";
import { startHarness, type Harness } from "../helpers/harness.js";

const COM = { zone: "example.com", zone_id: DEMO_ZONE_IDS.exampleCom };
const NET = { zone: "example.net", zone_id: DEMO_ZONE_IDS.exampleNet };
const IDS = DEMO_CERT_IDS.exampleCom;

const alertKeys = (alerts: Alert[], source: string) =>
  alerts
    .filter((a) => a.labels.source === source)
    .map((a) => `${a.labels.alertname}/${a.labels.severity}/${a.labels.cert_id}`)
    .sort();

describe("every certificate store of the demo scenario", () => {
  let h: Harness;
  let samples: Sample[];
  let alerts: Alert[];

  beforeAll(async () => {
    h = await startHarness(demoScenario(), [
      { id: DEMO_ZONE_IDS.exampleCom, name: "example.com", hostnames: [] },
      { id: DEMO_ZONE_IDS.exampleNet, name: "example.net", hostnames: [] },
    ]);
    await h.daemon.firstCycle;
    samples = await h.metrics();
    alerts = h.daemon.alerts.firing();
  });
  afterAll(async () => h.close());

  it("aop_zone_cert: reads the certificates and the zone switch; a disabled zone's expiry only warns", () => {
    expect(valueOf(samples, "certwatch_aop_zone_enabled", COM)).toBe(0);
    expect(select(samples, "certwatch_cert_not_after_timestamp_seconds", { ...COM, source: "aop_zone_cert" })).toHaveLength(2);
    expect(alertKeys(alerts, "aop_zone_cert")).toEqual([`CertificateExpiringSoon/warning/${IDS.zoneAopCertificates.expiringSoon}`]);
  });

  it("aop_zone_cert: asks for the zone switch only where the zone has a zone-level certificate", () => {
    const settings = "/zones/:zone_id/origin_tls_client_auth/settings";
    expect(h.simulator.requestCount(settings, DEMO_ZONE_IDS.exampleCom)).toBe(1);
    expect(h.simulator.requestCount(settings, DEMO_ZONE_IDS.exampleNet)).toBe(0);
    expect(h.simulator.requestCount("/zones/:zone_id/origin_tls_client_auth", DEMO_ZONE_IDS.exampleNet)).toBe(1);
    // Nothing presented, nothing to say about the switch: no series rather than a guess.
    expect(select(samples, "certwatch_aop_zone_enabled", { zone_id: DEMO_ZONE_IDS.exampleNet })).toHaveLength(0);
  });

  it("custom_hostname: PEM date for uploaded certificates, API date (from_pem=false) for managed ones", () => {
    const uploaded = select(samples, "certwatch_cert_expiry_timestamp_seconds", { source: "custom_hostname", cert_id: IDS.customHostnames.customUploadedExpiring });
    expect(uploaded.map((s) => s.labels.from_pem)).toEqual(["true"]);
    expect(select(samples, "certwatch_cert_not_after_timestamp_seconds", { cert_id: IDS.customHostnames.customUploadedExpiring })).toHaveLength(1);
    const managed = select(samples, "certwatch_cert_expiry_timestamp_seconds", { source: "custom_hostname", cert_id: IDS.customHostnames.managedActive });
    expect(managed.map((s) => s.labels.from_pem)).toEqual(["false"]);
    // Never a fake PEM date for a certificate that has no PEM.
    expect(select(samples, "certwatch_cert_not_after_timestamp_seconds", { cert_id: IDS.customHostnames.managedActive })).toHaveLength(0);
    // The earliest of the managed certificates (the RSA one, listed second) is the one that counts.
    expect((managed[0]!.value - Date.now() / 1000) / 86400).toBeCloseTo(60, 0);
  });

  it("custom_hostname: keeps every status as Cloudflare says it, unknown ones included, and counts them", () => {
    expect(valueOf(samples, "certwatch_cert_status", { source: "custom_hostname", cert_id: IDS.customHostnames.backupIssued, status: "backup_issued" })).toBe(1);
    expect(valueOf(samples, "certwatch_custom_hostnames", { ...COM, status: "moved", ssl_status: "active" })).toBe(1);
    const total = select(samples, "certwatch_custom_hostnames", COM).reduce((n, s) => n + s.value, 0);
    expect(total).toBe(6);
  });

  it("custom_hostname: alerts for timed-out validation, pending validation near expiry, a moved hostname, an uploaded certificate expiring", () => {
    const ch = IDS.customHostnames;
    expect(alertKeys(alerts, "custom_hostname")).toEqual(
      [
        `CertificateNotActive/critical/${ch.validationTimedOut}`,
        `CertificateExpiringSoon/warning/${ch.validationTimedOut}`,
        `CertificateNotActive/warning/${ch.pendingValidationExpiring}`,
        `CertificateExpiringSoon/warning/${ch.pendingValidationExpiring}`,
        `CertificateExpiringSoon/critical/${ch.customUploadedExpiring}`,
        `CertificateNotActive/critical/${ch.moved}`,
      ].sort(),
    );
    const pending = alerts.find((a) => a.labels.cert_id === ch.pendingValidationExpiring && a.labels.alertname === "CertificateNotActive")!;
    expect(pending.labels.hostname).toBe(DEMO_CUSTOM_HOSTNAMES.pendingValidationExpiring);
    expect(pending.annotations.description).toMatch(/Certificate validation errors: .+\./);
  });

  it("custom_certificate: API dates, its expired and expiring objects alert", () => {
    expect(select(samples, "certwatch_cert_expiry_timestamp_seconds", { source: "custom_certificate", from_pem: "false" })).toHaveLength(2);
    expect(alertKeys(alerts, "custom_certificate")).toEqual(
      [
        `CertificateExpired/critical/${IDS.customCertificates.expired}`,
        `CertificateNotActive/critical/${IDS.customCertificates.expired}`,
        `CertificateExpiringSoon/warning/${IDS.customCertificates.expiringWarning}`,
      ].sort(),
    );
  });

  it("certificate_pack: one record per certificate with the pack's status; an empty pack still alerts", () => {
    const packCerts = select(samples, "certwatch_cert_status", { source: "certificate_pack" });
    expect(packCerts.map((s) => `${s.labels.cert_id}/${s.labels.status}`).sort()).toEqual(
      [
        `${IDS.packCertificates.advancedActiveEcdsa}/active`,
        `${IDS.packCertificates.advancedActiveRsa}/active`,
        `${IDS.certificatePacks.pendingValidation}/pending_validation`,
      ].sort(),
    );
    // pending_validation with no certificate yet: transitional, so only after the pending grace.
    expect(alertKeys(alerts, "certificate_pack")).toEqual([]);
  });

  it("client_certificate: reads every status (status=all); the certificate 5 days out is critical, the revoked expired one is quiet", () => {
    const CC = IDS.clientCertificates;
    expect(select(samples, "certwatch_cert_expiry_timestamp_seconds", { ...COM, source: "client_certificate" })).toHaveLength(4);
    expect(valueOf(samples, "certwatch_cert_status", { ...COM, source: "client_certificate", cert_id: CC.revokedExpired, status: "revoked" })).toBe(1);
    expect(valueOf(samples, "certwatch_cert_status", { ...COM, source: "client_certificate", cert_id: CC.pendingRevocation, status: "pending_revocation" })).toBe(1);
    // pending_revocation is transitional: it warns only once it has lasted alerts.pending_grace.
    expect(alertKeys(alerts, "client_certificate")).toEqual([`CertificateExpiringSoon/critical/${CC.expiringCritical}`]);
    expect(h.simulator.requests.filter((r) => r.template === "/zones/:zone_id/client_certificates").every((r) => r.query.status === "all")).toBe(true);
  });

  it("origin_ca_certificate: PEM dates; the one expiring in 10 days warns, the healthy one is quiet", () => {
    expect(select(samples, "certwatch_cert_expiry_timestamp_seconds", { ...COM, source: "origin_ca_certificate", from_pem: "true" })).toHaveLength(2);
    expect(alertKeys(alerts, "origin_ca_certificate")).toEqual([`CertificateExpiringSoon/warning/${IDS.originCaCertificates.expiringSoon}`]);
  });

  it("marks a product the zone lacks (403 while its other sources work) unavailable, without an outage", () => {
    expect(valueOf(samples, "certwatch_source_up", { ...NET, source: "custom_hostname" })).toBe(0);
    expect(valueOf(samples, "certwatch_source_unavailable", { ...NET, source: "custom_hostname" })).toBe(1);
    expect(valueOf(samples, "certwatch_source_errors_total", { ...NET, source: "custom_hostname", reason: "forbidden" })).toBe(1);
    expect(select(samples, "certwatch_source_up").filter((s) => s.value === 0)).toHaveLength(1);
    const warnings = h.logs.entries().filter((e) => typeof e.msg === "string" && e.msg.startsWith("source answers 403 for this zone while others work"));
    expect(warnings).toHaveLength(1);
  });

  it("asks an unavailable source again at most hourly", async () => {
    const before = h.simulator.requestCount("/zones/:zone_id/custom_hostnames", DEMO_ZONE_IDS.exampleNet);
    await h.daemon.pollNow();
    expect(h.simulator.requestCount("/zones/:zone_id/custom_hostnames", DEMO_ZONE_IDS.exampleNet)).toBe(before);
    expect(h.simulator.requestCount("/zones/:zone_id/custom_hostnames", DEMO_ZONE_IDS.exampleCom)).toBe(2);
  });
});

describe("request budget of one cycle", () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it("spends exactly one request per list page: 3 zones × (120 hostnames, 2 packs, 1 custom certificate, 1 client certificate, no Origin CA certificate)", async () => {
    const zoneIds = ["1".repeat(32), "2".repeat(32), "3".repeat(32)];
    const scenario: Scenario = {
      zones: zoneIds.map((id, i) => ({
        id,
        name: `saas${i}.test`,
        customHostnames: bulkCustomHostnames(120, { domain: `saas${i}.test` }),
        certificatePacks: [
          { hosts: [`saas${i}.test`], certificates: [{ daysLeft: 50 }, { daysLeft: 50 }] },
          { hosts: [`*.saas${i}.test`], certificates: [{ daysLeft: 70 }] },
        ],
        customCertificates: [{ hosts: [`legacy.saas${i}.test`], daysLeft: 100 }],
        clientCertificates: [{ cn: `device.saas${i}.test`, daysLeft: 100 }],
      })),
    };
    h = await startHarness(scenario, zoneIds.map((id, i) => ({ id, name: `saas${i}.test`, hostnames: [] })));
    await h.daemon.firstCycle;
    const count = (template: string) => h!.simulator.requestCount(template);
    expect({
      trust_store: count("/zones/:zone_id/acm/custom_trust_store"),
      aop_hostname_cert: count("/zones/:zone_id/origin_tls_client_auth/hostnames/certificates"),
      aop_hostname: count("/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname"),
      aop_zone_cert: count("/zones/:zone_id/origin_tls_client_auth") + count("/zones/:zone_id/origin_tls_client_auth/settings"),
      custom_hostname: count("/zones/:zone_id/custom_hostnames"),
      custom_certificate: count("/zones/:zone_id/custom_certificates"),
      certificate_pack: count("/zones/:zone_id/ssl/certificate_packs"),
      client_certificate: count("/zones/:zone_id/client_certificates"),
      // An empty list is still one page, so every zone costs one Origin CA request.
      origin_ca_certificate: count("/certificates"),
      // No zone-level AOP certificate: the zone's AOP switch is not asked for (it only matters for what it presents).
    }).toEqual({ trust_store: 3, aop_hostname_cert: 3, aop_hostname: 0, aop_zone_cert: 3, custom_hostname: 9, custom_certificate: 3, certificate_pack: 3, client_certificate: 3, origin_ca_certificate: 3 });
    expect(h.simulator.requestCount("/zones/:zone_id/origin_tls_client_auth/settings")).toBe(0);
    // Plus certwatch's own token, verified once an hour per credential.
    expect(h.simulator.requestCount("/user/tokens/verify")).toBe(1);
    // 3 zones × (1 + 1 + 1 + 3 + 1 + 1 + 1 + 1) lists + the token.
    expect(h.simulator.requests).toHaveLength(31);
    expect(h.simulator.requests.filter((r) => r.template === "/zones/:zone_id/ssl/certificate_packs").every((r) => r.query.status === "all")).toBe(true);
    const samples = await h.metrics();
    expect(select(samples, "certwatch_cert_expiry_timestamp_seconds", { source: "custom_hostname" })).toHaveLength(360);
    expect(select(samples, "certwatch_cert_status", { source: "certificate_pack" })).toHaveLength(9);
  });

  it("in summary mode exports hostname counts only, and still alerts per hostname", async () => {
    const id = "4".repeat(32);
    const scenario: Scenario = {
      zones: [{ id, name: "big.test", customHostnames: bulkCustomHostnames(60, { domain: "big.test", customize: (i) => (i === 7 ? { daysLeft: 2 } : i === 8 ? { sslStatus: "issuance_timed_out" } : {}) }) }],
    };
    h = await startHarness(scenario, [{ id, name: "big.test", hostnames: [], custom_hostnames: { mode: "summary" } }]);
    await h.daemon.firstCycle;
    const samples = await h.metrics();
    expect(select(samples, "certwatch_cert_status", { source: "custom_hostname" })).toHaveLength(0);
    expect(select(samples, "certwatch_cert_expiry_timestamp_seconds", { source: "custom_hostname" })).toHaveLength(0);
    expect(valueOf(samples, "certwatch_custom_hostnames", { zone_id: id, status: "active", ssl_status: "active" })).toBe(59);
    expect(valueOf(samples, "certwatch_custom_hostnames", { zone_id: id, status: "active", ssl_status: "issuance_timed_out" })).toBe(1);
    expect(h.daemon.alerts.firing().map((a) => `${a.labels.alertname}/${a.labels.severity}/${a.labels.hostname}`).sort()).toEqual([
      // The bulk helper gives host 1 exactly 30 days at build time: just under warning_days when evaluated.
      "CertificateExpiringSoon/critical/host-0008.big.test",
      "CertificateExpiringSoon/warning/host-0001.big.test",
      "CertificateNotActive/critical/host-0009.big.test",
    ]);
  });
});

describe("zone discovery", () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it("watches zones as they appear, and drops one (resolving its alerts) only after two cycles missing", async () => {
    h = await startHarness(demoScenario(), [{ id: DEMO_ZONE_IDS.exampleCom, name: "example.com", hostnames: [], sources: ["trust_store"] }], {
      discover: { enabled: true },
    });
    await h.daemon.firstCycle;
    const org = { zone: "example.org", zone_id: DEMO_ZONE_IDS.exampleOrg };
    let samples = await h.metrics();
    expect(valueOf(samples, "certwatch_discovered_zones")).toBe(2);
    expect(valueOf(samples, "certwatch_zone_discovery_up")).toBe(1);
    // Configured settings win: example.com polls only its trust store.
    expect(select(samples, "certwatch_source_up", COM).map((s) => s.labels.source)).toEqual(["trust_store"]);
    expect(select(samples, "certwatch_cert_status", { ...org, source: "certificate_pack" })).toHaveLength(1);
    expect(h.daemon.alerts.firing().some((a) => a.labels.zone_id === DEMO_ZONE_IDS.exampleOrg && a.labels.alertname === "CertificateExpiringSoon")).toBe(true);

    const state = h.simulator.state;
    state.zones = state.zones.filter((z) => z.id !== DEMO_ZONE_IDS.exampleOrg);
    await h.daemon.pollNow();
    samples = await h.metrics();
    expect(select(samples, "certwatch_cert_status", org)).toHaveLength(1);
    expect(h.daemon.alerts.firing().some((a) => a.labels.zone_id === DEMO_ZONE_IDS.exampleOrg)).toBe(true);

    await h.daemon.pollNow();
    samples = await h.metrics();
    expect(select(samples, "certwatch_cert_status", org)).toHaveLength(0);
    expect(select(samples, "certwatch_source_up", org)).toHaveLength(0);
    expect(h.daemon.alerts.firing().some((a) => a.labels.zone_id === DEMO_ZONE_IDS.exampleOrg)).toBe(false);
    expect(valueOf(samples, "certwatch_discovered_zones")).toBe(1);
    expect(h.simulator.requestCount("/zones")).toBe(3);
    expect(findZone(state, DEMO_ZONE_IDS.exampleOrg)).toBeUndefined();
  });
});
