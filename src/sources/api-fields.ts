import { z } from "zod";
import { CloudflareApiError } from "../cloudflare/api-error.js";
import type { SourceItem } from "../inventory/certificate-record.js";
import { describeIssue, InvalidItemTally, invalidReason, type ParsedItems } from "./invalid-items.js";

/** Cloudflare timestamps (RFC 3339, sometimes with microseconds) to epoch ms; null when absent. */
export const apiTimestamp = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value === "") return null;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: `not a timestamp: ${JSON.stringify(value).slice(0, 40)}` });
      return z.NEVER;
    }
    return ms;
  });

/**
 * Validates each API item with `schema` on its own: a bad item is skipped and counted, never a
 * reason to drop the rest of the list. Throws only when the list itself is not a list.
 */
export function parseItems<T extends z.ZodType>(schema: T, items: unknown, endpoint: string): ParsedItems<z.output<T>> {
  if (!Array.isArray(items)) throw new CloudflareApiError("invalid_response", endpoint, "result is not a list");
  const valid: Array<z.output<T>> = [];
  const invalid = new InvalidItemTally();
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else invalid.add(invalidReason(item, parsed.error.issues), `${endpoint} item ${index}: ${describeIssue(parsed.error.issues)}`);
  });
  return { items: valid, invalid };
}

/** The fields of a certificate object most stores share; a store's schema extends it. */
export const certificateObject = z
  .object({
    id: z.string().min(1),
    certificate: z.string().nullish(),
    issuer: z.string().nullish(),
    status: z.string().nullish(),
    expires_on: apiTimestamp,
  })
  .passthrough();

/** A SourceItem for a zone-wide certificate object (no hostname) in the shared shape. */
export function zoneCertificateItem(item: z.output<typeof certificateObject>, attributes: SourceItem["attributes"]): SourceItem {
  return {
    certId: item.id,
    hostname: "",
    status: item.status ?? null,
    apiExpiresOn: item.expires_on,
    pem: item.certificate ?? null,
    apiIssuer: item.issuer ?? null,
    attributes,
  };
}
