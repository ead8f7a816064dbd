import type { ResultInfo } from "./envelope.js";

/**
 * Spots a paged list that cannot be trusted, page by page: an endpoint that ignores `page`
 * (every page is page 1 again, `total_pages: 1000`), an empty page before the last, or counts
 * that contradict each other. Each check is one the real API always passes, so a hit means
 * the answer is broken (or hostile), not that the list changed while it was read.
 */
export class PageConsistency {
  private previousIds: string | null = null;
  private firstTotalCount: number | undefined;

  constructor(private readonly requestedPerPage: number) {}

  /** Returns why `page` contradicts the pages before it, or null when it is plausible. */
  check(page: number, result: unknown[], info: ResultInfo | undefined, itemsBefore: number): string | null {
    const problem = this.contradiction(page, result, info, itemsBefore);
    this.previousIds = result.length ? idsOf(result) : null;
    if (this.firstTotalCount === undefined) this.firstTotalCount = info?.total_count;
    return problem;
  }

  private contradiction(page: number, result: unknown[], info: ResultInfo | undefined, itemsBefore: number): string | null {
    if (info?.page !== undefined && info.page !== page) {
      return `asked for page ${page} but the answer says page ${info.page} (the endpoint ignores \`page\`)`;
    }
    if (result.length > 0 && this.previousIds !== null && idsOf(result) === this.previousIds) {
      return "the same items as the page before (the endpoint ignores `page`)";
    }
    const totalPages = info?.total_pages;
    if (result.length === 0 && totalPages !== undefined && page < totalPages) {
      return `an empty page before the last (total_pages ${totalPages})`;
    }
    const totalCount = info?.total_count;
    if (totalCount === undefined) return null;
    if (itemsBefore + result.length > totalCount) {
      return `${itemsBefore + result.length} items so far, more than total_count ${totalCount}`;
    }
    const perPage = info?.per_page ?? this.requestedPerPage;
    if (totalPages !== undefined && perPage > 0 && !pagesFit(totalCount, perPage, totalPages)) {
      return `total_pages ${totalPages} does not fit total_count ${totalCount} at ${perPage} per page`;
    }
    // A list may grow or shrink a little while it is read; by more than a page it is not the same list.
    if (this.firstTotalCount !== undefined && Math.abs(totalCount - this.firstTotalCount) > perPage) {
      return `total_count jumped from ${this.firstTotalCount} to ${totalCount}`;
    }
    return null;
  }
}

/** Cloudflare answers total_pages = ⌈total_count / per_page⌉; an empty list may say 0 or 1. */
function pagesFit(totalCount: number, perPage: number, totalPages: number): boolean {
  const expected = Math.ceil(totalCount / perPage);
  return totalPages === expected || (totalCount === 0 && totalPages <= 1);
}

/** The page's identity: its items' ids in order (or the items themselves when they have none). */
function idsOf(result: unknown[]): string {
  return JSON.stringify(
    result.map((item) => {
      if (typeof item === "object" && item !== null && "id" in item && typeof item.id === "string") return item.id;
      return item;
    }),
  );
}
