// Zone-level authenticated origin pull as the simulator serves it: a single-page certificate
// list, its items, and the zone's on/off setting.
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { randomHexId } from "../../../dev/simulator/object-ids.js";
import { byId, itemOrNotFound, ok } from "../../../dev/simulator/reply.js";
import { apiExpiry, mintForApi, uploadTimes, type CertSpec } from "../../../dev/simulator/scenario-minting.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";
import type { OpenString } from "../../../dev/simulator/zone.js";
import type { AOP_STATUSES } from "../shared-statuses.js";

type AopStatus = (typeof AOP_STATUSES)[number];

/** An item of `GET /zones/:zone_id/origin_tls_client_auth`; ids are 32 hex characters. */
export interface ZoneAopCertItem {
  id: string;
  certificate: string;
  issuer: string;
  signature: string;
  status: OpenString<AopStatus>;
  expires_on: string;
  uploaded_on: string;
  /** Served in list items only, and only when set (the get leaves it out, as the fixture does). */
  enabled?: boolean;
}

/** A zone-level AOP certificate: minted from the state's client CA like a hostname certificate; `id` defaults to 32 random hex. */
export interface ZoneAopCertSpec extends CertSpec {
  /** Served as `enabled` on the list item when set. */
  enabled?: boolean;
}

export interface ZoneAopZoneData {
  /** Zone-level authenticated origin pull certificates. */
  aopZoneCertificates: ZoneAopCertItem[];
  /** `GET …/origin_tls_client_auth/settings`: whether zone-level AOP presents its certificate. */
  aopZoneEnabled: boolean;
}

export interface ZoneAopZoneSpec {
  aopZoneCertificates?: ZoneAopCertSpec[];
  /** Default true. */
  aopZoneEnabled?: boolean;
}

async function buildZoneAopCertItem(spec: ZoneAopCertSpec, now: Date, clientCa: Parameters<typeof mintForApi>[2]): Promise<ZoneAopCertItem> {
  const minted = await mintForApi(spec, now, clientCa);
  const item: ZoneAopCertItem = {
    id: spec.id ?? randomHexId(),
    certificate: minted.certificate,
    issuer: minted.issuer,
    signature: minted.signature,
    status: spec.status ?? "active",
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, now),
    uploaded_on: rfc3339Seconds(uploadTimes(minted.notBefore, now).uploadedOn.getTime()),
  };
  if (spec.enabled !== undefined) item.enabled = spec.enabled;
  return item;
}

/** As the fixture has it, a get leaves out the list item's `enabled`. */
function withoutEnabled(item: ZoneAopCertItem): Omit<ZoneAopCertItem, "enabled"> {
  const { enabled: _enabled, ...rest } = item;
  return rest;
}

const routes = {
  zoneAopCertificateList: "/zones/:zone_id/origin_tls_client_auth",
  zoneAopSettings: "/zones/:zone_id/origin_tls_client_auth/settings",
  zoneAopCertificateItem: "/zones/:zone_id/origin_tls_client_auth/:certificate_id",
} as const;

export const aopZoneCertSimulator = defineStoreSimulator({
  routes,
  async build(spec: ZoneAopZoneSpec, { minter }): Promise<ZoneAopZoneData> {
    const { now, clientCa } = minter;
    return {
      aopZoneCertificates: await Promise.all((spec.aopZoneCertificates ?? []).map((item) => buildZoneAopCertItem(item, now, clientCa))),
      aopZoneEnabled: spec.aopZoneEnabled ?? true,
    };
  },
  answer(zone, { template, params, path }) {
    switch (template) {
      case routes.zoneAopCertificateList:
        // A SinglePage list: no paging parameters and no result_info.
        return ok(structuredClone(zone.aopZoneCertificates));
      case routes.zoneAopSettings:
        return ok({ enabled: zone.aopZoneEnabled });
      default: {
        const item = byId(zone.aopZoneCertificates, params.certificate_id ?? "");
        return itemOrNotFound(item && withoutEnabled(item), path);
      }
    }
  },
});
