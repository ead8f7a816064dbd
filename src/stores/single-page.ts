import type { ApiReader } from "../cloudflare/client.js";
import { parseItems } from "./api-fields.js";
import type { ParsedItems } from "./invalid-items.js";
import type { z } from "zod";

export interface SinglePage<T> extends ParsedItems<T> {
  /** Set when result_info says the list has more pages than the one answer it gave. */
  note: string | null;
}

/**
 * Reads a list the SDK types as `SinglePage` (one request, never a page 2): the account mTLS
 * store and Gateway's certificates (docs/cloudflare-api.md §B3, §B5). [S24]'s example carries a
 * `result_info` with `total_pages`, and whether the server ever cuts such an answer short is not
 * known. If it says so, what came is still used (a partial list beats none) and the poll carries a
 * note for the log. Not an invalid item: certwatch_items_invalid_total counts items of the answer
 * that could not be used, and these were never in it.
 */
export async function readSinglePage<T extends z.ZodType>(
  client: ApiReader,
  endpoint: string,
  params: Record<string, string>,
  schema: T,
  signal: AbortSignal,
): Promise<SinglePage<z.output<T>>> {
  const envelope = await client.get(endpoint, params, { signal });
  const parsed = parseItems(schema, envelope.result, endpoint);
  const totalPages = envelope.result_info?.total_pages;
  const note =
    totalPages !== undefined && totalPages > 1
      ? `${endpoint} answered page 1 of ${totalPages} (total_count ${envelope.result_info?.total_count ?? "unknown"}) to a request the SDK never pages; kept the ${parsed.items.length + parsed.invalid.total} items it held`
      : null;
  return { ...parsed, note };
}
