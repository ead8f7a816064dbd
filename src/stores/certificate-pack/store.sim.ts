// Certificate packs as the simulator serves them: a page-based list and get by id.
import { byId, itemOrNotFound, pagedList } from "../../../dev/simulator/reply.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";
import { buildCertificatePack, type CertificatePackItem, type CertificatePackSpec } from "./scenario.sim.js";

/**
 * The real API's trap: without `status=all` the pack list holds active packs only, so pending,
 * timed-out and expired packs are invisible to a client that forgets it. Any other value is
 * treated like no value.
 */
function listedPacks(packs: CertificatePackItem[], query: URLSearchParams): CertificatePackItem[] {
  return query.get("status") === "all" ? packs : packs.filter((pack) => pack.status === "active");
}

const routes = {
  certificatePackList: "/zones/:zone_id/ssl/certificate_packs",
  certificatePackItem: "/zones/:zone_id/ssl/certificate_packs/:certificate_pack_id",
} as const;

export const certificatePackSimulator = defineStoreSimulator({
  routes,
  build(spec: { certificatePacks?: CertificatePackSpec[] }, { zoneId, minter }): { certificatePacks: CertificatePackItem[] } {
    return { certificatePacks: (spec.certificatePacks ?? []).map((pack) => buildCertificatePack(pack, zoneId, minter.now)) };
  },
  answer(zone, { template, params, path, query }) {
    // A get finds a pack whatever its status.
    if (template === routes.certificatePackItem) return itemOrNotFound(byId(zone.certificatePacks, params.certificate_pack_id ?? ""), path);
    return pagedList(listedPacks(zone.certificatePacks, query), query);
  },
});
