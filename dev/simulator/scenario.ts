// Declarative scenarios: a test says "a cert with 5 days left, status deployment_timed_out" and
// gets a SimState holding real minted PEMs with API metadata to match (or, on purpose, not).
// Each store builds its own part of a zone (src/stores/*/store.sim.ts); this file builds the rest.
import { rfc3339Seconds } from "../../src/clock/rfc3339.js";
import { randomHexId } from "./object-ids.js";
import { daysFrom, ScenarioMinter } from "./scenario-minting.js";
import type { AccountType } from "./account.js";
import type { SimAccount, SimState, SimToken, SimZone } from "./state.js";
import { ORDERED_ACCOUNT_STORE_SIMULATORS, ORDERED_STORE_SIMULATORS, type StoreAccountSpec, type StoreZoneSpec } from "./stores.js";
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

interface AccountSpecBase {
  /** 32 lowercase hex; random when absent. Use a zone's `account.id` to give that zone's account stores. */
  id?: string;
  name: string;
  /** Default "standard". */
  type?: AccountType;
}

/** An account: its identity, and per account store what it holds (`mtlsCertificates`, `accessCertificates`, …). */
export type AccountSpec = AccountSpecBase & StoreAccountSpec;

export interface Scenario {
  zones: ZoneSpec[];
  /** Accounts with account-store data; an account only zones name is listed too, with empty stores. */
  accounts?: AccountSpec[];
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

/** One account of a state; `minter` is the state's (ScenarioMinter.create), so CAs are shared. */
export async function buildAccount(spec: AccountSpec, minter: ScenarioMinter): Promise<SimAccount> {
  const id = spec.id ?? randomHexId();
  const context = { accountId: id, accountName: spec.name, minter };
  const parts = await Promise.all(ORDERED_ACCOUNT_STORE_SIMULATORS.map((store) => store.build(spec, context)));
  return Object.assign(
    { id, name: spec.name, type: spec.type ?? "standard", createdOn: rfc3339Seconds(daysFrom(minter.now, -1095).getTime()) },
    ...parts,
  ) as SimAccount;
}

export async function buildState(scenario: Scenario, now: Date = new Date()): Promise<SimState> {
  const minter = await ScenarioMinter.create(now);
  const zones = await Promise.all(scenario.zones.map((zone) => buildZone(zone, minter)));
  const state: SimState = { zones };
  if (scenario.accounts) state.accounts = await Promise.all(scenario.accounts.map((account) => buildAccount(account, minter)));
  if (scenario.tokens) state.tokens = structuredClone(scenario.tokens);
  return state;
}
