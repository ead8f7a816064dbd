import { z } from "zod";
import { CloudflareApiError } from "../cloudflare/api-error.js";
import type { SourceItem } from "../model/index.js";
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
    const parsed = parseItem(schema, item, index, endpoint, invalid);
    if (parsed !== undefined) valid.push(parsed);
  });
  return { items: valid, invalid };
}

/**
 * Validates one API item (the `index`-th of its list) with `schema`: its parsed form, or
 * undefined after counting it in `invalid`. For sources that map a list page by page.
 */
export function parseItem<T extends z.ZodType>(
  schema: T,
  item: unknown,
  index: number,
  endpoint: string,
  invalid: InvalidItemTally,
): z.output<T> | undefined {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  invalid.add(invalidReason(item, parsed.error.issues), `${endpoint} item ${index}: ${describeIssue(parsed.error.issues)}`);
  return undefined;
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
    status: intern(item.status ?? null),
    apiExpiresOn: item.expires_on,
    pem: item.certificate ?? null,
    apiIssuer: intern(item.issuer ?? null),
    attributes,
  };
}

const interned = new Map<string, string>();
const MAX_INTERNED = 4096;
const MAX_INTERNED_LENGTH = 64;

/**
 * One shared copy of a short, often repeated API string (a status, an issuer): JSON.parse gives
 * every item its own, and a SaaS zone's 100,000 hostnames would keep 100,000 copies of "active".
 * Bounded, so ids or hostnames passed by mistake cannot grow it past a few hundred KB.
 */
export function intern<T extends string | null | undefined>(value: T): T {
  if (typeof value !== "string" || value.length > MAX_INTERNED_LENGTH) return value;
  const known = interned.get(value);
  if (known !== undefined) return known as T;
  if (interned.size < MAX_INTERNED) interned.set(value, value);
  return value;
}
