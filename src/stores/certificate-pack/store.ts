import { z } from "zod";
import { listAllPages } from "../../cloudflare/paginate.js";
import type { SourceItem } from "../../model/index.js";
import { apiTimestamp, parseItems } from "../api-fields.js";
import { CERTIFICATE_STATUSES } from "../shared-statuses.js";
import { defineStore } from "../store.js";

const ENDPOINT = "/zones/:zone_id/ssl/certificate_packs";

const pack = z
  .object({
    id: z.string().min(1),
    type: z.string().nullish(),
    status: z.string().nullish(),
    hosts: z.array(z.string()).nullish(),
    validation_errors: z.array(z.object({ message: z.string().nullish() }).passthrough()).nullish(),
    // Read one by one below, so one broken certificate does not take its pack's others along.
    certificates: z.array(z.unknown()).nullish(),
  })
  .passthrough();

const packCertificate = z
  .object({ id: z.string().min(1), status: z.string().nullish(), issuer: z.string().nullish(), expires_on: apiTimestamp, hosts: z.array(z.string()).nullish() })
  .passthrough();

/**
 * Edge certificate packs, every status (`status=all`: the default hides pending, timed-out and
 * expired packs). One record per certificate, with the pack's status; a pack with no
 * certificate yet is one record of its own so its status still alerts.
 */
export const certificatePack = defineStore({
  name: "certificate_pack",
  noun: "edge certificate pack certificate",
  resource: "edge certificate packs, every status",
  endpoints: "`GET /zones/{zone_id}/ssl/certificate_packs?status=all`",
  statuses: { documented: CERTIFICATE_STATUSES },
  async poll({ zone, client, signal }) {
    const raw = await listAllPages(client, ENDPOINT, { zone_id: zone.id }, { signal, query: { status: "all" } });
    const { items: packs, invalid } = parseItems(pack, raw, ENDPOINT);
    const items = packs.flatMap((p): SourceItem[] => {
      const common = {
        hostname: "",
        status: p.status ?? null,
        pem: null,
        attributes: {
          pack_id: p.id,
          pack_type: p.type ?? null,
          hosts: p.hosts?.join(", ") || null,
          validation_errors: p.validation_errors?.map((e) => e.message ?? "").filter(Boolean).join("; ") || null,
        },
      };
      const certificates = parseItems(packCertificate, p.certificates ?? [], `${ENDPOINT} pack ${p.id} certificates`);
      invalid.merge(certificates.invalid);
      // A pack whose every certificate is broken still has a status worth a record.
      if (certificates.items.length === 0) return [{ ...common, certId: p.id, apiExpiresOn: null, apiIssuer: null }];
      return certificates.items.map((c) => ({
        ...common,
        certId: c.id,
        apiExpiresOn: c.expires_on,
        apiIssuer: c.issuer ?? null,
        attributes: { ...common.attributes, cert_status: c.status ?? null, hosts: c.hosts?.join(", ") || common.attributes.hosts },
      }));
    });
    return { items, invalid };
  },
});
