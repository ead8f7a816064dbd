import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CERT_IDS, DEMO_HOSTNAMES, DEMO_ZONE_IDS, demoScenario } from "../../dev/simulator/demo-scenario.js";
import { findZone } from "../../dev/simulator/state.js";
import { select, valueOf, type Sample } from "../helpers/exposition.js";
import { startHarness, TEST_TOKEN, type Harness } from "../helpers/harness.js";

const COM = { zone: "example.com", zone_id: DEMO_ZONE_IDS.exampleCom };
const NET = { zone: "example.net", zone_id: DEMO_ZONE_IDS.exampleNet };
const IDS = DEMO_CERT_IDS.exampleCom.hostnameCertificates;

// The three sources of the spine; the other stores have their own test file.
const sources = ["trust_store", "aop_hostname_cert", "aop_hostname"] as const;
const zones = [
  { id: DEMO_ZONE_IDS.exampleCom, name: "example.com", hostnames: [DEMO_HOSTNAMES.app, DEMO_HOSTNAMES.api, DEMO_HOSTNAMES.legacy, "missing.example.com"], sources: [...sources] },
  { id: DEMO_ZONE_IDS.exampleNet, name: "example.net", hostnames: [], sources: [...sources] },
];

/** notAfter of a PEM as node:crypto reads it: an independent parser to check ours against. */
function referenceNotAfter(pem: string): number {
  return Date.parse(new X509Certificate(pem).validTo) / 1000;
}

describe("the spine against the demo scenario", () => {
  let h: Harness;
  let samples: Sample[];

  beforeAll(async () => {
    h = await startHarness(demoScenario(), zones);
    await h.daemon.firstCycle;
    samples = await h.metrics();
  });
  afterAll(async () => h.close());

  it("exports each hostname certificate's leaf notAfter exactly as the PEM says", () => {
    const served = findZone(h.simulator.state, DEMO_ZONE_IDS.exampleCom)!.hostnameCertificates;
    for (const id of [IDS.valid, IDS.expiringCritical, IDS.expiringWarning, IDS.deploymentTimedOut, IDS.rsa, IDS.ed25519, IDS.expired]) {
      const item = served.find((c) => c.id === id)!;
      const labels = { ...COM, source: "aop_hostname_cert", cert_id: id };
      expect(valueOf(samples, "certwatch_cert_not_after_timestamp_seconds", labels)).toBe(referenceNotAfter(item.certificate));
      expect(valueOf(samples, "certwatch_cert_not_before_timestamp_seconds", labels)).toBe(
        Date.parse(new X509Certificate(item.certificate).validFrom) / 1000,
      );
      expect(valueOf(samples, "certwatch_cert_api_expires_on_timestamp_seconds", labels)).toBe(Date.parse(item.expires_on) / 1000);
    }
  });

  it("labels a certificate with its PEM's subject, issuer and serial on certwatch_cert_info, and its identity alone on the values", () => {
    const served = findZone(h.simulator.state, DEMO_ZONE_IDS.exampleCom)!.hostnameCertificates.find((c) => c.id === IDS.rsa)!;
    const reference = new X509Certificate(served.certificate);
    const identity = { ...COM, source: "aop_hostname_cert", cert_id: IDS.rsa, hostname: "" };
    const [info] = select(samples, "certwatch_cert_info", { cert_id: IDS.rsa });
    expect(info).toEqual({
      name: "certwatch_cert_info",
      labels: { ...identity, subject_cn: "rsa.example.com", issuer_cn: /CN=([^\n]+)/.exec(reference.issuer)![1], serial: reference.serialNumber.toLowerCase() },
      value: 1,
    });
    const [sample] = select(samples, "certwatch_cert_not_after_timestamp_seconds", { cert_id: IDS.rsa });
    expect(sample?.labels).toEqual(identity);
  });

  it("trusts the PEM over the API when they disagree", () => {
    const labels = { ...COM, source: "aop_hostname_cert", cert_id: IDS.pemContradictsApi };
    const pemNotAfter = valueOf(samples, "certwatch_cert_not_after_timestamp_seconds", labels);
    const apiClaim = valueOf(samples, "certwatch_cert_api_expires_on_timestamp_seconds", labels);
    const now = Date.now() / 1000;
    expect((pemNotAfter - now) / 86400).toBeLessThan(3.01);
    expect((apiClaim - now) / 86400).toBeGreaterThan(199);
  });

  it("reports the earliest notAfter of a bundle whose intermediate expires first", () => {
    const labels = { ...COM, source: "aop_hostname_cert", cert_id: IDS.intermediateExpiresFirst };
    const leaf = valueOf(samples, "certwatch_cert_not_after_timestamp_seconds", labels);
    const chain = valueOf(samples, "certwatch_cert_chain_not_after_timestamp_seconds", labels);
    expect(leaf - chain).toBeGreaterThan(189 * 86400);
    expect((chain - Date.now() / 1000) / 86400).toBeCloseTo(10, 0);
  });

  it("flags the expired certificate and no other", () => {
    const expired = select(samples, "certwatch_cert_expired").filter((s) => s.value === 1);
    expect(expired.map((s) => s.labels.cert_id).sort()).toEqual(
      [IDS.expired, DEMO_CERT_IDS.exampleNet.trustStore.expiredButActiveRoot].sort(),
    );
  });

  it("keeps a broken PEM as a record with a parse error and no date series", () => {
    const labels = { ...COM, source: "aop_hostname_cert", cert_id: IDS.garbagePem };
    expect(valueOf(samples, "certwatch_cert_parse_error", { ...labels, hostname: "" })).toBe(1);
    expect(select(samples, "certwatch_cert_not_after_timestamp_seconds", { cert_id: IDS.garbagePem })).toHaveLength(0);
    expect(select(samples, "certwatch_cert_expired", { cert_id: IDS.garbagePem })).toHaveLength(0);
    expect(valueOf(samples, "certwatch_cert_status", { ...labels, status: "active" })).toBe(1);
    expect(select(samples, "certwatch_cert_parse_error")).toHaveLength(1);
  });

  it("reports the current status only", () => {
    expect(select(samples, "certwatch_cert_status", { cert_id: IDS.deploymentTimedOut, source: "aop_hostname_cert" })).toEqual([
      expect.objectContaining({ value: 1, labels: expect.objectContaining({ status: "deployment_timed_out" }) }),
    ]);
    // The association's own status, not its certificate's.
    expect(valueOf(samples, "certwatch_cert_status", { source: "aop_hostname", hostname: DEMO_HOSTNAMES.legacy, status: "pending_deployment" })).toBe(1);
  });

  it("reads AOP associations, with a 404 reported as not associated rather than a failure", () => {
    expect(valueOf(samples, "certwatch_aop_hostname_enabled", { ...COM, hostname: DEMO_HOSTNAMES.app, cert_id: IDS.valid })).toBe(1);
    expect(valueOf(samples, "certwatch_aop_hostname_enabled", { ...COM, hostname: DEMO_HOSTNAMES.legacy })).toBe(0);
    expect(valueOf(samples, "certwatch_cert_status", { source: "aop_hostname", hostname: "missing.example.com", status: "not_associated" })).toBe(1);
    expect(select(samples, "certwatch_aop_hostname_enabled", { hostname: "missing.example.com" })).toHaveLength(0);
    expect(valueOf(samples, "certwatch_source_up", { ...COM, source: "aop_hostname" })).toBe(1);
  });

  it("counts trust-store CAs that are active and valid by their PEM, not by the API's word", () => {
    expect(valueOf(samples, "certwatch_trust_store_valid_cas", COM)).toBe(1);
    // example.net's only CA expired 3 days ago while the API still says active.
    expect(valueOf(samples, "certwatch_cert_status", { ...NET, source: "trust_store", status: "active" })).toBe(1);
    expect(valueOf(samples, "certwatch_trust_store_valid_cas", NET)).toBe(0);
  });

  it("reads the association-shaped hostname certificate list", () => {
    const id = DEMO_CERT_IDS.exampleNet.hostnameCertificates.valid;
    expect(select(samples, "certwatch_cert_not_after_timestamp_seconds", { ...NET, source: "aop_hostname_cert", cert_id: id })).toHaveLength(1);
  });

  it("marks every source up, with its last success time, and serves health endpoints", async () => {
    const up = select(samples, "certwatch_source_up");
    // example.net has no AOP hostnames configured, so that source has nothing to read there.
    expect(up).toHaveLength(5);
    expect(select(up, "certwatch_source_up", { ...NET, source: "aop_hostname" })).toHaveLength(0);
    expect(up.every((s) => s.value === 1)).toBe(true);
    expect(select(samples, "certwatch_source_last_success_timestamp_seconds")).toHaveLength(5);
    expect(valueOf(samples, "certwatch_poll_cycles_total", { outcome: "success" })).toBe(1);
    expect(select(samples, "certwatch_build_info")[0]?.value).toBe(1);
    expect((await h.get("/healthz")).status).toBe(200);
    expect((await h.get("/readyz")).status).toBe(200);
    expect((await h.get("/nope")).status).toBe(404);
  });

  it("spends one request per list and one per configured hostname", () => {
    expect(valueOf(samples, "certwatch_api_requests_total", { endpoint: "/zones/:zone_id/acm/custom_trust_store", code: "200" })).toBe(2);
    expect(valueOf(samples, "certwatch_api_requests_total", { endpoint: "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates", code: "200" })).toBe(2);
    expect(valueOf(samples, "certwatch_api_requests_total", { endpoint: "/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname", code: "200" })).toBe(3);
    expect(valueOf(samples, "certwatch_api_requests_total", { endpoint: "/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname", code: "404" })).toBe(1);
    // Plus certwatch's own token, verified once an hour per credential.
    expect(h.simulator.requestCount("/user/tokens/verify")).toBe(1);
    expect(h.simulator.requests).toHaveLength(9);
  });

  it("never writes the API token to the log", () => {
    expect(h.logs.lines.length).toBeGreaterThan(0);
    expect(h.logs.lines.filter((l) => l.includes(TEST_TOKEN))).toEqual([]);
  });
});
