import type { ApiReader } from "./client.js";
import { CloudflareApiError } from "./api-error.js";
import { PageConsistency } from "./page-consistency.js";

export const PER_PAGE = 50;
/** 1,000 pages of 50 is 50,000 objects: far past any real zone, short of an endless loop. */
const MAX_PAGES = 1000;

/**
 * Reads every page of a page-based list (api.md §4): stops at `result_info.total_pages`, or,
 * when that is missing, on a short page, on reaching `total_count`, or on an empty page.
 * A list whose pages contradict each other (the same page again, an early empty page, counts
 * that do not add up) fails with reason `pagination` by its second page instead of being
 * followed to the page cap.
 */
export async function listAllPages(
  client: ApiReader,
  template: string,
  params: Record<string, string>,
  options: { signal?: AbortSignal; query?: Record<string, string> } = {},
): Promise<unknown[]> {
  const items: unknown[] = [];
  const consistency = new PageConsistency(PER_PAGE);
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const envelope = await client.get(template, params, {
      query: { ...options.query, page, per_page: PER_PAGE },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!Array.isArray(envelope.result)) {
      throw new CloudflareApiError("invalid_response", template, `page ${page}: result is not a list`);
    }
    const info = envelope.result_info ?? undefined;
    const contradiction = consistency.check(page, envelope.result, info, items.length);
    if (contradiction !== null) {
      throw new CloudflareApiError("pagination", template, `page ${page}: ${contradiction}; stopped reading the list`);
    }
    items.push(...envelope.result);
    if (envelope.result.length === 0) return items;
    if (info?.total_pages !== undefined) {
      if (page >= info.total_pages) return items;
      continue;
    }
    if (envelope.result.length < PER_PAGE) return items;
    if (info?.total_count !== undefined && items.length >= info.total_count) return items;
  }
  throw new CloudflareApiError("pagination", template, `more than ${MAX_PAGES} pages; stopped`);
}
