// Each registered store's simulator part, keyed by its name: the compiler refuses a store in
// src/stores/registry.ts without one here, and a name here that is not registered. The zone
// state, the zone spec and the routes all derive from this table.
import type { SourceName } from "../../src/model/index.js";
import { aopHostnameCertSimulator } from "../../src/stores/aop-hostname-cert/store.sim.js";
import { aopHostnameSimulator } from "../../src/stores/aop-hostname/store.sim.js";
import { aopZoneCertSimulator } from "../../src/stores/aop-zone-cert/store.sim.js";
import { certificatePackSimulator } from "../../src/stores/certificate-pack/store.sim.js";
import { clientCertificateSimulator } from "../../src/stores/client-certificate/store.sim.js";
import { customCertificateSimulator } from "../../src/stores/custom-certificate/store.sim.js";
import { customHostnameSimulator } from "../../src/stores/custom-hostname/store.sim.js";
import { originCaCertificateSimulator } from "../../src/stores/origin-ca-certificate/store.sim.js";
import { trustStoreSimulator } from "../../src/stores/trust-store/store.sim.js";
import { STORES } from "../../src/stores/registry.js";
import type { StoreSimulator } from "./store-simulator.js";

type AnyStoreSimulator = StoreSimulator<Readonly<Record<string, string>>, object, object, object>;

export const STORE_SIMULATORS = {
  trust_store: trustStoreSimulator,
  aop_hostname_cert: aopHostnameCertSimulator,
  aop_hostname: aopHostnameSimulator,
  aop_zone_cert: aopZoneCertSimulator,
  custom_hostname: customHostnameSimulator,
  custom_certificate: customCertificateSimulator,
  certificate_pack: certificatePackSimulator,
  client_certificate: clientCertificateSimulator,
  origin_ca_certificate: originCaCertificateSimulator,
} as const satisfies { readonly [Name in SourceName]: AnyStoreSimulator };

type Simulators = (typeof STORE_SIMULATORS)[SourceName];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** What the stores add to a simulated zone (`trustStore`, `customHostnames`, …). */
export type StoreZoneData = UnionToIntersection<Simulators extends unknown ? Awaited<ReturnType<Simulators["build"]>> : never>;
/** What the stores add to a zone spec. */
export type StoreZoneSpec = UnionToIntersection<Simulators extends unknown ? Parameters<Simulators["build"]>[0] : never>;
/** Every store route by name. */
export type StoreRoutes = UnionToIntersection<Simulators extends unknown ? Simulators["routes"] : never>;

/** The store simulators in the registry's order. */
export const ORDERED_STORE_SIMULATORS: readonly AnyStoreSimulator[] = STORES.map((store) => STORE_SIMULATORS[store.name]);
