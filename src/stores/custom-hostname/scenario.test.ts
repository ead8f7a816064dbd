// What the simulator builds from a scenario's custom hostnames specs.
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bulkCustomHostnames, type CustomHostnameSpec } from "./scenario.sim.js";
import { SCENARIO_NOW as NOW, HEX32, daysFromNow as daysUntil, pemDaysLeft, buildScenarioZone as buildZone } from "../../../test/helpers/scenario-zone.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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
