import { z } from "zod";
import { CloudflareApiError } from "../../cloudflare/api-error.js";
import type { SourceItem } from "../../model/index.js";
import { apiTimestamp } from "../api-fields.js";
import { describeIssue, InvalidItemTally, invalidReason } from "../invalid-items.js";
import { AOP_STATUSES } from "../shared-statuses.js";
import type { SourceContext } from "../source.js";
import { defineStore } from "../store.js";

const ENDPOINT = "/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname";

/** Reported as the status of a configured hostname that Cloudflare has no association for. */
export const NOT_ASSOCIATED = "not_associated";

const association = z
  .object({
    hostname: z.string().nullish(),
    cert_id: z.string().nullish(),
    enabled: z.boolean().nullish(),
    status: z.string().nullish(),
    cert_status: z.string().nullish(),
    certificate: z.string().nullish(),
    issuer: z.string().nullish(),
    expires_on: apiTimestamp,
  })
  .passthrough();

/**
 * Per-hostname AOP associations. The API cannot list them, so each configured hostname is read
 * on its own. A 404, or a 200 with `result: null`, is an answer ("no association"), not a failure.
 */
export const aopHostname = defineStore({
  name: "aop_hostname",
  noun: "Authenticated Origin Pulls hostname association",
  resource: "AOP: each configured hostname's association",
  endpoints: "`GET /zones/{zone_id}/origin_tls_client_auth/hostnames/{hostname}`",
  // certwatch's own value: a configured hostname Cloudflare has no association for.
  statuses: { documented: [...AOP_STATUSES, NOT_ASSOCIATED], own: { [NOT_ASSOCIATED]: "missing" } },
  appliesTo: (zone) => zone.hostnames.length > 0,
  async poll(context) {
    const invalid = new InvalidItemTally();
    const items = await Promise.all(context.zone.hostnames.map((hostname) => readAssociation(context, hostname, invalid)));
    return { items: items.filter((item): item is SourceItem => item !== null), invalid };
  },
});

/** What a configured hostname reads as when Cloudflare has no association for it. */
function notAssociated(hostname: string): SourceItem {
  return {
    certId: "",
    hostname,
    status: NOT_ASSOCIATED,
    apiExpiresOn: null,
    pem: null,
    apiIssuer: null,
    attributes: { enabled: null, cert_status: null },
  };
}

/** One hostname's association; null (and counted in `invalid`) when the answer is unusable. */
async function readAssociation({ zone, client, signal }: SourceContext, hostname: string, invalid: InvalidItemTally): Promise<SourceItem | null> {
  let result: unknown;
  try {
    result = (await client.get(ENDPOINT, { zone_id: zone.id, hostname }, { signal, notFoundIsAnswer: true })).result;
  } catch (error) {
    if (error instanceof CloudflareApiError && error.reason === "not_found") return notAssociated(hostname);
    throw error;
  }
  // A 200 with `result: null` says the same as the 404: there is no association.
  if (result === null) return notAssociated(hostname);
  const parsed = association.safeParse(result);
  if (!parsed.success) {
    invalid.add(invalidReason(result, parsed.error.issues), `association for ${hostname}: ${describeIssue(parsed.error.issues)}`);
    return null;
  }
  const item = parsed.data;
  return {
    certId: item.cert_id ?? "",
    hostname,
    status: item.status ?? null,
    apiExpiresOn: item.expires_on,
    pem: item.certificate ?? null,
    apiIssuer: item.issuer ?? null,
    // `enabled: null` means the association was voided; keep null distinct from false.
    attributes: { enabled: item.enabled ?? null, cert_status: item.cert_status ?? null },
  };
}
