import { z } from "zod";
import { CloudflareApiError } from "../../cloudflare/api-error.js";
import type { SourceItem } from "../../model/index.js";
import { readPagedItems } from "../paged-items.js";
import { defineStore } from "../store.js";
import { parseOriginCaExpiresOn } from "./expires-on.js";

/** `zone_id` is a query parameter of this list, not a path parameter (docs/cloudflare-api.md §B1). */
export const ORIGIN_CA_ENDPOINT = "/certificates";

/**
 * What the token needs: Cloudflare's docs name Zone / SSL and Certificates / Edit for Origin CA
 * API calls; whether Read is enough to list is unconfirmed (docs/cloudflare-api.md §B1).
 */
export const ORIGIN_CA_PERMISSION_HINT = "listing Origin CA certificates needs the API token permission Zone → SSL and Certificates → Edit (Read may not be enough)";

/**
 * Codes seen when the credential may not use the Origin CA API: 1016 "User is not authorized to
 * perform this action" and 10000 "Authentication error", the latter also on HTTP 400
 * (docs/cloudflare-api.md §B1, third-party reports).
 */
const PERMISSION_CODES = new Set([1016, 10000]);

/**
 * One item. Only `id` is required; every other field is read as leniently as it can be:
 * `expires_on` never fails the item (its wire format is unconfirmed, and the PEM wins anyway),
 * and `request_type` / `requested_validity` are shown, never judged, so a surprising value is
 * dropped rather than costing the certificate.
 */
const originCaItem = z
  .object({
    id: z.string().min(1),
    certificate: z.string().nullish(),
    hostnames: z.array(z.string()).nullish(),
    expires_on: z.unknown().transform(parseOriginCaExpiresOn),
    request_type: z.string().nullish().catch(null),
    requested_validity: z.number().nullish().catch(null),
  })
  .passthrough();

function toSourceItem(item: z.output<typeof originCaItem>): SourceItem {
  return {
    certId: item.id,
    // The certificate covers `hostnames` (its SANs) on the zone's origins, not one hostname.
    hostname: "",
    // The list has no status field (docs/cloudflare-api.md §B1), so none is made up: a null
    // status is "healthy" to CertificateNotActive, exports no certwatch_cert_status series and
    // shows an empty status cell, as for any record without one. The certificate rules (expiry,
    // chain, unparsable) still apply through the PEM.
    status: null,
    apiExpiresOn: item.expires_on,
    pem: item.certificate ?? null,
    // The list names no issuer; the PEM's issuer is shown wherever one is parsed.
    apiIssuer: null,
    attributes: {
      // As custom_certificate's `hosts`: what the context line and, without a PEM, the alert name show.
      hosts: item.hostnames?.join(", ") || null,
      request_type: item.request_type ?? null,
      requested_validity: item.requested_validity === null || item.requested_validity === undefined ? null : String(item.requested_validity),
    },
  };
}

/**
 * A 403, or an answer carrying one of the permission codes, is the token not being allowed to
 * use the Origin CA API: classed "forbidden" so the zone's other sources decide, as for any
 * store, between "unavailable on this zone" and "the token is wrong" (src/scheduler/poll-one.ts),
 * and told which permission to add.
 */
function withPermissionHint(error: unknown): unknown {
  if (!(error instanceof CloudflareApiError)) return error;
  const refused = error.status === 403 || (error.status === 400 && error.codes.some((code) => PERMISSION_CODES.has(code)));
  if (!refused) return error;
  return new CloudflareApiError("forbidden", error.endpoint, `${error.message} (${ORIGIN_CA_PERMISSION_HINT})`, error.status, error.errors);
}

/** Origin CA certificates: Cloudflare-issued certificates installed on the zone's origin servers. */
export const originCaCertificate = defineStore({
  name: "origin_ca_certificate",
  noun: "Origin CA certificate",
  namedBy: "hosts",
  resource: "Origin CA certificates (Cloudflare-issued, installed on the origin servers; an expired one breaks Full (strict))",
  endpoints: "`GET /certificates?zone_id={zone_id}`",
  // No status field in the list (docs/cloudflare-api.md §B1): nothing to class.
  statuses: { documented: [] },
  async poll({ zone, client, signal }) {
    try {
      // Paged as the SDK pages it; forEachPage stops at total_pages, or without it on a short or
      // empty page, and fails a list that ignores `page` instead of following it.
      return await readPagedItems(client, ORIGIN_CA_ENDPOINT, {}, originCaItem, toSourceItem, { signal, query: { zone_id: zone.id } });
    } catch (error) {
      throw withPermissionHint(error);
    }
  },
});
