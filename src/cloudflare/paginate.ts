import type { ApiReader } from "./client.js";
import { CloudflareApiError } from "./api-error.js";
import { PageConsistency } from "./page-consistency.js";

export const PER_PAGE = 50;
/**
 * 20,000 pages of 50 is 1,000,000 objects: ten times the largest SaaS zone we size for (100,000
 * custom hostnames), short of an endless loop. An endpoint that ignores `page` is caught by
 * {@link PageConsistency} by its second page, so this cap is only the last bound.
 */
export const MAX_PAGES = 20_000;

export interface PageOptions {
  signal?: AbortSignal;
  query?: Record<string, string>;
}

/**
 * Reads every page of a page-based list (docs/cloudflare-api.md §4): stops at `result_info.total_pages`, or,
 * when that is missing, on a short page, on reaching `total_count`, or on an empty page.
 * A list whose pages contradict each other (the same page again, an early empty page, counts
 * that do not add up) fails with reason `pagination` by its second page instead of being
 * followed to the page cap.
 *
 * Keeps every raw item until the end: a large list should use {@link forEachPage} and keep
 * only what it maps each page to.
 */
export async function listAllPages(
  client: ApiReader,
  template: string,
  params: Record<string, string>,
  options: PageOptions = {},
): Promise<unknown[]> {
  const items: unknown[] = [];
  await forEachPage(client, template, params, (result) => void items.push(...result), options);
  return items;
}

/**
 * Same reading as {@link listAllPages}, but hands each page's raw items to `onPage` (with the
 * index of its first item in the whole list) as it arrives and keeps nothing, so a page's JSON
 * becomes garbage as soon as `onPage` has mapped it.
 */
export async function forEachPage(
  client: ApiReader,
  template: string,
  params: Record<string, string>,
  onPage: (result: unknown[], offset: number) => void,
  options: PageOptions = {},
): Promise<void> {
  let seen = 0;
  const consistency = new PageConsistency(PER_PAGE);
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const envelope = await client.get(template, params, {
      query: { ...options.query, page, per_page: PER_PAGE },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!Array.isArray(envelope.result)) {
      throw new CloudflareApiError("invalid_response", template, `page ${page}: result is not a list`);
    }
    const result: unknown[] = envelope.result;
    const info = envelope.result_info ?? undefined;
    const contradiction = consistency.check(page, result, info, seen);
    if (contradiction !== null) {
      throw new CloudflareApiError("pagination", template, `page ${page}: ${contradiction}; stopped reading the list`);
    }
    onPage(result, seen);
    seen += result.length;
    if (result.length === 0) return;
    if (info?.total_pages !== undefined) {
      if (page >= info.total_pages) return;
      continue;
    }
    if (result.length < PER_PAGE) return;
    if (info?.total_count !== undefined && seen >= info.total_count) return;
  }
  throw new CloudflareApiError("pagination", template, `more than ${MAX_PAGES} pages; stopped`);
}
