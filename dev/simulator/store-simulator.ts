// The contract between the simulator core and a store's simulator part (src/stores/*/store.sim.ts).
import type { ScenarioMinter } from "./scenario-minting.js";
import type { JsonReply } from "./reply.js";
import type { ZoneBase } from "./zone.js";

/** What a store's builder gets besides its own part of the zone spec. */
export interface StoreBuildContext {
  /** The zone's id, which some objects repeat (`zone_id`). */
  zoneId: string;
  zoneName: string;
  minter: ScenarioMinter;
}

/** A matched request, as a store's part (zone or account) answers it. */
export interface StoreRequest {
  template: string;
  /** Decoded path parameters; always holds `zone_id`, or `account_id` on an account route. */
  params: Record<string, string>;
  path: string;
  query: URLSearchParams;
}

/**
 * One store as the simulator serves it. `Data` is what it adds to a zone (e.g. `{ trustStore:
 * TrustStoreItem[] }`), `Spec` what it adds to a zone spec, `Zone` what its answers read: its
 * own data, unless it serves another store's (an AOP association is kept with the hostname
 * certificates it points at).
 */
export interface StoreSimulator<Routes extends Readonly<Record<string, string>>, Data extends object, Spec extends object, Zone extends object = ZoneBase & Data> {
  /** Route name → template, as tests count requests by (`ROUTE_TEMPLATES`). */
  readonly routes: Routes;
  build(spec: Spec, context: StoreBuildContext): Promise<Data> | Data;
  answer(zone: Zone, request: StoreRequest): JsonReply;
}

/** Keeps the route names and the Data/Spec types literal, which the core derives SimZone and ZoneSpec from. */
export function defineStoreSimulator<
  const Routes extends Readonly<Record<string, string>>,
  Data extends object,
  Spec extends object,
  Zone extends object = ZoneBase & Data,
>(simulator: StoreSimulator<Routes, Data, Spec, Zone>): StoreSimulator<Routes, Data, Spec, Zone> {
  return simulator;
}
