import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../dev/simulator/scenario.js";
import { DEMO_CERT_IDS, DEMO_CUSTOM_HOSTNAMES, DEMO_ZONE_IDS, demoScenario } from "../../dev/simulator/demo-scenario.js";
import { DEFAULT_ZONE_ACCOUNT, findZone, type SimState } from "../../dev/simulator/state.js";
import { type CustomHostnameItem } from "../../src/stores/custom-hostname/shape.sim.js";
import { SCENARIO_NOW as NOW, daysFromNow as daysUntil, pemDaysLeft, buildScenarioZone as buildZone } from "../helpers/scenario-zone.js";

const COM = DEMO_CERT_IDS.exampleCom;

/** A managed hostname's expiry: its earliest certificate. */
const earliestDaysLeft = (item: CustomHostnameItem) => Math.min(...(item.ssl.certificates ?? []).map((cert) => daysUntil(cert.expires_on)));

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
