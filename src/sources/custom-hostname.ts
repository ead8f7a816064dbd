import { z } from "zod";
import { listAllPages } from "../cloudflare/paginate.js";
import type { Source } from "./source.js";
import { apiTimestamp, parseItems } from "./api-fields.js";

const ENDPOINT = "/zones/:zone_id/custom_hostnames";

const message = z.union([z.string(), z.object({ message: z.string().nullish() }).passthrough()]);

const customHostname = z
  .object({
    id: z.string().min(1),
    hostname: z.string().min(1),
    status: z.string().nullish(),
    verification_errors: z.array(message).nullish(),
    ssl: z
      .object({
        status: z.string().nullish(),
        custom_certificate: z.string().nullish(),
        expires_on: apiTimestamp,
        issuer: z.string().nullish(),
        certificate_authority: z.string().nullish(),
        validation_errors: z.array(message).nullish(),
        certificates: z.array(z.object({ expires_on: apiTimestamp, issuer: z.string().nullish() }).passthrough()).nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

/**
 * Custom hostnames (SSL for SaaS). A custom-uploaded certificate carries its PEM; a managed
 * (CA-issued) one does not, so its record holds only the API's earliest `certificates[].expires_on`.
 */
export const customHostnameSource: Source = {
  name: "custom_hostname",
  async poll({ zone, client, signal }) {
    const raw = await listAllPages(client, ENDPOINT, { zone_id: zone.id }, { signal });
    const { items: hostnames, invalid } = parseItems(customHostname, raw, ENDPOINT);
    const items = hostnames.map((item) => {
      const ssl = item.ssl ?? null;
      const custom = Boolean(ssl?.custom_certificate);
      const managedDates = (ssl?.certificates ?? []).map((c) => c.expires_on).filter((d): d is number => d !== null);
      const apiExpiresOn = custom ? (ssl?.expires_on ?? null) : managedDates.length ? Math.min(...managedDates) : (ssl?.expires_on ?? null);
      return {
        certId: item.id,
        hostname: item.hostname,
        status: ssl?.status ?? null,
        apiExpiresOn,
        pem: custom ? (ssl?.custom_certificate ?? null) : null,
        apiIssuer: ssl?.issuer ?? ssl?.certificates?.[0]?.issuer ?? ssl?.certificate_authority ?? null,
        attributes: {
          hostname_status: item.status ?? null,
          certificate_kind: custom ? "custom" : ssl ? "managed" : "none",
          verification_errors: joinMessages(item.verification_errors),
          validation_errors: joinMessages(ssl?.validation_errors),
        },
      };
    });
    return { items, invalid };
  },
};

function joinMessages(messages: Array<z.infer<typeof message>> | null | undefined): string | null {
  const texts = (messages ?? []).map((m) => (typeof m === "string" ? m : (m.message ?? ""))).filter(Boolean);
  return texts.length ? texts.join("; ") : null;
}
