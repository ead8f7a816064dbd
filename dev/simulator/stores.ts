// Each registered store's simulator parts, keyed by its name: the zone part of every store that
// reads zones, the account part of every store that reads accounts (Access has both). The
// compiler refuses a registered store without the part its scopes need, and a name here that is
// not registered (or not of that scope). Zone and account state, specs and routes all derive
// from these tables.
import { accessCertificateAccountSimulator, accessCertificateSimulator } from "../../src/stores/access-certificate/store.sim.js";
import { aopHostnameCertSimulator } from "../../src/stores/aop-hostname-cert/store.sim.js";
import { aopHostnameSimulator } from "../../src/stores/aop-hostname/store.sim.js";
import { aopZoneCertSimulator } from "../../src/stores/aop-zone-cert/store.sim.js";
import { certificatePackSimulator } from "../../src/stores/certificate-pack/store.sim.js";
import { clientCertificateSimulator } from "../../src/stores/client-certificate/store.sim.js";
import { customCertificateSimulator } from "../../src/stores/custom-certificate/store.sim.js";
import { customHostnameSimulator } from "../../src/stores/custom-hostname/store.sim.js";
import { gatewayCertificateSimulator } from "../../src/stores/gateway-certificate/store.sim.js";
import { mtlsCertificateSimulator } from "../../src/stores/mtls-certificate/store.sim.js";
import { originCaCertificateSimulator } from "../../src/stores/origin-ca-certificate/store.sim.js";
import { trustStoreSimulator } from "../../src/stores/trust-store/store.sim.js";
import { STORES } from "../../src/stores/registry.js";
import type { AccountStoreSimulator } from "./account-store-simulator.js";
import type { StoreSimulator } from "./store-simulator.js";

type AnyStoreSimulator = StoreSimulator<Readonly<Record<string, string>>, object, object, object>;
type AnyAccountStoreSimulator = AccountStoreSimulator<Readonly<Record<string, string>>, object, object, object>;

type Registered = (typeof STORES)[number];
/** The registered stores that read zones (`poll`). */
export type ZoneStoreName = Extract<Registered, { poll: unknown }>["name"];
/** The registered stores that read accounts (`pollAccount`). */
export type AccountStoreName = Extract<Registered, { pollAccount: unknown }>["name"];

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
  access_certificate: accessCertificateSimulator,
} as const satisfies { readonly [Name in ZoneStoreName]: AnyStoreSimulator };

export const ACCOUNT_STORE_SIMULATORS = {
  mtls_certificate: mtlsCertificateSimulator,
  access_certificate: accessCertificateAccountSimulator,
  gateway_certificate: gatewayCertificateSimulator,
} as const satisfies { readonly [Name in AccountStoreName]: AnyAccountStoreSimulator };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

type Simulators = (typeof STORE_SIMULATORS)[ZoneStoreName];
/** What the stores add to a simulated zone (`trustStore`, `customHostnames`, …). */
export type StoreZoneData = UnionToIntersection<Simulators extends unknown ? Awaited<ReturnType<Simulators["build"]>> : never>;
/** What the stores add to a zone spec. */
export type StoreZoneSpec = UnionToIntersection<Simulators extends unknown ? Parameters<Simulators["build"]>[0] : never>;
/** Every zone store route by name. */
export type StoreRoutes = UnionToIntersection<Simulators extends unknown ? Simulators["routes"] : never>;

type AccountSimulators = (typeof ACCOUNT_STORE_SIMULATORS)[AccountStoreName];
/** What the stores add to a simulated account (`mtlsCertificates`, `gatewayCertificates`, …). */
export type StoreAccountData = UnionToIntersection<AccountSimulators extends unknown ? Awaited<ReturnType<AccountSimulators["build"]>> : never>;
/** What the stores add to an account spec. */
export type StoreAccountSpec = UnionToIntersection<AccountSimulators extends unknown ? Parameters<AccountSimulators["build"]>[0] : never>;
/** Every account store route by name. */
export type AccountStoreRoutes = UnionToIntersection<AccountSimulators extends unknown ? AccountSimulators["routes"] : never>;

/** The zone parts, in the registry's order. */
export const ORDERED_STORE_SIMULATORS: readonly AnyStoreSimulator[] = STORES.filter((store) => store.poll !== undefined).map(
  (store) => STORE_SIMULATORS[store.name as ZoneStoreName],
);

/** The account parts, in the registry's order. */
export const ORDERED_ACCOUNT_STORE_SIMULATORS: readonly AnyAccountStoreSimulator[] = STORES.filter((store) => store.pollAccount !== undefined).map(
  (store) => ACCOUNT_STORE_SIMULATORS[store.name as AccountStoreName],
);
