// What the simulator builds from a scenario's custom certificates specs.
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HEX32, daysFromNow as daysUntil, pemDaysLeft, buildScenarioZone as buildZone } from "../../../test/helpers/scenario-zone.js";

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
