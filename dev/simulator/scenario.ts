// Declarative scenarios: a test says "a cert with 5 days left, status deployment_timed_out" and
// gets a SimState holding real minted PEMs with API metadata to match (or, on purpose, not).
// Each store builds its own part of a zone (src/stores/*/store.sim.ts); this file builds the rest.
import { rfc3339Seconds } from "../../src/clock/rfc3339.js";
import { randomHexId } from "./object-ids.js";
import { daysFrom, ScenarioMinter } from "./scenario-minting.js";
import type { SimState, SimToken, SimZone } from "./state.js";
import { ORDERED_STORE_SIMULATORS, type StoreZoneSpec } from "./stores.js";
import { DEFAULT_ZONE_ACCOUNT, type ZoneAccount, type ZoneEntitlements, type ZoneStatus } from "./zone.js";

export { GARBAGE_PEM, type ApiExpiryClaim, type CertSpec } from "./scenario-minting.js";

interface ZoneSpecBase {
  /** 32 lowercase hex; random when absent. */
  id?: string;
  name: string;
  /** Default DEFAULT_ZONE_ACCOUNT. */
  account?: ZoneAccount;
  /** Default "active". */
  status?: ZoneStatus;
  /** Absent products are entitled. */
  entitlements?: ZoneEntitlements;
}

/** A zone: its identity, and per store what it holds (`trustStore`, `customHostnames`, …). */
export type ZoneSpec = ZoneSpecBase & StoreZoneSpec;

export interface Scenario {
  zones: ZoneSpec[];
  /** What tokens/verify says of each bearer token; absent: every accepted token is an active user token without expiry. */
  tokens?: Record<string, SimToken>;
}

async function buildZone(spec: ZoneSpec, minter: ScenarioMinter): Promise<SimZone> {
  const id = spec.id ?? randomHexId();
  const context = { zoneId: id, zoneName: spec.name, minter };
  const parts = await Promise.all(ORDERED_STORE_SIMULATORS.map((store) => store.build(spec, context)));
  const zone = Object.assign(
    {
      id,
      name: spec.name,
      account: { ...(spec.account ?? DEFAULT_ZONE_ACCOUNT) },
      status: spec.status ?? "active",
      createdOn: rfc3339Seconds(daysFrom(minter.now, -730).getTime()),
    },
    ...parts,
  ) as SimZone;
  if (spec.entitlements) zone.entitlements = { ...spec.entitlements };
  return zone;
}

export async function buildState(scenario: Scenario, now: Date = new Date()): Promise<SimState> {
  const minter = await ScenarioMinter.create(now);
  const zones = await Promise.all(scenario.zones.map((zone) => buildZone(zone, minter)));
  return scenario.tokens ? { zones, tokens: structuredClone(scenario.tokens) } : { zones };
}
