// The trust store as the simulator serves it: a page-based list of root CAs and get by id. A zone
// without Advanced Certificate Manager answers 403 on both.
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { ACM_REQUIRED } from "../../../dev/simulator/envelope.js";
import { randomUUID } from "../../../dev/simulator/object-ids.js";
import { byId, forbidden, itemOrNotFound, pagedList } from "../../../dev/simulator/reply.js";
import { apiExpiry, mintForApi, uploadTimes, type CertSpec } from "../../../dev/simulator/scenario-minting.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";
import type { OpenString } from "../../../dev/simulator/zone.js";

/** Trust-store status enum of the SDK (`CustomTrustStore.status`). */
export type TrustStoreStatus = "initializing" | "pending_deployment" | "active" | "pending_deletion" | "deleted" | "expired";

/** An item of `GET /zones/:zone_id/acm/custom_trust_store`. */
export interface TrustStoreItem {
  id: string;
  certificate: string;
  issuer: string;
  signature: string;
  status: OpenString<TrustStoreStatus>;
  expires_on: string;
  uploaded_on: string;
  updated_at: string;
}

async function buildTrustStoreItem(spec: CertSpec, now: Date): Promise<TrustStoreItem> {
  if (spec.chain) throw new Error(`trust store entry ${spec.cn}: the trust store holds root CAs only, not chains`);
  // No issuer: trust-store entries are self-signed roots.
  const minted = await mintForApi(spec, now, undefined);
  const { uploadedOn, updatedAt } = uploadTimes(minted.notBefore, now);
  return {
    id: spec.id ?? randomUUID(),
    certificate: minted.certificate,
    issuer: minted.issuer,
    signature: minted.signature,
    status: spec.status ?? "active",
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, now),
    uploaded_on: rfc3339Seconds(uploadedOn.getTime()),
    updated_at: rfc3339Seconds(updatedAt.getTime()),
  };
}

const routes = {
  trustStoreList: "/zones/:zone_id/acm/custom_trust_store",
  trustStoreItem: "/zones/:zone_id/acm/custom_trust_store/:id",
} as const;

export const trustStoreSimulator = defineStoreSimulator({
  routes,
  async build(spec: { trustStore?: CertSpec[] }, { minter }): Promise<{ trustStore: TrustStoreItem[] }> {
    return { trustStore: await Promise.all((spec.trustStore ?? []).map((item) => buildTrustStoreItem(item, minter.now))) };
  },
  answer(zone, { template, params, path, query }) {
    if (zone.entitlements?.trustStore === false) return forbidden(ACM_REQUIRED);
    return template === routes.trustStoreList ? pagedList(zone.trustStore, query) : itemOrNotFound(byId(zone.trustStore, params.id ?? ""), path);
  },
});
