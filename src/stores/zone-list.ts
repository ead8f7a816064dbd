import { z } from "zod";
import type { ApiReader } from "../cloudflare/client.js";
import { listAllPages } from "../cloudflare/paginate.js";
import { parseItems } from "./api-fields.js";

const ENDPOINT = "/zones";

const zoneItem = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    status: z.string().nullish(),
    // The owning account: what account discovery adds to GET /accounts (and all an account-owned token can learn).
    account: z.object({ id: z.string().nullish(), name: z.string().nullish() }).passthrough().nullish(),
  })
  .passthrough();

export interface ListedZone {
  id: string;
  name: string;
  status: string | null;
  /** The zone's account, when the listing names it. */
  account?: { id: string; name: string } | null;
}

/** Every zone the token can see (zone discovery), optionally of one account or matching a name filter. */
export async function listZones(
  client: ApiReader,
  filter: { account_id: string | null; name: string | null },
  signal: AbortSignal,
): Promise<ListedZone[]> {
  const query: Record<string, string> = {};
  if (filter.account_id) query["account.id"] = filter.account_id;
  if (filter.name) query.name = filter.name;
  const raw = await listAllPages(client, ENDPOINT, {}, { signal, query });
  // A zone item without id or name cannot be watched; the others still are.
  return parseItems(zoneItem, raw, ENDPOINT).items.map((z) => ({ id: z.id, name: z.name, status: z.status ?? null, account: accountOf(z.account) }));
}

function accountOf(account: { id?: string | null; name?: string | null } | null | undefined): { id: string; name: string } | null {
  if (!account?.id) return null;
  return { id: account.id, name: account.name || account.id };
}
