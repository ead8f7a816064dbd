// What the scenario tests of each store share: one zone built from a spec at a fixed "now", and
// day counts measured from that same instant.
import { X509Certificate } from "node:crypto";
import { buildState, type ZoneSpec } from "../../dev/simulator/scenario.js";
import type { SimZone } from "../../dev/simulator/state.js";

export const SCENARIO_NOW = new Date("2026-06-01T00:00:00Z");
export const HEX32 = /^[0-9a-f]{32}$/;

/** Days from SCENARIO_NOW to an ISO date. */
export const daysFromNow = (iso: string) => (Date.parse(iso) - SCENARIO_NOW.getTime()) / 86_400_000;

/** Days from SCENARIO_NOW to a PEM's notAfter. */
export const pemDaysLeft = (pem: string) => daysFromNow(new Date(new X509Certificate(pem).validTo).toISOString());

/** The zone the simulator builds from `spec` (named z.example) at SCENARIO_NOW. */
export async function buildScenarioZone(spec: Omit<ZoneSpec, "name">): Promise<SimZone> {
  const built = await buildState({ zones: [{ name: "z.example", ...spec }] }, SCENARIO_NOW);
  return built.zones[0]!;
}
