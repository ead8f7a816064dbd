// What the simulator builds from a scenario's zone-level AOP certificate specs (moved here from
// test/simulator.store-scenario.test.ts).
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildState, type ZoneSpec } from "../../../dev/simulator/scenario.js";
import { type SimZone } from "../../../dev/simulator/state.js";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-06-01T00:00:00Z");
const HEX32 = /^[0-9a-f]{32}$/;

const daysUntil = (iso: string) => (Date.parse(iso) - NOW.getTime()) / DAY_MS;
const pemDaysLeft = (pem: string) => daysUntil(new Date(new X509Certificate(pem).validTo).toISOString());

async function buildZone(spec: Omit<ZoneSpec, "name">): Promise<SimZone> {
  const built = await buildState({ zones: [{ name: "z.example", ...spec }] }, NOW);
  return built.zones[0]!;
}

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
