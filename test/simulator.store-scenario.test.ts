import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { buildState, DEMO_CERT_IDS, DEMO_CUSTOM_HOSTNAMES, DEMO_ZONE_IDS, demoScenario, type ZoneSpec } from "../dev/simulator/scenario.js";
import { bulkCustomHostnames, type CustomHostnameSpec } from "../src/stores/custom-hostname/scenario.sim.js";
import { DEFAULT_ZONE_ACCOUNT, findZone, type SimState, type SimZone } from "../dev/simulator/state.js";
import { type CustomHostnameItem } from "../src/stores/custom-hostname/shape.sim.js";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-06-01T00:00:00Z");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const HEX32 = /^[0-9a-f]{32}$/;
const COM = DEMO_CERT_IDS.exampleCom;

const daysUntil = (iso: string) => (Date.parse(iso) - NOW.getTime()) / DAY_MS;
const pemDaysLeft = (pem: string) => daysUntil(new Date(new X509Certificate(pem).validTo).toISOString());
/** A managed hostname's expiry: its earliest certificate. */
const earliestDaysLeft = (item: CustomHostnameItem) => Math.min(...(item.ssl.certificates ?? []).map((cert) => daysUntil(cert.expires_on)));

async function buildZone(spec: Omit<ZoneSpec, "name">): Promise<SimZone> {
  const built = await buildState({ zones: [{ name: "z.example", ...spec }] }, NOW);
  return built.zones[0]!;
}

describe("the demo's new stores", () => {
  let state: SimState;
  const zone = (id: string) => findZone(state, id)!;

  beforeAll(async () => {
    state = await buildState(demoScenario(), NOW);
  });

  it("gives example.com two zone-level AOP certificates, 200 and 12 days, with zone AOP off", () => {
    const com = zone(DEMO_ZONE_IDS.exampleCom);
    expect(com.aopZoneEnabled).toBe(false);
    expect(com.aopZoneCertificates.map((cert) => [cert.id, Math.round(pemDaysLeft(cert.certificate)), Math.round(daysUntil(cert.expires_on))])).toEqual([
      [COM.zoneAopCertificates.valid, 200, 200],
      [COM.zoneAopCertificates.expiringSoon, 12, 12],
    ]);
  });

  it("gives example.com one custom hostname per case", () => {
    const byId = new Map(zone(DEMO_ZONE_IDS.exampleCom).customHostnames.map((item) => [item.id, item]));
    const hostnames = COM.customHostnames;
    const summary = (id: string) => {
      const item = byId.get(id)!;
      const days = item.ssl.custom_certificate ? pemDaysLeft(item.ssl.custom_certificate) : earliestDaysLeft(item);
      return [item.hostname, item.status, item.ssl.status, Math.round(days)];
    };
    expect(Object.values(hostnames).map(summary)).toEqual([
      [DEMO_CUSTOM_HOSTNAMES.managedActive, "active", "active", 60],
      [DEMO_CUSTOM_HOSTNAMES.validationTimedOut, "active", "validation_timed_out", 20],
      [DEMO_CUSTOM_HOSTNAMES.pendingValidationExpiring, "active", "pending_validation", 10],
      [DEMO_CUSTOM_HOSTNAMES.customUploadedExpiring, "active", "active", 4],
      [DEMO_CUSTOM_HOSTNAMES.moved, "moved", "active", 45],
      [DEMO_CUSTOM_HOSTNAMES.backupIssued, "active", "backup_issued", 70],
    ]);
    expect(byId.get(hostnames.pendingValidationExpiring)!.ssl.validation_errors).toHaveLength(1);
    const custom = byId.get(hostnames.customUploadedExpiring)!;
    expect(new X509Certificate(custom.ssl.custom_certificate!).subject).toContain(`CN=${DEMO_CUSTOM_HOSTNAMES.customUploadedExpiring}`);
  });

  it("gives example.com two custom certificates and two packs, and example.org one pack of 6 days", () => {
    const com = zone(DEMO_ZONE_IDS.exampleCom);
    expect(com.customCertificates.map((cert) => [cert.id, cert.status, Math.round(daysUntil(cert.expires_on))])).toEqual([
      [COM.customCertificates.expiringWarning, "active", 25],
      [COM.customCertificates.expired, "expired", -5],
    ]);
    expect(com.certificatePacks.map((pack) => [pack.id, pack.status, pack.certificates.map((cert) => [cert.id, Math.round(daysUntil(cert.expires_on))])])).toEqual([
      [COM.certificatePacks.advancedActive, "active", [[COM.packCertificates.advancedActiveEcdsa, 80], [COM.packCertificates.advancedActiveRsa, 80]]],
      [COM.certificatePacks.pendingValidation, "pending_validation", []],
    ]);
    const [orgPack, ...others] = zone(DEMO_ZONE_IDS.exampleOrg).certificatePacks;
    expect(others).toEqual([]);
    expect(orgPack).toMatchObject({ id: DEMO_CERT_IDS.exampleOrg.certificatePacks.advancedExpiring, type: "advanced", status: "active" });
    expect(daysUntil(orgPack!.certificates[0]!.expires_on)).toBeCloseTo(6, 6);
  });

  it("turns Cloudflare for SaaS off for example.net only, keeping its trust store", () => {
    expect(zone(DEMO_ZONE_IDS.exampleNet).entitlements).toEqual({ customHostnames: false });
    expect(zone(DEMO_ZONE_IDS.exampleNet).trustStore).toHaveLength(1);
    expect(zone(DEMO_ZONE_IDS.exampleCom).entitlements).toBeUndefined();
    expect(zone(DEMO_ZONE_IDS.exampleOrg).entitlements).toBeUndefined();
  });
});

describe("ZoneSpec defaults", () => {
  it("fills account, status, AOP setting and empty stores", async () => {
    const z = await buildZone({});
    expect(z).toMatchObject({ account: DEFAULT_ZONE_ACCOUNT, status: "active", aopZoneEnabled: true });
    expect([z.aopZoneCertificates, z.customHostnames, z.customCertificates, z.certificatePacks]).toEqual([[], [], [], []]);
    expect(Date.parse(z.createdOn!)).toBeLessThan(NOW.getTime());
    expect(z.entitlements).toBeUndefined();
  });

  it("takes account, status and entitlements from the spec", async () => {
    const account = { id: "99998888777766665555444433332222", name: "Other" };
    const z = await buildZone({ account, status: "pending", entitlements: { trustStore: false } });
    expect(z).toMatchObject({ account, status: "pending", entitlements: { trustStore: false } });
  });
});

describe("zone-level AOP certificate specs", () => {
  it("mints from the client CA with a 32-hex id, honours apiExpiresOn, and sets enabled only when asked", async () => {
    const z = await buildZone({
      aopZoneCertificates: [
        { cn: "a", daysLeft: 30, apiExpiresOn: { daysLeft: 90 }, status: "pending_deployment" },
        { cn: "b", daysLeft: 5, enabled: false },
      ],
      aopZoneEnabled: false,
    });
    const [a, b] = z.aopZoneCertificates;
    expect(a!.id).toMatch(HEX32);
    expect(a).toMatchObject({ status: "pending_deployment", issuer: "certwatch Sim Client CA" });
    expect(pemDaysLeft(a!.certificate)).toBeCloseTo(30, 3);
    expect(daysUntil(a!.expires_on)).toBeCloseTo(90, 3);
    expect(a).not.toHaveProperty("enabled");
    expect(b!.enabled).toBe(false);
    expect(z.aopZoneEnabled).toBe(false);
  });
});

describe("custom hostname specs", () => {
  const ID = "6c2e1f7a-9b3d-4a5e-8c0f-2d4b6a8e1c37";

  it("builds a managed hostname: no PEM, two certificates, the second one earliest", async () => {
    const z = await buildZone({ customHostnames: [{ id: ID, hostname: "shop.a.test", kind: "managed", daysLeft: 30 }] });
    const [item] = z.customHostnames;
    expect(item).toMatchObject({ id: ID, hostname: "shop.a.test", status: "active", ssl: { status: "active", certificate_authority: "google", type: "dv" } });
    expect(item!.ssl.id).toMatch(UUID);
    expect(item!.ssl).not.toHaveProperty("custom_certificate");
    const [ecdsa, rsa] = item!.ssl.certificates!;
    expect([ecdsa!.signature, daysUntil(ecdsa!.expires_on)]).toEqual(["ECDSAWithSHA256", 31]);
    expect([rsa!.signature, daysUntil(rsa!.expires_on)]).toEqual(["SHA256WithRSA", 30]);
    for (const cert of [ecdsa!, rsa!]) {
      expect(cert).toMatchObject({ id: expect.stringMatching(HEX32), issuer: "GoogleTrustServices", fingerprint_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(Date.parse(cert.issued_on)).toBeLessThan(NOW.getTime());
    }
    expect(item).not.toHaveProperty("verification_errors");
    expect(item!.ssl).not.toHaveProperty("validation_errors");
    expect(item!.ssl).not.toHaveProperty("validation_records");
  });

  it("derives ssl and certificate ids from a fixed hostname id, so rebuilding keeps them", async () => {
    const spec = { customHostnames: [{ id: ID, hostname: "shop.a.test", kind: "managed" as const, daysLeft: 30 }] };
    const [first, second] = [(await buildZone(spec)).customHostnames[0]!, (await buildZone(spec)).customHostnames[0]!];
    expect(second.ssl.id).toBe(first.ssl.id);
    expect(second.ssl.certificates!.map((cert) => cert.id)).toEqual(first.ssl.certificates!.map((cert) => cert.id));
  });

  it("builds a custom-uploaded hostname from a real PEM, whose expiry the API may contradict", async () => {
    const z = await buildZone({
      customHostnames: [{ hostname: "store.d.test", kind: "custom", daysLeft: 4, apiExpiresOn: { daysLeft: 300 }, sslStatus: "pending_deployment" }],
    });
    const { ssl } = z.customHostnames[0]!;
    expect(pemDaysLeft(ssl.custom_certificate!)).toBeCloseTo(4, 3);
    expect(daysUntil(ssl.expires_on!)).toBeCloseTo(300, 3);
    expect(BigInt(ssl.serial_number!).toString(16)).toBe(new X509Certificate(ssl.custom_certificate!).serialNumber.toLowerCase());
    expect(ssl).toMatchObject({ hosts: ["store.d.test"], issuer: "certwatch Sim Customer CA", signature: "ECDSAWithSHA256", status: "pending_deployment" });
    expect(ssl).not.toHaveProperty("certificates");
    expect(ssl).not.toHaveProperty("certificate_authority");
  });

  it("serves verification and validation errors, and DCV records while pending validation", async () => {
    const z = await buildZone({
      customHostnames: [
        {
          hostname: "p.test",
          kind: "managed",
          daysLeft: 9,
          status: "pending",
          sslStatus: "pending_validation",
          verificationErrors: ["no CNAME"],
          validationErrors: ["CAA"],
        },
      ],
    });
    const [item] = z.customHostnames;
    expect(item!.verification_errors).toEqual(["no CNAME"]);
    expect(item!.ssl.validation_errors).toEqual([{ message: "CAA" }]);
    expect(item!.ssl.validation_records).toEqual([{ status: "pending", txt_name: "_acme-challenge.p.test", txt_value: expect.stringMatching(HEX32) }]);
  });

  it("rejects apiExpiresOn on a managed hostname, which has no PEM to contradict", async () => {
    await expect(buildZone({ customHostnames: [{ hostname: "m.test", kind: "managed", daysLeft: 1, apiExpiresOn: { daysLeft: 9 } }] })).rejects.toThrow(
      /apiExpiresOn applies to custom-uploaded certificates only/,
    );
  });
});

describe("bulkCustomHostnames", () => {
  it("generates managed, active hostnames with stable unique ids and 30..89 days left", () => {
    const specs = bulkCustomHostnames(120, { domain: "tenants.test" });
    expect(specs).toHaveLength(120);
    expect(specs[0]).toEqual({ id: expect.stringMatching(UUID), hostname: "host-0001.tenants.test", kind: "managed", daysLeft: 30 });
    expect(specs[119]).toMatchObject({ hostname: "host-0120.tenants.test", daysLeft: 30 + (119 % 60) });
    expect(new Set(specs.map((spec) => spec.id)).size).toBe(120);
    expect(bulkCustomHostnames(120, { domain: "tenants.test" }).map((spec) => spec.id)).toEqual(specs.map((spec) => spec.id));
    expect(bulkCustomHostnames(1, { domain: "other.test" })[0]!.id).not.toBe(specs[0]!.id);
  });

  it("applies customize, sharing PEMs for custom ones unless told not to", () => {
    const specs = bulkCustomHostnames(4, {
      domain: "t.test",
      customize: (i) => ([{ kind: "custom" }, { sslStatus: "issuance_timed_out" }, { kind: "custom", sharedPem: false }, {}] satisfies Partial<CustomHostnameSpec>[])[i]!,
    });
    expect(specs.map((spec) => [spec.kind, spec.sharedPem, spec.sslStatus])).toEqual([
      ["custom", true, undefined],
      ["managed", undefined, "issuance_timed_out"],
      ["custom", false, undefined],
      ["managed", undefined, undefined],
    ]);
  });

  it("builds shared PEMs that still carry each hostname in ssl.hosts", async () => {
    const z = await buildZone({ customHostnames: bulkCustomHostnames(3, { domain: "t.test", customize: () => ({ kind: "custom", daysLeft: 7 }) }) });
    const [a, b, c] = z.customHostnames;
    expect(new Set([a, b, c].map((item) => item!.ssl.custom_certificate)).size).toBe(1);
    expect(c!.ssl.hosts).toEqual(["host-0003.t.test"]);
    expect(pemDaysLeft(a!.ssl.custom_certificate!)).toBeCloseTo(7, 3);
  });
});

describe("custom certificate specs", () => {
  it("serves metadata without PEM by default, priorities by position", async () => {
    const z = await buildZone({
      id: "0123456789abcdef0123456789abcdef",
      customCertificates: [{ hosts: ["a.example"], daysLeft: 10 }, { hosts: ["b.example"], daysLeft: -1, status: "expired" }],
    });
    const [a, b] = z.customCertificates;
    expect(a).toMatchObject({ zone_id: "0123456789abcdef0123456789abcdef", status: "active", priority: 1, bundle_method: "ubiquitous", hosts: ["a.example"] });
    expect(a!.id).toMatch(HEX32);
    expect(a).not.toHaveProperty("certificate");
    expect(daysUntil(a!.expires_on)).toBeCloseTo(10, 3);
    expect(b).toMatchObject({ status: "expired", priority: 2 });
    expect(Date.parse(a!.uploaded_on)).toBeLessThanOrEqual(Date.parse(a!.modified_on));
  });

  it("adds a real PEM with withPem, agreeing with expires_on and hosts", async () => {
    const z = await buildZone({ customCertificates: [{ hosts: ["a.example", "www.a.example"], daysLeft: 15, withPem: true }] });
    const [cert] = z.customCertificates;
    const parsed = new X509Certificate(cert!.certificate!);
    expect(pemDaysLeft(cert!.certificate!)).toBeCloseTo(15, 3);
    expect(daysUntil(cert!.expires_on)).toBeCloseTo(15, 3);
    expect(parsed.subjectAltName).toBe("DNS:a.example, DNS:www.a.example");
    expect(cert!.issuer).toBe("certwatch Sim Customer CA");
  });

  it("rejects a certificate without hosts", async () => {
    await expect(buildZone({ customCertificates: [{ hosts: [], daysLeft: 1 }] })).rejects.toThrow(/at least one host/);
  });
});

describe("certificate pack specs", () => {
  it("fills defaults and alternates ECDSA and RSA certificates", async () => {
    const z = await buildZone({
      certificatePacks: [{ hosts: ["z.example", "*.z.example"], certificates: [{ daysLeft: 40 }, { daysLeft: 41, status: "pending_deployment" }] }],
    });
    const [pack] = z.certificatePacks;
    expect(pack).toMatchObject({ type: "advanced", status: "active", certificate_authority: "google", validation_method: "txt", validity_days: 90 });
    expect(pack!.id).toMatch(UUID);
    expect(pack!.primary_certificate).toBe(pack!.certificates[0]!.id);
    expect(pack!.certificates.map((cert) => [cert.signature, cert.status, daysUntil(cert.expires_on), cert.zone_id])).toEqual([
      ["ECDSAWithSHA256", "active", 40, z.id],
      ["SHA256WithRSA", "pending_deployment", 41, z.id],
    ]);
    expect(pack).not.toHaveProperty("validation_errors");
  });

  it("serves validation errors and records for a pending pack without certificates", async () => {
    const z = await buildZone({
      certificatePacks: [
        {
          id: "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
          type: "total_tls",
          status: "pending_validation",
          hosts: ["*.z.example"],
          certificates: [],
          validationErrors: ["CAA"],
        },
      ],
    });
    const [pack] = z.certificatePacks;
    expect(pack).toMatchObject({ id: "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d", type: "total_tls", certificates: [], validation_errors: [{ message: "CAA" }] });
    expect(pack!.validation_records).toEqual([{ status: "pending", txt_name: "_acme-challenge.z.example", txt_value: expect.stringMatching(HEX32) }]);
    expect(pack).not.toHaveProperty("primary_certificate");
  });
});
