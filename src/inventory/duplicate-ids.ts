import { createHash } from "node:crypto";
import type { SourceItem } from "../model/index.js";

export interface DuplicateIds {
  /** The API ids (with hostname, where it is part of the identity) that came more than once. */
  ids: string[];
  /** How many items they were between them. */
  items: number;
}

/**
 * Gives every item of one poll its own identity. Two items under the same id (and hostname)
 * would share one record key, one alert and one set of metric series, and one would hide the
 * other. Each copy of a repeated id becomes `<id>#<fp8>`: the first 8 hex digits of its
 * certificate's SHA-256 fingerprint (of the item's API fields when it has no PEM). Every copy
 * is renamed, not only the later ones, so an identity does not depend on the order the API
 * lists the copies in; copies that are identical still get `-2`, `-3`… so no two collide.
 */
export function separateDuplicateIds(items: SourceItem[]): { items: SourceItem[]; duplicates: DuplicateIds | null } {
  const groups = new Map<string, number>();
  for (const item of items) groups.set(identity(item), (groups.get(identity(item)) ?? 0) + 1);
  const repeated = [...groups].filter(([, n]) => n > 1);
  if (repeated.length === 0) return { items, duplicates: null };

  const taken = new Set(items.filter((item) => (groups.get(identity(item)) ?? 0) === 1).map(identity));
  const renamed = items.map((item) => {
    if ((groups.get(identity(item)) ?? 0) < 2) return item;
    const base = `${item.certId}#${fingerprint8(item)}`;
    let certId = base;
    for (let n = 2; taken.has(identity({ ...item, certId })); n += 1) certId = `${base}-${n}`;
    taken.add(identity({ ...item, certId }));
    return { ...item, certId };
  });
  const ids = repeated.map(([key]) => {
    const [id = "", hostname] = key.split("\u0000");
    return hostname ? `${id} (${hostname})` : id;
  });
  return { items: renamed, duplicates: { ids, items: repeated.reduce((sum, [, n]) => sum + n, 0) } };
}

function identity(item: Pick<SourceItem, "certId" | "hostname">): string {
  return `${item.certId}\u0000${item.hostname}`;
}

function fingerprint8(item: SourceItem): string {
  const der = item.pem === null ? null : firstPemBlock(item.pem);
  const content = der ?? Buffer.from(JSON.stringify([item.status, item.apiExpiresOn, item.apiIssuer, item.attributes]));
  return createHash("sha256").update(content).digest("hex").slice(0, 8);
}

/** The DER bytes of the first PEM block: its SHA-256 is the certificate's usual fingerprint. */
function firstPemBlock(pem: string): Buffer | null {
  const match = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/.exec(pem);
  const body = match?.[1]?.replace(/\s+/g, "") ?? "";
  return body ? Buffer.from(body, "base64") : null;
}
