import { z } from "zod";
import { CloudflareApiError } from "../cloudflare/api-error.js";
import type { SourceItem } from "../inventory/certificate-record.js";

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

/** Validates a list of API items with `schema`; a bad item fails the whole poll, never half of it. */
export function parseItems<T extends z.ZodType>(schema: T, items: unknown, endpoint: string): Array<z.output<T>> {
  const parsed = z.array(schema).safeParse(items);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown";
    throw new CloudflareApiError("invalid_response", endpoint, `unexpected item shape at ${where}`);
  }
  return parsed.data;
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
