import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { buildState, GARBAGE_PEM } from "../../dev/simulator/scenario.js";
import { DEMO_CERT_IDS, DEMO_HOSTNAMES, DEMO_ZONE_IDS, demoScenario } from "../../dev/simulator/demo-scenario.js";
import type { SimState, SimZone } from "../../dev/simulator/state.js";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-06-01T00:00:00Z");
const COM_CERTS = DEMO_CERT_IDS.exampleCom.hostnameCertificates;

let state: SimState;

beforeAll(async () => {
  state = await buildState(demoScenario(), NOW);
});

const zone = (id: string): SimZone => state.zones.find((z) => z.id === id)!;
const cert = (id: string) => zone(DEMO_ZONE_IDS.exampleCom).hostnameCertificates.find((c) => c.id === id)!;
const daysUntil = (iso: string) => (Date.parse(iso) - NOW.getTime()) / DAY_MS;
const pemDaysLeft = (pem: string) => daysUntil(new Date(new X509Certificate(pem).validTo).toISOString());

function pemsIn(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
}

describe("demoScenario built into a SimState", () => {
  it("has the three demo zones with Cloudflare-shaped ids", () => {
    expect(state.zones.map((z) => [z.id, z.name, z.hostnameCertListShape])).toEqual([
      [DEMO_ZONE_IDS.exampleCom, "example.com", "sdk"],
      [DEMO_ZONE_IDS.exampleNet, "example.net", "association"],
      [DEMO_ZONE_IDS.exampleOrg, "example.org", "sdk"],
    ]);
    for (const z of state.zones) {
      expect(z.id).toMatch(/^[0-9a-f]{32}$/);
      for (const item of [...z.trustStore, ...z.hostnameCertificates]) expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("mints example.com's trust store: a valid root and a pending one", () => {
    const [valid, pending] = zone(DEMO_ZONE_IDS.exampleCom).trustStore;
    expect(valid!.status).toBe("active");
    expect(pemDaysLeft(valid!.certificate)).toBeCloseTo(5 * 365, 0);
    expect(new X509Certificate(valid!.certificate).ca).toBe(true);
    expect(pending!.status).toBe("pending_deployment");
  });

  it("makes example.net's only root expired in the PEM while the API says active", () => {
    const [root, ...others] = zone(DEMO_ZONE_IDS.exampleNet).trustStore;
    expect(others).toEqual([]);
    expect(root!.status).toBe("active");
    expect(pemDaysLeft(root!.certificate)).toBeCloseTo(-3, 3);
    expect(daysUntil(root!.expires_on)).toBeCloseTo(-3, 3);
  });

  it("gives each hostname certificate the days left its case needs, PEM and API agreeing", () => {
    const expected: [string, number][] = [
      [COM_CERTS.valid, 300],
      [COM_CERTS.expiringCritical, 5],
      [COM_CERTS.expiringWarning, 20],
      [COM_CERTS.deploymentTimedOut, 120],
      [COM_CERTS.rsa, 250],
      [COM_CERTS.ed25519, 250],
      [COM_CERTS.expired, -2],
    ];
    for (const [id, days] of expected) {
      expect(pemDaysLeft(cert(id).certificate), id).toBeCloseTo(days, 3);
      expect(daysUntil(cert(id).expires_on), id).toBeCloseTo(days, 3);
    }
    expect(cert(COM_CERTS.deploymentTimedOut).status).toBe("deployment_timed_out");
    expect(new X509Certificate(cert(COM_CERTS.rsa).certificate).publicKey.asymmetricKeyType).toBe("rsa");
    expect(new X509Certificate(cert(COM_CERTS.ed25519).certificate).publicKey.asymmetricKeyType).toBe("ed25519");
  });

  it("serves a PEM whose notAfter contradicts expires_on", () => {
    const mismatch = cert(COM_CERTS.pemContradictsApi);
    expect(pemDaysLeft(mismatch.certificate)).toBeCloseTo(3, 3);
    expect(daysUntil(mismatch.expires_on)).toBeCloseTo(200, 3);
  });

  it("serves a chain whose intermediate expires before the leaf", () => {
    const chain = cert(COM_CERTS.intermediateExpiresFirst);
    const [leaf, intermediate, ...rest] = pemsIn(chain.certificate);
    expect(rest).toEqual([]);
    expect(pemDaysLeft(leaf!)).toBeCloseTo(200, 3);
    expect(pemDaysLeft(intermediate!)).toBeCloseTo(10, 3);
    expect(daysUntil(chain.expires_on)).toBeCloseTo(200, 3);
    expect(chain.issuer).toBe(new X509Certificate(intermediate!).subject.match(/CN=(.*)/)![1]);
  });

  it("serves a garbage PEM node:crypto cannot parse", () => {
    const broken = cert(COM_CERTS.garbagePem);
    expect(broken.certificate).toBe(GARBAGE_PEM);
    expect(() => new X509Certificate(broken.certificate)).toThrow();
  });

  it("reports serial numbers in decimal, matching the PEM", () => {
    const valid = cert(COM_CERTS.valid);
    expect(valid.serial_number).toMatch(/^\d+$/);
    expect(BigInt(valid.serial_number).toString(16)).toBe(new X509Certificate(valid.certificate).serialNumber.toLowerCase());
    expect(valid.issuer).toBe("certwatch Sim Client CA");
    expect(valid.signature).toBe("ECDSAWithSHA256");
  });

  it("links the three demo associations to their certificates", () => {
    const associations = zone(DEMO_ZONE_IDS.exampleCom).hostnameAssociations;
    expect(Object.keys(associations).sort()).toEqual([DEMO_HOSTNAMES.api, DEMO_HOSTNAMES.app, DEMO_HOSTNAMES.legacy].sort());
    expect(associations[DEMO_HOSTNAMES.api]).toMatchObject({ cert_id: COM_CERTS.expiringCritical, enabled: true, status: "active", cert_status: "active" });
    expect(associations[DEMO_HOSTNAMES.legacy]).toMatchObject({ enabled: false, status: "pending_deployment", cert_status: "deployment_timed_out" });
    expect(associations[DEMO_HOSTNAMES.app]!.expires_on).toBe(cert(COM_CERTS.valid).expires_on);
  });

  it("never dates uploads in the future", () => {
    for (const z of state.zones) {
      for (const item of z.trustStore) expect(Date.parse(item.uploaded_on)).toBeLessThanOrEqual(NOW.getTime());
      for (const item of z.hostnameCertificates) expect(Date.parse(item.uploaded_on)).toBeLessThanOrEqual(NOW.getTime());
    }
  });
});

describe("buildState validation", () => {
  it("rejects an association naming a certificate the zone does not have", async () => {
    await expect(
      buildState({ zones: [{ name: "z", hostnameCertificates: [{ cn: "a", daysLeft: 1 }], associations: [{ hostname: "h", cert: "b" }] }] }),
    ).rejects.toThrow(/unknown certificate "b"/);
  });

  it("rejects a chain in the trust store, which holds roots only", async () => {
    await expect(buildState({ zones: [{ name: "z", trustStore: [{ cn: "r", daysLeft: 1, chain: { intermediateDaysLeft: 1 } }] }] })).rejects.toThrow(/root CAs only/);
  });

  it("fills defaults: random 32-hex zone id, sdk list shape, active status, enabled association", async () => {
    const built = await buildState({ zones: [{ name: "z", hostnameCertificates: [{ cn: "a", daysLeft: 1 }], associations: [{ hostname: "h", cert: "a" }] }] });
    const [z] = built.zones;
    expect(z!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(z!.hostnameCertListShape).toBe("sdk");
    expect(z!.hostnameCertificates[0]!.status).toBe("active");
    expect(z!.hostnameAssociations.h).toMatchObject({ enabled: true, status: "active" });
  });
});
