// What the simulator builds from a scenario's zone-level AOP certificate specs.
import { describe, expect, it } from "vitest";
import { HEX32, daysFromNow as daysUntil, pemDaysLeft, buildScenarioZone as buildZone } from "../../../test/helpers/scenario-zone.js";

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
