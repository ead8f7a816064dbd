// Every Cloudflare store certwatch reads, one line each. Everything that lists stores derives
// from STORES: the names the config accepts, the polling order, the wording of alerts, the
// status classes, the simulator's routes and the README's table (npm run docs:stores).
import { aopHostnameCert } from "./aop-hostname-cert/store.js";
import { aopHostname } from "./aop-hostname/store.js";
import { aopZoneCert } from "./aop-zone-cert/store.js";
import { certificatePack } from "./certificate-pack/store.js";
import { clientCertificate } from "./client-certificate/store.js";
import { customCertificate } from "./custom-certificate/store.js";
import { customHostname } from "./custom-hostname/store.js";
import { originCaCertificate } from "./origin-ca-certificate/store.js";
import { mtlsCertificate } from "./mtls-certificate/store.js";
import { accessCertificate } from "./access-certificate/store.js";
import { gatewayCertificate } from "./gateway-certificate/store.js";
import type { SourceName } from "../model/index.js";
import type { Source } from "./source.js";
import { trustStore } from "./trust-store/store.js";

/** In the order a cycle polls them. */
export const STORES = [
  trustStore,
  aopHostnameCert,
  aopHostname,
  aopZoneCert,
  customHostname,
  customCertificate,
  certificatePack,
  clientCertificate,
  originCaCertificate,
  mtlsCertificate,
  accessCertificate,
  gatewayCertificate,
] as const;

type RegisteredName = (typeof STORES)[number]["name"];

declare module "../model/source-name.js" {
  // A name exists because a store above carries it, and only then.
  interface RegisteredStoreNames extends Record<RegisteredName, true> {}
}

export type { SourceName };

/**
 * Every store's name, in polling order: what `zones[].sources` may name. Typed as a non-empty
 * tuple because z.enum takes one; STORES is a literal list, so it is never empty.
 */
export const SOURCE_NAMES = STORES.map((store) => store.name) as unknown as readonly [RegisteredName, ...RegisteredName[]];

/** Every store as the scheduler polls it, in polling order. */
export const ALL_SOURCES: readonly Source[] = STORES;

/** The stores `zones[].sources` may name, in polling order. */
export const ZONE_SOURCE_NAMES: readonly SourceName[] = STORES.filter((store) => store.poll !== undefined).map((store) => store.name);

/** What a zone reads when its config lists no `sources`: every zone store but the opt-in ones. */
export const DEFAULT_ZONE_SOURCE_NAMES: readonly SourceName[] = STORES.filter((store) => store.poll !== undefined && store.zonesOptIn !== true).map((store) => store.name);

/** The stores `accounts[].sources` may name (and an account reads when it lists none), in polling order. */
export const ACCOUNT_SOURCE_NAMES: readonly SourceName[] = STORES.filter((store) => store.pollAccount !== undefined).map((store) => store.name);
